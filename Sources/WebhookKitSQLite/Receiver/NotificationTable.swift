import WebhookKit

/// The receiver store's writes, run inside ``SQLiteWorker`` jobs.
enum NotificationTable {
    /// A notification ready to store, encoded before the job runs.
    struct Row: Sendable {
        var notification: DeviceNotification
        var encoded: [UInt8]
        /// (path, kind, value JSON or nil, timestamp) for `path_value`.
        var values: [(path: String, kind: Int64, value: [UInt8]?, timestamp: Int64)]

        init(_ notification: DeviceNotification) {
            self.notification = notification
            let encoder = WireEncoder()
            encoded = encoder.encode(notification)
            let time = notification.timestamp.millisecondsSince1970
            switch notification.body {
            case .status(let change):
                values = change.updated.map { ($0.path.rawValue, 0, encoder.encode($0.value), time) }
                    + change.removed.map { ($0.rawValue, 1, nil, time) }
            case .events(let events):
                values = events.map { ($0.key.rawValue, 2, encoder.encode($0.value), $0.timestamp.millisecondsSince1970) }
            case .healthCheck, .test:
                values = []
            }
        }
    }

    /// Stores `row` unless its id is stored already; `true` when stored.
    static func insertIfAbsent(_ row: Row, in database: SQLiteDatabase) throws -> Bool {
        let notification = row.notification
        let insert = try database.statement(
            """
            INSERT INTO notification (id, kind, webhook, org, workspace, device, timestamp, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """,
            operation: "store notification"
        )
        try insert.bind(1, notification.id.rawValue)
        try insert.bind(2, StoredNotification.kindCode(notification.kind))
        try insert.bind(3, notification.webhookId?.rawValue)
        try insert.bind(4, notification.orgId?.rawValue)
        try insert.bind(5, notification.workspaceId?.rawValue)
        try insert.bind(6, notification.deviceId?.rawValue)
        try insert.bind(7, notification.timestamp.millisecondsSince1970)
        try insert.bind(8, blob: row.encoded)
        try insert.run()
        guard database.changes == 1 else { return false }
        let arrival = database.lastInsertRowID
        let value = try database.statement(
            "INSERT INTO path_value (arrival, message_id, device, path, kind, value, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)",
            operation: "store path value"
        )
        for entry in row.values {
            value.reset()
            try value.bind(1, arrival)
            try value.bind(2, notification.id.rawValue)
            try value.bind(3, notification.deviceId?.rawValue)
            try value.bind(4, entry.path)
            try value.bind(5, entry.kind)
            try value.bind(6, blob: entry.value)
            try value.bind(7, entry.timestamp)
            try value.run()
        }
        return true
    }
}
