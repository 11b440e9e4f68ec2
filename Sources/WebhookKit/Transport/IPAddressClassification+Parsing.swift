extension IPAddressClassification {
    /// Parses a dotted-quad IPv4 literal (`a.b.c.d`, decimal, no leading zeros beyond `0`)
    /// into a host-order value, or `nil`.
    ///
    /// Shorthand forms some resolvers accept (`127.1`, `0x7f.1`, octal) are refused rather
    /// than guessed at, so a literal can never mean a different address here than in the
    /// resolver.
    public static func parseIPv4(_ literal: String) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        var current: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for byte in literal.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 1 && leadingZero { return nil }
                if digits == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                current = current * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 3 || current > 255 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | current
                parts += 1
                current = 0
                digits = 0
                leadingZero = false
            default:
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | current
    }

    /// Parses an IPv6 literal (RFC 4291 text form, with `::` and an optional trailing dotted
    /// quad; no zone, no brackets) into 16 network-order bytes, or `nil`.
    public static func parseIPv6(_ literal: String) -> [UInt8]? {
        let text = Array(literal.utf8)
        guard text.count >= 2, text.contains(UInt8(ascii: ":")) else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawDoubleColon = false
        var index = 0
        if text.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            sawDoubleColon = true
            index = 2
        } else if text[0] == UInt8(ascii: ":") {
            return nil
        }
        while index < text.count {
            // One group: hex digits, or a dotted quad at the very end.
            var end = index
            while end < text.count, text[end] != UInt8(ascii: ":") { end += 1 }
            let group = text[index..<end]
            if group.isEmpty { return nil }
            if group.contains(UInt8(ascii: ".")) {
                guard end == text.count, let v4 = parseIPv4(String(decoding: group, as: UTF8.self)) else { return nil }
                let pair = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                if sawDoubleColon { tail += pair } else { head += pair }
                index = end
                break
            }
            guard group.count <= 4, let word = UInt16(String(decoding: group, as: UTF8.self), radix: 16) else { return nil }
            if sawDoubleColon { tail.append(word) } else { head.append(word) }
            index = end
            if index == text.count { break }
            // At a colon: either a separator or the one `::`.
            index += 1
            if index < text.count, text[index] == UInt8(ascii: ":") {
                guard !sawDoubleColon else { return nil }
                sawDoubleColon = true
                index += 1
            } else if index == text.count {
                return nil // trailing single colon
            }
        }
        let groups: [UInt16]
        if sawDoubleColon {
            guard head.count + tail.count <= 7 else { return nil }
            groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            groups = head
        }
        return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
