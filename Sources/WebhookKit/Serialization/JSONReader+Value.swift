extension JSONReader {
    /// Reads any JSON value nested inside `depth` open arrays and objects.
    mutating func readValue(depth: Int) throws(WireDecodingError) -> JSONValue {
        switch try peekToken() {
        case UInt8(ascii: "\""):
            let span = try readStringSpan()
            return .string(makeString(span))
        case UInt8(ascii: "{"):
            return try readObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try readArray(depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try readNumber()
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return .null
        default:
            throw .raw(.unexpectedCharacter(expected: "a value"), at: position)
        }
    }

    /// Consumes `literal` (`true`, `false` or `null`) at `position`.
    mutating func readLiteral(_ literal: StaticString) throws(WireDecodingError) {
        let start = position
        for offset in 0..<literal.utf8CodeUnitCount {
            guard start + offset < end else { throw .raw(.unexpectedEnd, at: end) }
            guard base[start + offset] == literal.utf8Start[offset] else {
                throw .raw(.unexpectedCharacter(expected: "a value"), at: start)
            }
        }
        position = start + literal.utf8CodeUnitCount
    }

    /// Reads an object opened at nesting `depth`; a repeated member name is an error,
    /// since readers that keep the first and readers that keep the last would disagree.
    mutating func readObject(depth: Int) throws(WireDecodingError) -> JSONValue {
        guard try beginObject(depth: depth) else { return .object(JSONObject(uniqueMembers: [])) }
        var members: [JSONObject.Member] = []
        var index: Set<String> = []
        repeat {
            let keyOffset = skippingWhitespace()
            let span = try readKey()
            let key = makeString(span)
            if members.count < 16 {
                if members.contains(where: { $0.key == key }) { throw .raw(.duplicateKey(key), at: keyOffset) }
                if members.count == 15 { index = Set(members.lazy.map(\.key)) }
            }
            if members.count >= 15, !index.insert(key).inserted {
                throw .raw(.duplicateKey(key), at: keyOffset)
            }
            let value: JSONValue
            do { value = try readValue(depth: depth) } catch { throw error.inside(key: key) }
            members.append(JSONObject.Member(key: key, value: value))
        } while try nextMember()
        return .object(JSONObject(uniqueMembers: members))
    }

    /// Reads an array opened at nesting `depth`.
    mutating func readArray(depth: Int) throws(WireDecodingError) -> JSONValue {
        guard try beginArray(depth: depth) else { return .array([]) }
        var elements: [JSONValue] = []
        repeat {
            do { elements.append(try readValue(depth: depth)) } catch { throw error.inside(index: elements.count) }
        } while try nextElement()
        return .array(elements)
    }

    /// Skips whitespace and returns the offset of the next byte.
    @inline(__always)
    mutating func skippingWhitespace() -> Int {
        skipWhitespace()
        return position
    }
}
