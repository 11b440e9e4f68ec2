extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON text, e.g. `3`, `"on"` or `{"WidgetId":"lights"}`.
    public var description: String {
        String(decoding: WireEncoder().encode(self), as: UTF8.self)
    }
}
