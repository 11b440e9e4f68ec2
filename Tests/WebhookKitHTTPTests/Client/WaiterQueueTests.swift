import Testing
@testable import WebhookKitHTTP

@Suite("WaiterQueue")
struct WaiterQueueTests {
    @Test("hands out elements oldest first across compactions, and empties in order")
    func firstInFirstOut() {
        var queue = WaiterQueue<Int>()
        #expect(queue.isEmpty)
        #expect(queue.popFirst() == nil)
        for value in 0..<300 { queue.append(value) }
        var taken: [Int] = []
        // Past half of 300, the front is compacted away; order must survive it.
        for _ in 0..<200 { taken.append(queue.popFirst()!) }
        for value in 300..<350 { queue.append(value) }
        for _ in 0..<20 { taken.append(queue.popFirst()!) }
        #expect(taken == Array(0..<220))
        #expect(!queue.isEmpty)
        #expect(queue.removeAll() == Array(220..<350))
        #expect(queue.isEmpty)
        queue.append(7)
        #expect(queue.popFirst() == 7)
        #expect(queue.isEmpty)
    }
}
