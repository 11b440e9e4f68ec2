/// The grammar shared by ``XAPIPath`` and ``PathPattern``:
/// `segment ("." segment)*`, `segment = (name | "*") ("[" (digits | "*") "]")?`.
enum PathSyntax {
    /// The index part of a parsed segment.
    enum Index: Hashable, Sendable {
        case none
        case exact(Int)
        case any

        var exactValue: Int? {
            if case .exact(let value) = self { return value }
            return nil
        }
    }

    /// One parsed segment; `name == "*"` is a wildcard segment.
    struct Segment: Hashable, Sendable {
        let name: String
        let index: Index
    }

    /// Parses `text`, allowing `*` segments and `[*]` indexes only when `allowWildcards`.
    static func parse(_ text: String, allowWildcards: Bool) throws(PathError) -> [Segment] {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw PathError(.empty, at: 0) }
        guard bytes.count <= XAPIPath.maximumLength else { throw PathError(.tooLong, at: XAPIPath.maximumLength) }
        var segments: [Segment] = []
        var position = 0
        while true {
            let start = position
            while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
            var name = String(decoding: bytes[start..<position], as: UTF8.self)
            if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
                guard allowWildcards else { throw PathError(.badWildcard, at: position) }
                guard position == start else { throw PathError(.badWildcard, at: position) }
                position += 1
                name = "*"
                if position < bytes.count, isNameByte(bytes[position]) { throw PathError(.badWildcard, at: position) }
            }
            if name.isEmpty {
                if position < bytes.count { try refuse(bytes[position], at: position, emptySegment: true) }
                throw PathError(.emptySegment, at: position)
            }
            var index = Index.none
            if position < bytes.count, bytes[position] == UInt8(ascii: "[") {
                guard name != "*" else { throw PathError(.badWildcard, at: position) }
                (index, position) = try parseIndex(bytes, from: position, allowWildcards: allowWildcards)
            }
            segments.append(Segment(name: name, index: index))
            if position == bytes.count { return segments }
            guard bytes[position] == UInt8(ascii: ".") else {
                try refuse(bytes[position], at: position, emptySegment: false)
                throw PathError(.invalidCharacter, at: position)
            }
            position += 1
            if position == bytes.count { throw PathError(.emptySegment, at: position) }
        }
    }

    /// Parses `[digits]` or `[*]` starting at the `[`.
    private static func parseIndex(_ bytes: [UInt8], from open: Int, allowWildcards: Bool) throws(PathError) -> (Index, Int) {
        var position = open + 1
        if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
            guard allowWildcards else { throw PathError(.badWildcard, at: position) }
            guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "]") else {
                throw PathError(.badBracket, at: position + 1)
            }
            return (.any, position + 2)
        }
        var value = 0
        let digitsStart = position
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            guard position - digitsStart < 9 else { throw PathError(.badBracket, at: position) }
            value = value * 10 + Int(bytes[position] - 0x30)
            position += 1
        }
        guard position > digitsStart, position < bytes.count, bytes[position] == UInt8(ascii: "]") else {
            throw PathError(.badBracket, at: position)
        }
        return (.exact(value), position + 1)
    }

    /// Throws the most specific error for an unexpected byte.
    private static func refuse(_ byte: UInt8, at offset: Int, emptySegment: Bool) throws(PathError) {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: throw PathError(.whitespace, at: offset)
        case UInt8(ascii: "["), UInt8(ascii: "]"): throw PathError(.badBracket, at: offset)
        case UInt8(ascii: "*"): throw PathError(.badWildcard, at: offset)
        case UInt8(ascii: "."): if emptySegment { throw PathError(.emptySegment, at: offset) }
        default: throw PathError(.invalidCharacter, at: offset)
        }
    }

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
