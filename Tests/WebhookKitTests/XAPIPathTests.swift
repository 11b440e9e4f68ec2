import Testing
import WebhookKit

@Suite("XAPIPath and PathPattern")
struct XAPIPathTests {
    @Test("parses segments with indexes")
    func parses() throws {
        let path = try XAPIPath("Peripherals.ConnectedDevice[1003].RoomAnalytics.AmbientTemperature")
        #expect(path.segments.count == 4)
        #expect(path.segments[1] == .init(name: "ConnectedDevice", index: 1003))
        #expect(path.segments[0].index == nil)
        #expect(try XAPIPath("Call[1].Status").segments.map(\.name) == ["Call", "Status"])
    }

    @Test("refuses bad paths, naming the reason and offset", arguments: [
        ("", PathError(.empty, at: 0)),
        ("A..B", PathError(.emptySegment, at: 2)),
        (".A", PathError(.emptySegment, at: 0)),
        ("A.", PathError(.emptySegment, at: 2)),
        ("A B", PathError(.whitespace, at: 1)),
        (" A", PathError(.whitespace, at: 0)),
        ("A\t", PathError(.whitespace, at: 1)),
        ("Call[1", PathError(.badBracket, at: 6)),
        ("Call[]", PathError(.badBracket, at: 5)),
        ("Call[x]", PathError(.badBracket, at: 5)),
        ("Call]", PathError(.badBracket, at: 4)),
        ("Call[1]x", PathError(.invalidCharacter, at: 7)),
        ("A.B$", PathError(.invalidCharacter, at: 3)),
        ("A.*", PathError(.badWildcard, at: 2)),
        ("Call[*]", PathError(.badWildcard, at: 5)),
        ("Ä", PathError(.invalidCharacter, at: 0)),
    ])
    func refuses(text: String, expected: PathError) {
        #expect(throws: expected) { try XAPIPath(text) }
    }

    @Test("refuses paths over 512 bytes and accepts 512")
    func length() throws {
        let exactly512 = String(repeating: "A", count: 512)
        #expect(try XAPIPath(exactly512).rawValue.utf8.count == 512)
        #expect(throws: PathError(.tooLong, at: 512)) { try XAPIPath(exactly512 + "A") }
    }

    @Test("errors describe the reason and the offset")
    func errorDescription() {
        #expect(PathError(.emptySegment, at: 2).description == "path has an empty segment (at byte 2)")
    }

    @Test("patterns: * is one segment, trailing * a subtree, [*] any index", arguments: [
        ("RoomAnalytics.PeopleCount.Current", "RoomAnalytics.PeopleCount.Current", true),
        ("RoomAnalytics.PeopleCount.Current", "RoomAnalytics.PeopleCount.Max", false),
        ("RoomAnalytics.*.Current", "RoomAnalytics.PeopleCount.Current", true),
        ("RoomAnalytics.*.Current", "RoomAnalytics.Current", false),
        ("RoomAnalytics.*", "RoomAnalytics.PeopleCount.Current", true),
        ("RoomAnalytics.*", "RoomAnalytics.AmbientTemperature", true),
        ("RoomAnalytics.*", "RoomAnalytics", false),
        ("*", "Standby.State", true),
        ("Peripherals.ConnectedDevice[*].RoomAnalytics.AmbientTemperature",
         "Peripherals.ConnectedDevice[1003].RoomAnalytics.AmbientTemperature", true),
        ("Peripherals.ConnectedDevice[*].RoomAnalytics.AmbientTemperature",
         "Peripherals.ConnectedDevice.RoomAnalytics.AmbientTemperature", false),
        ("Peripherals.ConnectedDevice[7].RoomAnalytics.AmbientTemperature",
         "Peripherals.ConnectedDevice[1003].RoomAnalytics.AmbientTemperature", false),
        ("Call[1].Status", "Call[1].Status", true),
        ("Call.Status", "Call[1].Status", false),
    ])
    func matching(pattern: String, path: String, expected: Bool) throws {
        #expect(try PathPattern(pattern).matches(XAPIPath(path)) == expected)
    }

    @Test("pattern parsing refuses wildcards mixed into names", arguments: ["Room*", "*Room", "*[1]", "A.**"])
    func badPatterns(text: String) {
        #expect(throws: PathError.self) { try PathPattern(text) }
    }

    @Test("exact patterns know they are exact")
    func exactness() throws {
        #expect(try PathPattern("Call[1].Status").isExact)
        #expect(try !PathPattern("Call[*].Status").isExact)
        #expect(try PathPattern("Call.*").isSubtree)
    }
}
