import Foundation

/// Maps identifier texts (device or workspace ids) to runs of webhook slots, in two flat
/// arrays built once.
///
/// `buckets` is an open-addressed table of 8-byte cells (32 bits of the key's hash, and
/// where the key's record starts); `records` holds, per key, its length, its slot count,
/// its bytes and its slots, next to each other. A lookup costs one hash of the id, one
/// bucket read and one record read (key and slots share cache lines), however many keys
/// there are. A `Dictionary` of `String` to `[Int]` costs two more dependent cache misses
/// per hit (the key's string object, the value's array buffer).
struct SlotTable: Sendable {
    private struct Bucket: Sendable {
        /// The upper 32 bits of the key's hash, with the top bit set; 0 marks an empty bucket.
        var tag: UInt32 = 0
        /// Where the key's record starts in `records`.
        var record: UInt32 = 0
    }

    private let buckets: [Bucket]
    private let mask: Int
    /// Per key: key length, slot count, key bytes packed into words, then the slots.
    private let records: [UInt32]

    /// Builds the table; each key's slots keep their order.
    init(_ lists: [String: [Int]]) {
        // At most 3/4 full: linear probing stays within a cache line or two, and the
        // bucket array stays small enough to keep in cache.
        var capacity = 16
        while capacity * 3 < lists.count * 4 { capacity *= 2 }
        var buckets = [Bucket](repeating: Bucket(), count: capacity)
        var records: [UInt32] = []
        for (key, list) in lists {
            let bytes = Array(key.utf8)
            let hash = bytes.withUnsafeBufferPointer { Self.hash($0) }
            var position = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while buckets[position].tag != 0 { position = (position + 1) & (capacity - 1) }
            // A record that fits in a cache line (16 words) does not straddle two.
            let size = 2 + (bytes.count + 3) / 4 + list.count
            if size <= 16, records.count % 16 + size > 16 {
                records += repeatElement(0, count: 16 - records.count % 16)
            }
            buckets[position] = Bucket(tag: Self.tag(hash), record: UInt32(records.count))
            records.append(UInt32(bytes.count))
            records.append(UInt32(list.count))
            var keyWords = [UInt32](repeating: 0, count: (bytes.count + 3) / 4)
            keyWords.withUnsafeMutableBytes { $0.copyBytes(from: bytes) }
            records += keyWords
            records += list.map { UInt32($0) }
        }
        self.buckets = buckets
        mask = capacity - 1
        self.records = records
    }

    /// Where the record of `key` starts, or `nil` when no webhook lists it. Routing looks
    /// up the device and the workspace first, then walks both runs, so that the two
    /// lookups' memory reads overlap.
    @inline(__always)
    func record(of key: String) -> Int? {
        guard !records.isEmpty else { return nil }
        var key = key
        return key.withUTF8 { find($0) }
    }

    /// The positions of the slots of the record `record(of:)` returned, for `slot(at:)`.
    @inline(__always)
    func slots(inRecord record: Int) -> Range<Int> {
        let first = record + 2 + (Int(records[record]) + 3) / 4
        return first..<(first + Int(records[record + 1]))
    }

    /// The slot at `position`, one of the positions `slots(inRecord:)` returned.
    @inline(__always)
    func slot(at position: Int) -> Int {
        Int(records[position])
    }

    /// The start of `bytes`' record, or `nil`.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(bytes)
        let tag = Self.tag(hash)
        var position = Int(truncatingIfNeeded: hash) & mask
        while true {
            let bucket = buckets[position]
            if bucket.tag == 0 { return nil }
            if bucket.tag == tag, records[Int(bucket.record)] == bytes.count, equalKey(at: Int(bucket.record) + 2, bytes) {
                return Int(bucket.record)
            }
            position = (position + 1) & mask
        }
    }

    private func equalKey(at start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return records.withUnsafeBufferPointer { words in
            guard let stored = words.baseAddress else { return false }
            return memcmp(UnsafeRawPointer(stored + start), base, bytes.count) == 0
        }
    }

    /// A hash seeded per process (as `Hasher` is), so keys cannot be chosen to collide.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return UInt64(UInt(bitPattern: hasher.finalize()))
    }

    /// The bucket tag of `hash`: its upper 32 bits, top bit set so it is never 0.
    private static func tag(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: hash >> 32) | 0x8000_0000
    }
}
