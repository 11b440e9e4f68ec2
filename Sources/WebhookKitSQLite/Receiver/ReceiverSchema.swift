/// The tables of a receiver file: each notification once (unique by message id) with
/// its wire JSON, and one row per status path or event key for path queries.
enum ReceiverSchema {
    /// `PRAGMA application_id` of receiver files: "WHKR".
    static let applicationID: Int32 = 0x5748_4B52

    static let schema = SQLiteSchema(applicationID: applicationID, migrations: [version1])

    /// Version 1. `path_value.kind`: 0 a status value, 1 a status removal, 2 an event.
    static let version1 = """
        CREATE TABLE notification (
            arrival INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind INTEGER NOT NULL,
            webhook TEXT,
            org TEXT,
            workspace TEXT,
            device TEXT,
            timestamp INTEGER NOT NULL,
            body BLOB NOT NULL
        );
        CREATE INDEX notification_device ON notification(device, timestamp);
        CREATE INDEX notification_workspace ON notification(workspace, timestamp);
        CREATE INDEX notification_time ON notification(timestamp);
        CREATE TABLE path_value (
            arrival INTEGER NOT NULL,
            message_id TEXT NOT NULL,
            device TEXT,
            path TEXT NOT NULL,
            kind INTEGER NOT NULL,
            value BLOB,
            timestamp INTEGER NOT NULL
        );
        CREATE INDEX path_value_device_path ON path_value(device, path, timestamp, arrival);
        CREATE INDEX path_value_path ON path_value(path, timestamp);
        """
}
