/// A forward-only JSON tokenizer over a contiguous byte buffer: the building block of
/// ``WireDecoder``.
///
/// It works on raw pointers so that the hot loops are free of bounds-check and
/// copy-on-write overhead; every read is guarded by `position < end`. Errors are raised
/// with an empty field path, which callers extend with ``WireDecodingError/inside(key:)``
/// on the way out. Nesting is bounded by `maximumDepth`, so the recursive readers cannot
/// exhaust the stack.
struct JSONReader {
    /// The start of the input.
    let base: UnsafePointer<UInt8>
    /// The input length; valid bytes are `base[0..<end]`.
    let end: Int
    /// The next byte to read.
    var position = 0
    /// The deepest nesting of arrays and objects accepted.
    let maximumDepth: Int
    /// Holds the decoded bytes of the last string that contained escapes.
    var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, maximumDepth: Int) {
        self.base = base
        self.end = count
        self.maximumDepth = maximumDepth
    }

    /// Skips JSON whitespace (space, tab, line feed, carriage return).
    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    /// The next non-whitespace byte, not consumed.
    @inline(__always)
    mutating func peekToken() throws(WireDecodingError) -> UInt8 {
        skipWhitespace()
        guard position < end else { throw .raw(.unexpectedEnd, at: position) }
        return base[position]
    }

    /// Consumes `byte` after optional whitespace, or throws naming `expected`.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ expected: String) throws(WireDecodingError) {
        guard try peekToken() == byte else {
            throw .raw(.unexpectedCharacter(expected: expected), at: position)
        }
        position += 1
    }

    /// Requires that only whitespace is left.
    mutating func expectEnd() throws(WireDecodingError) {
        skipWhitespace()
        guard position == end else { throw .raw(.trailingData, at: position) }
    }

    // MARK: Containers

    /// Consumes the `{` of an object opened at nesting `depth` (1 for the root); returns
    /// `false` when the object is empty (its `}` consumed as well).
    mutating func beginObject(depth: Int, expected: String = "an object") throws(WireDecodingError) -> Bool {
        guard try peekToken() == UInt8(ascii: "{") else { throw .raw(.wrongType(expected: expected), at: position) }
        guard depth <= maximumDepth else { throw .raw(.tooDeep, at: position) }
        position += 1
        guard try peekToken() == UInt8(ascii: "}") else { return true }
        position += 1
        return false
    }

    /// After a member value: consumes `,` and returns `true`, or consumes `}` and returns `false`.
    @inline(__always)
    mutating func nextMember() throws(WireDecodingError) -> Bool {
        switch try peekToken() {
        case UInt8(ascii: ","): position += 1; return true
        case UInt8(ascii: "}"): position += 1; return false
        default: throw .raw(.unexpectedCharacter(expected: "',' or '}'"), at: position)
        }
    }

    /// Consumes the `[` of an array opened at nesting `depth`; returns `false` when the
    /// array is empty (its `]` consumed as well).
    mutating func beginArray(depth: Int, expected: String = "an array") throws(WireDecodingError) -> Bool {
        guard try peekToken() == UInt8(ascii: "[") else { throw .raw(.wrongType(expected: expected), at: position) }
        guard depth <= maximumDepth else { throw .raw(.tooDeep, at: position) }
        position += 1
        guard try peekToken() == UInt8(ascii: "]") else { return true }
        position += 1
        return false
    }

    /// After an element: consumes `,` and returns `true`, or consumes `]` and returns `false`.
    @inline(__always)
    mutating func nextElement() throws(WireDecodingError) -> Bool {
        switch try peekToken() {
        case UInt8(ascii: ","): position += 1; return true
        case UInt8(ascii: "]"): position += 1; return false
        default: throw .raw(.unexpectedCharacter(expected: "',' or ']'"), at: position)
        }
    }

    /// Reads a member name and the `:` after it; the name's bytes are in the returned span.
    mutating func readKey() throws(WireDecodingError) -> StringSpan {
        guard try peekToken() == UInt8(ascii: "\"") else {
            throw .raw(.unexpectedCharacter(expected: "a member name"), at: position)
        }
        let span = try readStringSpan()
        try expect(UInt8(ascii: ":"), "':'")
        return span
    }
}
