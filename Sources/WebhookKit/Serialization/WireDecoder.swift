/// Decodes notifications and JSON values from the wire format, fast and defensively.
///
/// Input from the network is untrusted, so the decoder refuses, with a
/// ``WireDecodingError`` naming the byte offset and field path: input over
/// ``Configuration/maximumInputSize``, nesting deeper than ``Configuration/maximumDepth``,
/// invalid UTF-8 (overlong forms and surrogates included), raw control characters in
/// strings, lone surrogate escapes, integers beyond `Int64` and numbers beyond `Double`,
/// repeated member names, truncated input and trailing bytes. Work and memory are linear
/// in the input size, and recursion is bounded by the depth limit.
///
/// Unknown members are skipped (after the same checks), so newer senders can add fields.
/// Optional envelope members may be absent or `null`.
///
/// ```swift
/// let decoder = WireDecoder()
/// let notification = try decoder.decode(body)       // body: [UInt8] from the request
/// ```
public struct WireDecoder: Sendable {
    /// Limits applied to every input.
    public struct Configuration: Sendable, Hashable {
        /// The longest input accepted, in bytes; default 1 MiB.
        public var maximumInputSize: Int
        /// The deepest nesting of arrays and objects accepted, the envelope counting as 1;
        /// default 64. Values above ``depthCeiling`` are lowered to it, which keeps the
        /// recursive reader far from the end of any thread's stack.
        public var maximumDepth: Int

        /// The highest ``maximumDepth`` honoured.
        public static let depthCeiling = 256

        /// Creates a configuration.
        public init(maximumInputSize: Int = 1 << 20, maximumDepth: Int = 64) {
            self.maximumInputSize = maximumInputSize
            self.maximumDepth = maximumDepth
        }
    }

    /// The limits in force.
    public let configuration: Configuration

    /// Creates a decoder with the given limits.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// Decodes one notification.
    public func decode(_ bytes: some Collection<UInt8>) throws(WireDecodingError) -> DeviceNotification {
        try read(bytes) { (reader: inout JSONReader) throws(WireDecodingError) in try reader.readNotification(depth: 1) }
    }

    /// Decodes one notification from raw memory, such as a receive buffer.
    public func decode(_ buffer: UnsafeRawBufferPointer) throws(WireDecodingError) -> DeviceNotification {
        try read(buffer.assumingMemoryBound(to: UInt8.self)) { (reader: inout JSONReader) throws(WireDecodingError) in
            try reader.readNotification(depth: 1)
        }
    }

    /// Decodes a batch, `{"messages":[…]}`.
    public func decodeBatch(_ bytes: some Collection<UInt8>) throws(WireDecodingError) -> [DeviceNotification] {
        try read(bytes) { (reader: inout JSONReader) throws(WireDecodingError) in try reader.readBatch(depth: 1) }
    }

    /// Decodes any JSON value, with the same limits and checks as notifications.
    public func decodeValue(_ bytes: some Collection<UInt8>) throws(WireDecodingError) -> JSONValue {
        try read(bytes) { (reader: inout JSONReader) throws(WireDecodingError) in try reader.readValue(depth: 0) }
    }

    /// Runs `body` over the bytes in contiguous memory (copying only when the collection
    /// has none).
    private func read<T>(
        _ bytes: some Collection<UInt8>,
        _ body: (inout JSONReader) throws(WireDecodingError) -> T
    ) throws(WireDecodingError) -> T {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(WireDecodingError) -> T in try read(buffer, body) }
        }
        if let result { return try result.get() }
        return try read(Array(bytes), body)
    }

    /// Checks the size, runs `body` from the start and requires that nothing follows.
    private func read<T>(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ body: (inout JSONReader) throws(WireDecodingError) -> T
    ) throws(WireDecodingError) -> T {
        guard buffer.count <= configuration.maximumInputSize else {
            throw WireDecodingError(.tooLarge, at: configuration.maximumInputSize)
        }
        guard let base = buffer.baseAddress, buffer.count > 0 else { throw WireDecodingError(.unexpectedEnd, at: 0) }
        let depth = min(max(configuration.maximumDepth, 0), Configuration.depthCeiling)
        var reader = JSONReader(base: base, count: buffer.count, maximumDepth: depth)
        do {
            let value = try body(&reader)
            try reader.expectEnd()
            return value
        } catch {
            throw error.rooted()
        }
    }
}
