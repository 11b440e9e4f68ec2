import WebhookKit

extension SQLiteNotificationStore {
    /// Stored notifications matching every given filter, oldest first (by the device's
    /// timestamp, then arrival): of a device, of a workspace, touching a status path or
    /// event key, from `from` up to but excluding `to`.
    public func notifications(
        device: DeviceID? = nil, workspace: WorkspaceID? = nil, path: XAPIPath? = nil,
        from: Timestamp? = nil, to: Timestamp? = nil, limit: Int = 100
    ) async throws -> [DeviceNotification] {
        var conditions: [String] = []
        if device != nil { conditions.append("device = ?1") }
        if workspace != nil { conditions.append("workspace = ?2") }
        if path != nil {
            conditions.append("arrival IN (SELECT arrival FROM path_value WHERE path = ?3\(device != nil ? " AND device = ?1" : ""))")
        }
        if from != nil { conditions.append("timestamp >= ?4") }
        if to != nil { conditions.append("timestamp < ?5") }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT body FROM notification \(filter) ORDER BY timestamp, arrival LIMIT ?6"
        return try await worker.perform(.read) { database in
            let select = try database.statement(sql, operation: "query notifications")
            defer { select.reset() }
            try select.bind(1, device?.rawValue)
            try select.bind(2, workspace?.rawValue)
            try select.bind(3, path?.rawValue)
            try select.bind(4, from?.millisecondsSince1970)
            try select.bind(5, to?.millisecondsSince1970)
            try select.bind(6, max(0, limit))
            var found: [DeviceNotification] = []
            while try select.step() {
                found.append(try StoredNotification.decode(select.blob(0), table: "notification"))
            }
            return found
        }
    }

    /// The latest value of a status path of a device (by the device's timestamp), or
    /// `nil` when it was never reported or its latest change removed it.
    public func latestValue(device: DeviceID, path: XAPIPath) async throws -> StoredValue? {
        try await worker.perform(.read) { database in
            let select = try database.statement(
                """
                SELECT kind, value, timestamp, message_id FROM path_value
                WHERE device = ? AND path = ? AND kind IN (0, 1) ORDER BY timestamp DESC, arrival DESC LIMIT 1
                """,
                operation: "read latest value"
            )
            defer { select.reset() }
            try select.bind(1, device.rawValue)
            try select.bind(2, path.rawValue)
            guard try select.step(), select.int64(0) == 0 else { return nil }
            return StoredValue(
                value: try StoredNotification.decodeValue(select.blob(1), table: "path_value"),
                timestamp: Timestamp(millisecondsSince1970: select.int64(2)),
                messageID: MessageID(select.string(3))
            )
        }
    }

    /// The latest value of every status path of a device that still has one.
    public func latestValues(device: DeviceID) async throws -> [XAPIPath: StoredValue] {
        try await worker.perform(.read) { database in
            let select = try database.statement(
                """
                SELECT path, kind, value, timestamp, message_id FROM path_value
                WHERE device = ? AND kind IN (0, 1) ORDER BY path, timestamp DESC, arrival DESC
                """,
                operation: "read latest values"
            )
            defer { select.reset() }
            try select.bind(1, device.rawValue)
            var values: [XAPIPath: StoredValue] = [:]
            var lastPath: String?
            while try select.step() {
                let text = select.string(0)
                if text == lastPath { continue }
                lastPath = text
                guard select.int64(1) == 0 else { continue }
                let path: XAPIPath
                do {
                    path = try XAPIPath(text)
                } catch {
                    throw SQLiteStoreError.invalidStoredData(table: "path_value", detail: "path \"\(text)\": \(error)")
                }
                values[path] = StoredValue(
                    value: try StoredNotification.decodeValue(select.blob(2), table: "path_value"),
                    timestamp: Timestamp(millisecondsSince1970: select.int64(3)),
                    messageID: MessageID(select.string(4))
                )
            }
            return values
        }
    }
}
