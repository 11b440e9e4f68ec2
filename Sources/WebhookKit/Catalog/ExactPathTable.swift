/// The exact catalog texts of one kind, found with a cheap word-at-a-time hash.
///
/// Routing resolves every path of every notification here, so it replaces a
/// `Dictionary<String, Int>` (SipHash over the whole text). The hash need not resist
/// chosen collisions: the table holds only the catalog's fixed texts, so a path crafted
/// to collide costs at most a walk over a short, fixed probe run and a text comparison.
struct ExactPathTable: Sendable {
    private let buckets: [Int32]
    private let texts: [String]
    private let entries: [Int]
    private let mask: Int

    /// Indexes `pairs` (text, entry position); the first of a repeated text wins.
    init(_ pairs: [(text: String, entry: Int)]) {
        var capacity = 16
        while capacity < pairs.count * 4 { capacity *= 2 }
        var buckets = [Int32](repeating: -1, count: capacity)
        var texts: [String] = []
        var entries: [Int] = []
        for (text, entry) in pairs where !texts.contains(text) {
            var position = Int(truncatingIfNeeded: Self.hash(text)) & (capacity - 1)
            while buckets[position] >= 0 { position = (position + 1) & (capacity - 1) }
            buckets[position] = Int32(texts.count)
            texts.append(text)
            entries.append(entry)
        }
        self.buckets = buckets
        self.texts = texts
        self.entries = entries
        mask = capacity - 1
    }

    /// The entry position of `text`, or `nil`.
    @inline(__always)
    func entry(for text: String) -> Int? {
        var position = Int(truncatingIfNeeded: Self.hash(text)) & mask
        while true {
            let index = Int(buckets[position])
            if index < 0 { return nil }
            if texts[index] == text { return entries[index] }
            position = (position + 1) & mask
        }
    }

    /// Mixes the UTF-8 bytes eight at a time (multiply–xorshift), with the length.
    private static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
            guard let base = bytes.baseAddress else { return hash }
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset + 8 <= bytes.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 29
                offset += 8
            }
            var tail: UInt64 = 0
            while offset < bytes.count {
                tail = tail << 8 | UInt64(bytes[offset])
                offset += 1
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            return hash ^ (hash >> 32)
        }
    }
}
