extension JSONReader {
    /// Reads a string starting at its opening quote (at `position`), validating UTF-8
    /// and decoding escapes into `scratch` when there are any.
    mutating func readStringSpan() throws(WireDecodingError) -> StringSpan {
        let quote = position
        let start = quote + 1
        var index = start
        while true {
            guard index < end else { throw .raw(.unexpectedEnd, at: end) }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return StringSpan(quote: quote, start: start, end: index, escaped: false)
            }
            if byte == UInt8(ascii: "\\") {
                return try readEscapedString(quote: quote, firstEscape: index)
            }
            if byte < 0x20 { throw .raw(.controlCharacter, at: index) }
            if byte < 0x80 {
                index += 1
            } else {
                index = try validateUTF8Sequence(at: index)
            }
        }
    }

    /// The slow path of ``readStringSpan()``: copies the content decoded into `scratch`.
    private mutating func readEscapedString(quote: Int, firstEscape: Int) throws(WireDecodingError) -> StringSpan {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + quote + 1, count: firstEscape - quote - 1))
        var index = firstEscape
        while true {
            guard index < end else { throw .raw(.unexpectedEnd, at: end) }
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                position = index + 1
                return StringSpan(quote: quote, start: quote + 1, end: index, escaped: true)
            case UInt8(ascii: "\\"):
                index = try decodeEscape(at: index)
            case 0..<0x20:
                throw .raw(.controlCharacter, at: index)
            case 0x20..<0x80:
                scratch.append(byte)
                index += 1
            default:
                let next = try validateUTF8Sequence(at: index)
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + index, count: next - index))
                index = next
            }
        }
    }

    /// Decodes the escape whose backslash is at `index` into `scratch`; returns the
    /// offset after it.
    private mutating func decodeEscape(at index: Int) throws(WireDecodingError) -> Int {
        guard index + 1 < end else { throw .raw(.unexpectedEnd, at: end) }
        let decoded: UInt8
        switch base[index + 1] {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"): return try decodeUnicodeEscape(at: index)
        default: throw .raw(.invalidEscape, at: index)
        }
        scratch.append(decoded)
        return index + 2
    }

    /// Decodes `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, at `index`.
    private mutating func decodeUnicodeEscape(at index: Int) throws(WireDecodingError) -> Int {
        var scalar = try hexQuad(at: index + 2, escape: index)
        var next = index + 6
        if scalar >= 0xDC00, scalar <= 0xDFFF { throw .raw(.invalidEscape, at: index) }
        if scalar >= 0xD800, scalar <= 0xDBFF {
            guard next + 1 < end else { throw .raw(.unexpectedEnd, at: end) }
            guard base[next] == UInt8(ascii: "\\"), base[next + 1] == UInt8(ascii: "u") else {
                throw .raw(.invalidEscape, at: index)
            }
            let low = try hexQuad(at: next + 2, escape: next)
            guard low >= 0xDC00, low <= 0xDFFF else { throw .raw(.invalidEscape, at: index) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        }
        appendUTF8(scalar)
        return next
    }

    /// Four hex digits at `start` as a number.
    private func hexQuad(at start: Int, escape: Int) throws(WireDecodingError) -> UInt32 {
        var value: UInt32 = 0
        for offset in start..<(start + 4) {
            guard offset < end else { throw .raw(.unexpectedEnd, at: end) }
            let byte = base[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .raw(.invalidEscape, at: escape)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Appends a Unicode scalar value (never a surrogate) as UTF-8 to `scratch`.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence whose lead byte is at `index` (Unicode 15,
    /// table 3-7: no overlong forms, no surrogates, nothing beyond U+10FFFF); returns the
    /// offset after it.
    private func validateUTF8Sequence(at index: Int) throws(WireDecodingError) -> Int {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw .raw(.invalidUTF8, at: index)
        }
        for offset in 1..<length {
            guard index + offset < end else { throw .raw(.unexpectedEnd, at: end) }
            let byte = base[index + offset]
            let (lower, upper) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= lower, byte <= upper else { throw .raw(.invalidUTF8, at: index) }
        }
        return index + length
    }

    // MARK: Using a span

    /// The string a span holds. The bytes were validated, so decoding cannot repair anything.
    func makeString(_ span: StringSpan) -> String {
        if span.escaped { return String(decoding: scratch, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(start: base + span.start, count: span.end - span.start), as: UTF8.self)
    }

    /// Calls `body` with the decoded bytes of a span.
    @inline(__always)
    func withBytes<R>(_ span: StringSpan, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if span.escaped { return scratch.withUnsafeBufferPointer(body) }
        return body(UnsafeBufferPointer(start: base + span.start, count: span.end - span.start))
    }

    /// Reads a value that must be a string.
    mutating func readString(expected: String = "a string") throws(WireDecodingError) -> String {
        guard try peekToken() == UInt8(ascii: "\"") else { throw .raw(.wrongType(expected: expected), at: position) }
        let span = try readStringSpan()
        return makeString(span)
    }

    /// Reads a value that must be a string or `null`.
    mutating func readOptionalString() throws(WireDecodingError) -> String? {
        if try peekToken() == UInt8(ascii: "n") {
            try readLiteral("null")
            return nil
        }
        return try readString(expected: "a string or null")
    }
}
