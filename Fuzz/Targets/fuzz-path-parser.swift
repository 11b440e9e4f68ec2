// libFuzzer target for XAPIPath and PathPattern. Built only by Fuzz/run.sh (see Fuzz/README.md).
//
// The input, as UTF-8 text (invalid sequences replaced), is parsed as a path and as a
// pattern. Invariants:
//   * whatever parses keeps its text as rawValue, and parsing that text again gives the
//     same segments;
//   * every valid path is also a valid, exact pattern with as many segments, and both that
//     pattern and PathPattern(exactly:) match the path;
//   * an exact pattern's text is a valid path that the pattern matches;
//   * a trailing-`*` pattern matches no path shorter than itself.
import WebhookKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPathParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)

    if let path = try? XAPIPath(text) {
        fuzzCheck(path.rawValue == text, "path rawValue differs from its text")
        fuzzCheck(!path.segments.isEmpty, "path without segments")
        fuzzCheck((try? XAPIPath(path.rawValue))?.segments == path.segments, "re-parsing the path changed its segments")
        fuzzCheck(PathPattern(exactly: path).matches(path), "PathPattern(exactly:) does not match its path \(text)")
        let pattern = try? PathPattern(text)
        fuzzCheck(pattern != nil, "valid path \(text) is not a valid pattern")
        if let pattern {
            fuzzCheck(pattern.isExact, "pattern of the path \(text) is not exact")
            fuzzCheck(pattern.segments.count == path.segments.count, "path and pattern differ in segment count")
            fuzzCheck(pattern.matches(path), "pattern \(text) does not match the same path")
            fuzzCheck(pattern.segments == PathPattern(exactly: path).segments, "parsed and exact pattern segments differ")
        }
    }

    if let pattern = try? PathPattern(text) {
        fuzzCheck(pattern.rawValue == text, "pattern rawValue differs from its text")
        fuzzCheck(!pattern.segments.isEmpty, "pattern without segments")
        fuzzCheck((try? PathPattern(pattern.rawValue))?.segments == pattern.segments, "re-parsing the pattern changed its segments")
        if pattern.isExact {
            let path = try? XAPIPath(text)
            fuzzCheck(path != nil, "exact pattern \(text) is not a valid path")
            if let path { fuzzCheck(pattern.matches(path), "exact pattern \(text) does not match its own path") }
        }
        if pattern.isSubtree, pattern.segments.count > 1, let shorter = try? XAPIPath(concretePrefix(of: pattern)) {
            fuzzCheck(!pattern.matches(shorter), "subtree pattern \(text) matches the shorter path \(shorter)")
        }
    }
    return 0
}

/// A concrete path matching every segment of `pattern` but the last.
private func concretePrefix(of pattern: PathPattern) -> String {
    pattern.segments.dropLast().map { segment in
        switch segment {
        case .wildcard: "X"
        case .name(let name): name
        case .indexed(let name, let index): "\(name)[\(index)]"
        case .anyIndex(let name): "\(name)[0]"
        }
    }.joined(separator: ".")
}
