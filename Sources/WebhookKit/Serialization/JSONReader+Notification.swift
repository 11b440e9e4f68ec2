extension JSONReader {
    /// The member names of one object seen so far, to refuse duplicates.
    struct SeenMembers {
        /// Known fields, one bit each.
        var known: UInt32 = 0
        /// Names of unknown members (rare: only forward-compatible additions).
        var unknown: Set<String> = []
    }

    /// Reads a member name and its `:`, refusing a name seen before in the same object.
    /// Returns the field and, for an unknown field, its name.
    mutating func readMemberName(_ seen: inout SeenMembers) throws(WireDecodingError) -> (WireField, String) {
        let keyOffset = skippingWhitespace()
        let span = try readKey()
        let field = withBytes(span) { WireField.classify($0) }
        if field != .unknown {
            guard seen.known & field.bit == 0 else { throw .raw(.duplicateKey(field.name), at: keyOffset) }
            seen.known |= field.bit
            return (field, field.name)
        }
        let name = makeString(span)
        guard seen.unknown.insert(name).inserted else { throw .raw(.duplicateKey(name), at: keyOffset) }
        return (field, name)
    }

    /// Reads one notification envelope opened at nesting `depth`.
    mutating func readNotification(depth: Int) throws(WireDecodingError) -> DeviceNotification {
        guard try beginObject(depth: depth) else { throw .raw(.missingField("id"), at: position - 1) }
        var seen = SeenMembers()
        var id: String?
        var kind: DeviceNotification.Kind?
        var webhookId: String?
        var orgId: String?
        var workspaceId: String?
        var deviceId: String?
        var timestamp: Timestamp?
        var changes: StatusChange?
        var events: [DeviceEvent]?
        repeat {
            let (field, name) = try readMemberName(&seen)
            do {
                switch field {
                case .id: id = try readString()
                case .type: kind = try readKind()
                case .webhookId: webhookId = try readOptionalString()
                case .orgId: orgId = try readOptionalString()
                case .workspaceId: workspaceId = try readOptionalString()
                case .deviceId: deviceId = try readOptionalString()
                case .timestamp: timestamp = try readTimestamp()
                case .changes: changes = try readStatusChange(depth: depth + 1)
                case .events: events = try readEvents(depth: depth + 1)
                default: _ = try readValue(depth: depth)
                }
            } catch {
                throw error.inside(key: name)
            }
        } while try nextMember()
        let close = position - 1
        guard let id else { throw .raw(.missingField("id"), at: close) }
        guard let kind else { throw .raw(.missingField("type"), at: close) }
        guard let timestamp else { throw .raw(.missingField("timestamp"), at: close) }
        let body: DeviceNotification.Body
        switch kind {
        case .status:
            guard let changes else { throw .raw(.missingField("changes"), at: close) }
            body = .status(changes)
        case .events:
            guard let events else { throw .raw(.missingField("events"), at: close) }
            body = .events(events)
        case .healthCheck:
            body = .healthCheck
        case .test:
            body = .test
        }
        return DeviceNotification(
            id: MessageID(rawValue: id),
            orgId: orgId.map(OrganizationID.init(rawValue:)),
            workspaceId: workspaceId.map(WorkspaceID.init(rawValue:)),
            deviceId: deviceId.map(DeviceID.init(rawValue:)),
            webhookId: webhookId.map(WebhookID.init(rawValue:)),
            timestamp: timestamp,
            body: body
        )
    }

    /// Reads the `type` string.
    private mutating func readKind() throws(WireDecodingError) -> DeviceNotification.Kind {
        guard try peekToken() == UInt8(ascii: "\"") else { throw .raw(.wrongType(expected: "a string"), at: position) }
        let offset = position
        let span = try readStringSpan()
        let kind: DeviceNotification.Kind? = withBytes(span) { bytes in
            switch bytes.count {
            case 6: bytes[0] == UInt8(ascii: "s") ? .status : .events
            case 11: .healthCheck
            case 4: .test
            default: nil
            }
        }
        guard let kind, withBytes(span, { kind.rawValue.utf8.elementsEqual($0) }) else {
            throw .raw(.unknownNotificationType, at: offset)
        }
        return kind
    }

    /// Reads an RFC 3339 timestamp string.
    mutating func readTimestamp() throws(WireDecodingError) -> Timestamp {
        guard try peekToken() == UInt8(ascii: "\"") else { throw .raw(.wrongType(expected: "a string"), at: position) }
        let offset = position
        let span = try readStringSpan()
        guard let timestamp = withBytes(span, { RFC3339.parse($0) }) else { throw .raw(.invalidTimestamp, at: offset) }
        return timestamp
    }

    /// Reads `{"messages":[…]}` opened at nesting `depth`.
    mutating func readBatch(depth: Int) throws(WireDecodingError) -> [DeviceNotification] {
        guard try beginObject(depth: depth) else { throw .raw(.missingField("messages"), at: position - 1) }
        var seen = SeenMembers()
        var messages: [DeviceNotification]?
        repeat {
            let (field, name) = try readMemberName(&seen)
            do throws(WireDecodingError) {
                if field == .messages {
                    var list: [DeviceNotification] = []
                    if try beginArray(depth: depth + 1) {
                        repeat {
                            do { list.append(try readNotification(depth: depth + 2)) } catch { throw error.inside(index: list.count) }
                        } while try nextElement()
                    }
                    messages = list
                } else {
                    _ = try readValue(depth: depth)
                }
            } catch {
                throw error.inside(key: name)
            }
        } while try nextMember()
        guard let messages else { throw .raw(.missingField("messages"), at: position - 1) }
        return messages
    }
}
