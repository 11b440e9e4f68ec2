extension Identifier {
    /// A new UUID version 7 identifier (RFC 9562): time-ordered, so ids sort by
    /// creation time, with 74 random bits.
    public static func generate(at timestamp: Timestamp = .now) -> Self {
        var generator = SystemRandomNumberGenerator()
        return generate(at: timestamp, using: &generator)
    }

    /// A new UUID version 7 identifier drawing its random bits from `generator`.
    public static func generate<G: RandomNumberGenerator>(at timestamp: Timestamp, using generator: inout G) -> Self {
        let millis = UInt64(bitPattern: timestamp.millisecondsSince1970) & 0xFFFF_FFFF_FFFF
        let random = generator.next()
        let high = (millis << 16) | 0x7000 | (random & 0x0FFF)
        let low = (generator.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        var text = [UInt8]()
        text.reserveCapacity(36)
        appendHex(high >> 32, digits: 8, to: &text)
        text.append(UInt8(ascii: "-"))
        appendHex(high >> 16, digits: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendHex(high, digits: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendHex(low >> 48, digits: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendHex(low, digits: 12, to: &text)
        return Self(rawValue: String(decoding: text, as: UTF8.self))
    }

    private static func appendHex(_ value: UInt64, digits: Int, to text: inout [UInt8]) {
        let alphabet: StaticString = "0123456789abcdef"
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            let nibble = Int((value >> UInt64(shift)) & 0xF)
            text.append(alphabet.utf8Start[nibble])
        }
    }
}
