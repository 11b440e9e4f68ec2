import Testing
import WebhookKit

@Suite("PathPattern overlap and coverage")
struct CatalogPatternOverlapTests {
    @Test("overlaps: some path matches both patterns", arguments: [
        ("A.B", "A.B", true),
        ("A.B", "A.C", false),
        ("A.*", "A.B.C", true),
        ("A.*", "A", false),
        ("A.*", "B.*", false),
        ("*", "A.B[3].C", true),
        ("A.*.C", "A.B.*", true),
        ("A.*.C", "A.B.D", false),
        ("A.B", "A.B.*", false),
        ("A.B.C", "A.B", false),
        ("A[*].B", "A[4].B", true),
        ("A[*].B", "A.B", false),
        ("A[3].B", "A[4].B", false),
        ("A[*].B", "*.B", true),
        ("A[*].*", "A[2].B.C", true),
        ("A.*", "A.*", true),
    ])
    func overlaps(left: String, right: String, expected: Bool) throws {
        let (a, b) = (try PathPattern(left), try PathPattern(right))
        #expect(a.overlaps(b) == expected)
        #expect(b.overlaps(a) == expected, "overlap is symmetric")
    }

    @Test("covers: every path of the second matches the first", arguments: [
        ("A.B", "A.B", true),
        ("A.*", "A.B", true),
        ("A.*", "A.B[2].C", true),
        ("A.*", "A.*", true),
        ("A.*", "A.B.*", true),
        ("A.B.*", "A.*", false),
        ("A.B", "A.*", false),
        ("*", "A[*].B", true),
        ("A[*].B", "A[7].B", true),
        ("A[7].B", "A[*].B", false),
        ("*.B", "A[*].B", true),
        ("A.B", "A[1].B", false),
        ("A.*.C", "A.B.C", true),
        ("A.*.C", "A.B.*", false),
    ])
    func covers(outer: String, inner: String, expected: Bool) throws {
        #expect(try PathPattern(outer).covers(PathPattern(inner)) == expected)
    }
}
