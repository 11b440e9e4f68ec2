/// The pending messages of one lane in sequence order, with cheap removal at the front.
struct LaneQueue: Sendable {
    private var storage: [OutboxMessage] = []
    private var start = 0

    var count: Int { storage.count - start }
    var isEmpty: Bool { count == 0 }
    var last: OutboxMessage? { isEmpty ? nil : storage.last }
    var all: [OutboxMessage] { Array(storage[start...]) }

    func prefix(_ limit: Int) -> [OutboxMessage] {
        Array(storage[start..<min(storage.count, start + limit)])
    }

    mutating func append(_ message: OutboxMessage) {
        storage.append(message)
    }

    mutating func replaceLast(with message: OutboxMessage) {
        storage[storage.count - 1] = message
    }

    /// Replaces the stored message with the same sequence.
    mutating func update(_ message: OutboxMessage) {
        if let index = position(of: message.sequence) { storage[index] = message }
    }

    /// Removes the message with `sequence`; messages are removed near the front, so the
    /// search is short.
    mutating func remove(sequence: Int64) -> Bool {
        guard let index = position(of: sequence) else { return false }
        if index == start {
            start += 1
            if start > 64, start * 2 > storage.count {
                storage.removeFirst(start)
                start = 0
            }
        } else {
            storage.remove(at: index)
        }
        return true
    }

    private func position(of sequence: Int64) -> Int? {
        var index = start
        while index < storage.count {
            if storage[index].sequence == sequence { return index }
            if storage[index].sequence > sequence { return nil }
            index += 1
        }
        return nil
    }
}
