/// Where a string's decoded bytes are after ``JSONReader/readStringSpan()``: a slice of
/// the input when it had no escapes, otherwise the reader's scratch buffer.
struct StringSpan {
    /// Offset of the opening quote.
    let quote: Int
    /// Offset of the first content byte in the input.
    let start: Int
    /// Offset one past the last content byte in the input (the closing quote).
    let end: Int
    /// Whether the content had escapes, so the decoded bytes live in the scratch buffer.
    let escaped: Bool
}
