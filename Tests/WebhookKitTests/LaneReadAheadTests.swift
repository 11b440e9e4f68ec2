import Testing
@testable import WebhookKit

@Suite("Lane read-ahead")
struct LaneReadAheadTests {
    static let now = Timestamp(millisecondsSince1970: 1_800_000_000_000)

    static func message(_ sequence: Int64, status: Bool, attempts: Int = 0, due: Timestamp = now) throws -> OutboxMessage {
        let notification = status
            ? try Fixtures.status("d1", [("RoomAnalytics.PeopleCount.Current", JSONValue.integer(sequence))])
            : try Fixtures.widget("d1", "on")
        return OutboxMessage(sequence: sequence, notification: notification, webhookID: "wh-1", publishedAt: now,
                             attempts: attempts, nextAttemptAt: due)
    }

    @Test("a never-attempted status at the end of a read is not held: a newer status may fold into it")
    func dropsCoalescableLast() throws {
        let read = [try Self.message(1, status: true), try Self.message(2, status: false), try Self.message(3, status: true)]
        var ahead = LaneReadAhead(read: read, limit: 32, coalescing: true, epoch: 7)
        #expect(ahead.take(32).map(\.sequence) == [1, 2])
        #expect(ahead.holding(at: Self.now) == .usedUp(coversLane: false, epoch: 7))
    }

    @Test("the last message is held when it cannot take a merge, or when coalescing is off")
    func keepsLastWhenSafe() throws {
        let event = [try Self.message(1, status: true), try Self.message(2, status: false)]
        var ahead = LaneReadAhead(read: event, limit: 32, coalescing: true, epoch: 1)
        #expect(ahead.take(32).map(\.sequence) == [1, 2])
        #expect(ahead.holding(at: Self.now) == .usedUp(coversLane: true, epoch: 1))

        let attempted = [try Self.message(1, status: false), try Self.message(2, status: true, attempts: 1)]
        ahead = LaneReadAhead(read: attempted, limit: 32, coalescing: true, epoch: 1)
        #expect(ahead.take(32).map(\.sequence) == [1, 2])

        let statuses = [try Self.message(1, status: true), try Self.message(2, status: true)]
        ahead = LaneReadAhead(read: statuses, limit: 32, coalescing: false, epoch: 1)
        #expect(ahead.take(32).map(\.sequence) == [1, 2])
    }

    @Test("a lone status is the lane's head, which is never merged into, so it is held")
    func keepsLoneHead() throws {
        var ahead = LaneReadAhead(read: [try Self.message(1, status: true)], limit: 32, coalescing: true, epoch: 3)
        #expect(ahead.holding(at: Self.now) == .due(epoch: 3))
        #expect(ahead.take(1).map(\.sequence) == [1])
        #expect(ahead.holding(at: Self.now) == .usedUp(coversLane: true, epoch: 3))
    }

    @Test("a full read may not cover the lane; a head not due yet is no grant; nothing read is nothing held")
    func holdings() throws {
        let full = [try Self.message(1, status: false), try Self.message(2, status: false)]
        var ahead = LaneReadAhead(read: full, limit: 2, coalescing: true, epoch: 5)
        #expect(ahead.take(1).map(\.sequence) == [1])
        #expect(ahead.holding(at: Self.now) == .due(epoch: 5))
        _ = ahead.take(1)
        #expect(ahead.holding(at: Self.now) == .usedUp(coversLane: false, epoch: 5))

        let later = try Self.message(1, status: false, attempts: 1, due: Self.now.advanced(by: .seconds(5)))
        ahead = LaneReadAhead(read: [later], limit: 1, coalescing: true, epoch: 5)
        #expect(ahead.holding(at: Self.now) == .none)
        #expect(ahead.holding(at: Self.now.advanced(by: .seconds(5))) == .due(epoch: 5))

        #expect(LaneReadAhead().holding(at: Self.now) == .none)
        #expect(LaneReadAhead(read: [], limit: 4, coalescing: true, epoch: 9).holding(at: Self.now) == .usedUp(coversLane: true, epoch: 9))
    }

    @Test("a batch takes at most its size from the front")
    func takesBatches() throws {
        let read = try (1...5).map { try Self.message(Int64($0), status: false) }
        var ahead = LaneReadAhead(read: read, limit: 8, coalescing: false, epoch: 0)
        #expect(ahead.take(2).map(\.sequence) == [1, 2])
        #expect(ahead.take(2).map(\.sequence) == [3, 4])
        #expect(ahead.take(2).map(\.sequence) == [5])
        #expect(ahead.take(2).isEmpty)
    }
}
