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

extension Identifier where Tag == MessageTag {
    /// A message id for the copy of this message sent to `webhook`: stable (the same inputs
    /// always give the same id, so a publisher that repeats a notification repeats the ids)
    /// and distinct per webhook, as Standard Webhooks asks of `webhook-id`. Keeps the
    /// first 48 bits (the UUIDv7 time) of this id when it has them, so ids still sort by time.
    public func derived(for webhook: WebhookID) -> MessageID {
        let seed = Array(rawValue.utf8) + [0x1F] + Array(webhook.rawValue.utf8)
        let high = Self.fnv1a(seed, basis: 0xCBF2_9CE4_8422_2325)
        let low = Self.fnv1a(seed, basis: 0x6C62_272E_07BB_0142)
        let hex = Array(rawValue.utf8.filter { $0 != UInt8(ascii: "-") })
        var millis: UInt64 = 0
        if hex.count == 32, let prefix = UInt64(String(decoding: hex.prefix(12), as: UTF8.self), radix: 16) {
            millis = prefix
        } else {
            millis = high >> 16
        }
        var generator = FixedBits(values: [high, low])
        return MessageID.generate(at: Timestamp(millisecondsSince1970: Int64(millis)), using: &generator)
    }

    private static func fnv1a(_ bytes: [UInt8], basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// Hands out fixed values as "random" bits, to build an id from a hash.
private struct FixedBits: RandomNumberGenerator {
    var values: [UInt64]
    var index = 0

    mutating func next() -> UInt64 {
        defer { index += 1 }
        return values[index % values.count]
    }
}
