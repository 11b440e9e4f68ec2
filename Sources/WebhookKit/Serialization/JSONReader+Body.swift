extension JSONReader {
    /// Reads `changes` (`{"updated":{…},"removed":[…],"isFullSync":true}`) opened at
    /// nesting `depth`. Absent `updated` or `removed` mean none; a path both updated and
    /// removed counts as updated, and a path removed twice once, as ``StatusChange`` does.
    mutating func readStatusChange(depth: Int) throws(WireDecodingError) -> StatusChange {
        var updated: [StatusChange.Update] = []
        var removed: [XAPIPath] = []
        var isFullSync = false
        if try beginObject(depth: depth) {
            var seen = SeenMembers()
            repeat {
                let (field, name) = try readMemberName(&seen)
                do {
                    switch field {
                    case .updated: updated = try readUpdates(depth: depth + 1)
                    case .removed: removed = try readRemovals(depth: depth + 1)
                    case .isFullSync: isFullSync = try readFlag()
                    default: _ = try readValue(depth: depth)
                    }
                } catch {
                    throw error.inside(key: name)
                }
            } while try nextMember()
        }
        if !removed.isEmpty {
            removed = Self.distinct(removed, excluding: updated)
        }
        return StatusChange(uncheckedUpdated: updated, removed: removed, isFullSync: isFullSync)
    }

    /// `removed` without repeats and without paths that are also updated, in linear time.
    private static func distinct(_ removed: [XAPIPath], excluding updated: [StatusChange.Update]) -> [XAPIPath] {
        if removed.count == 1 && updated.isEmpty { return removed }
        var seen = Set(updated.lazy.map(\.path))
        return removed.filter { seen.insert($0).inserted }
    }

    /// Reads the `updated` object: path → value, each path once.
    private mutating func readUpdates(depth: Int) throws(WireDecodingError) -> [StatusChange.Update] {
        guard try beginObject(depth: depth) else { return [] }
        var updates: [StatusChange.Update] = []
        var index: Set<XAPIPath> = []
        repeat {
            let keyOffset = skippingWhitespace()
            let span = try readKey()
            let key = makeString(span)
            let path: XAPIPath
            do {
                path = try XAPIPath(key)
            } catch {
                let offset = span.escaped ? span.start : span.start + error.offset
                throw WireDecodingError.raw(.invalidPath(error), at: offset).inside(key: key)
            }
            if updates.count < 16 {
                if updates.contains(where: { $0.path == path }) { throw .raw(.duplicateKey(key), at: keyOffset) }
                if updates.count == 15 { index = Set(updates.lazy.map(\.path)) }
            }
            if updates.count >= 15, !index.insert(path).inserted {
                throw .raw(.duplicateKey(key), at: keyOffset)
            }
            let value: JSONValue
            do { value = try readValue(depth: depth) } catch { throw error.inside(key: key) }
            updates.append(StatusChange.Update(path: path, value: value))
        } while try nextMember()
        return updates
    }

    /// Reads the `removed` array of paths.
    private mutating func readRemovals(depth: Int) throws(WireDecodingError) -> [XAPIPath] {
        guard try beginArray(depth: depth) else { return [] }
        var paths: [XAPIPath] = []
        repeat {
            do { paths.append(try readPath()) } catch { throw error.inside(index: paths.count) }
        } while try nextElement()
        return paths
    }

    /// Reads a string that must be an xAPI path.
    private mutating func readPath() throws(WireDecodingError) -> XAPIPath {
        guard try peekToken() == UInt8(ascii: "\"") else { throw .raw(.wrongType(expected: "a string"), at: position) }
        let span = try readStringSpan()
        do {
            return try XAPIPath(makeString(span))
        } catch {
            throw .raw(.invalidPath(error), at: span.escaped ? span.start : span.start + error.offset)
        }
    }

    /// Reads `true`, `false` or `null` (as `false`).
    private mutating func readFlag() throws(WireDecodingError) -> Bool {
        switch try peekToken() {
        case UInt8(ascii: "t"): try readLiteral("true"); return true
        case UInt8(ascii: "f"): try readLiteral("false"); return false
        case UInt8(ascii: "n"): try readLiteral("null"); return false
        default: throw .raw(.wrongType(expected: "a boolean"), at: position)
        }
    }

    /// Reads the `events` array opened at nesting `depth`.
    mutating func readEvents(depth: Int) throws(WireDecodingError) -> [DeviceEvent] {
        guard try beginArray(depth: depth) else { return [] }
        var events: [DeviceEvent] = []
        repeat {
            do { events.append(try readEvent(depth: depth + 1)) } catch { throw error.inside(index: events.count) }
        } while try nextElement()
        return events
    }

    /// Reads one `{"key":…,"value":…,"timestamp":…}`; all three are required.
    private mutating func readEvent(depth: Int) throws(WireDecodingError) -> DeviceEvent {
        guard try beginObject(depth: depth) else { throw .raw(.missingField("key"), at: position - 1) }
        var seen = SeenMembers()
        var key: XAPIPath?
        var value: JSONValue?
        var timestamp: Timestamp?
        repeat {
            let (field, name) = try readMemberName(&seen)
            do {
                switch field {
                case .key: key = try readPath()
                case .value: value = try readValue(depth: depth)
                case .timestamp: timestamp = try readTimestamp()
                default: _ = try readValue(depth: depth)
                }
            } catch {
                throw error.inside(key: name)
            }
        } while try nextMember()
        let close = position - 1
        guard let key else { throw .raw(.missingField("key"), at: close) }
        guard let value else { throw .raw(.missingField("value"), at: close) }
        guard let timestamp else { throw .raw(.missingField("timestamp"), at: close) }
        return DeviceEvent(key: key, value: value, timestamp: timestamp)
    }
}
