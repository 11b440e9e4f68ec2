/// First-in, first-out storage with cheap removal at the front.
///
/// A busy origin can have a thousand requests waiting for a connection; taking the
/// first from a plain array would move all the others on every release.
struct WaiterQueue<Element> {
    private var storage: [Element] = []
    private var start = 0

    var isEmpty: Bool { start == storage.count }

    mutating func append(_ element: Element) {
        storage.append(element)
    }

    /// Removes and returns the oldest element, `nil` when empty.
    mutating func popFirst() -> Element? {
        guard start < storage.count else { return nil }
        let first = storage[start]
        start += 1
        if start == storage.count {
            storage.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 64, start * 2 > storage.count {
            storage.removeFirst(start)
            start = 0
        }
        return first
    }

    /// Removes and returns every element, oldest first.
    mutating func removeAll() -> [Element] {
        let all = Array(storage[start...])
        storage = []
        start = 0
        return all
    }
}
