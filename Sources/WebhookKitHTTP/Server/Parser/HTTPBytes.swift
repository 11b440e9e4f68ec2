/// Byte classes and small helpers of the HTTP/1.1 grammar (RFC 9110 §5.6).
enum HTTPBytes {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B

    /// Whether `byte` is a `tchar`: a character of a method or field name.
    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    @inline(__always)
    static func lowercase(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// Whether `bytes` equals the lowercase ASCII `literal`, ignoring case.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        var index = 0
        for byte in bytes {
            if lowercase(byte) != expected[index] { return false }
            index += 1
        }
        return true
    }

    /// The range of `bytes` without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> UnsafeBufferPointer<UInt8>.SubSequence {
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower < upper && isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower && isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return bytes[lower..<upper]
    }

    /// Calls `body` with each comma-separated element of a list value, trimmed.
    static func forEachListElement(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence, _ body: (UnsafeBufferPointer<UInt8>.SubSequence) -> Void) {
        var elementStart = bytes.startIndex
        var index = bytes.startIndex
        while index <= bytes.endIndex {
            if index == bytes.endIndex || bytes[index] == comma {
                body(trimmed(bytes[elementStart..<index]))
                elementStart = index + 1
            }
            index += 1
        }
    }

    /// The elements of a list value, trimmed and lowercased (transfer codings).
    static func lowercasedElements(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> [String] {
        var elements: [String] = []
        forEachListElement(bytes) { elements.append(String(decoding: $0.map(lowercase), as: UTF8.self)) }
        return elements
    }

    /// Which of `close` and `keep-alive` a `Connection` value lists.
    static func connectionOptions(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> (close: Bool, keepAlive: Bool) {
        var options = (close: false, keepAlive: false)
        forEachListElement(bytes) { element in
            if equalsIgnoringCase(element, "close") { options.close = true }
            if equalsIgnoringCase(element, "keep-alive") { options.keepAlive = true }
        }
        return options
    }
}
