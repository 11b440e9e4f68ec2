/// IPv4 literals in every form resolvers accept: `a.b.c.d`, `a.b.c` (c is 16 bits),
/// `a.b` (b is 24 bits), `a` (32 bits), each part decimal, octal (leading `0`) or hex (`0x`).
enum IPv4Literal {
    /// The address as a big-endian number, or `nil` when the text is not one.
    static func parse(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [UInt32] = []
        for part in parts {
            guard let number = parseNumber(part) else { return nil }
            numbers.append(number)
        }
        let last = numbers.removeLast()
        guard numbers.allSatisfy({ $0 <= 255 }) else { return nil }
        let lastBits = 32 - 8 * numbers.count
        guard lastBits == 32 || last < (1 << UInt32(lastBits)) else { return nil }
        var address: UInt32 = 0
        for (position, number) in numbers.enumerated() { address |= number << UInt32(24 - 8 * position) }
        return address | last
    }

    private static func parseNumber(_ part: Substring) -> UInt32? {
        var digits = part.utf8[...]
        var radix: UInt64 = 10
        if digits.count >= 2, digits.first == UInt8(ascii: "0"),
           digits.dropFirst().first == UInt8(ascii: "x") || digits.dropFirst().first == UInt8(ascii: "X") {
            radix = 16
            digits = digits.dropFirst(2)
            if digits.isEmpty { return 0 }
        } else if digits.count >= 2, digits.first == UInt8(ascii: "0") {
            radix = 8
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard let digit = hexValue(byte), UInt64(digit) < radix else { return nil }
            value = value * radix + UInt64(digit)
            guard value <= UInt64(UInt32.max) else { return nil }
        }
        return UInt32(value)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

/// IPv6 literals (RFC 4291 text form): eight groups of 1–4 hex digits, one `::` for a run
/// of zero groups, an optional dotted IPv4 tail, and an optional `%zone` that is ignored.
enum IPv6Literal {
    /// The sixteen address bytes, or `nil` when the text is not an IPv6 address.
    static func parse(_ text: Substring) -> [UInt8]? {
        var text = text
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        let head: Substring
        let tail: Substring?
        if let gap = text.firstRange(of: "::") {
            head = text[..<gap.lowerBound]
            tail = text[gap.upperBound...]
        } else {
            head = text
            tail = nil
        }
        guard var headGroups = groups(head, allowsIPv4Tail: tail == nil) else { return nil }
        var tailGroups: [UInt16] = []
        if let tail {
            guard let parsed = groups(tail, allowsIPv4Tail: true) else { return nil }
            tailGroups = parsed
            guard headGroups.count + tailGroups.count <= 7 else { return nil }
            headGroups += Array(repeating: 0, count: 8 - headGroups.count - tailGroups.count)
        } else {
            guard headGroups.count == 8 else { return nil }
        }
        return (headGroups + tailGroups).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// Colon-separated groups; an empty text is no groups; the last may be dotted IPv4.
    private static func groups(_ text: Substring, allowsIPv4Tail: Bool) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var result: [UInt16] = []
        for (position, part) in parts.enumerated() {
            if allowsIPv4Tail, position == parts.count - 1, part.contains(".") {
                guard let address = dottedQuad(part) else { return nil }
                result += [UInt16(address >> 16), UInt16(address & 0xFFFF)]
                continue
            }
            guard (1...4).contains(part.utf8.count) else { return nil }
            var value: UInt16 = 0
            for byte in part.utf8 {
                guard let digit = IPv4Literal.hexValue(byte) else { return nil }
                value = value << 4 | UInt16(digit)
            }
            result.append(value)
        }
        return result
    }

    /// Strict `a.b.c.d` with decimal parts 0–255, as allowed inside IPv6 text.
    private static func dottedQuad(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var address: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let value = UInt32(part), value <= 255
            else { return nil }
            address = address << 8 | value
        }
        return address
    }
}
