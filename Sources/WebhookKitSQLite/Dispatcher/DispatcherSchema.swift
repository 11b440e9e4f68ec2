/// The tables of a dispatcher file: outbox lanes, dead letters, the webhook registry
/// and the delivery log.
enum DispatcherSchema {
    /// `PRAGMA application_id` of dispatcher files: "WHKD".
    static let applicationID: Int32 = 0x5748_4B44

    static let schema = SQLiteSchema(applicationID: applicationID, migrations: [version1, version2])

    /// Version 2 drops the lane index: ``OutboxLanes`` keeps it in memory instead, so a
    /// commit writes the table's last pages rather than index pages all over the file.
    static let version2 = """
        DROP INDEX IF EXISTS outbox_lane;
        """

    /// Version 1. Sequences never repeat (AUTOINCREMENT), so a late `complete` of a
    /// message whose webhook was deleted can never remove a newer message.
    static let version1 = """
        CREATE TABLE outbox (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            webhook TEXT NOT NULL,
            device TEXT,
            message_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            notification BLOB NOT NULL,
            published_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            first_attempt_at INTEGER,
            next_attempt_at INTEGER NOT NULL
        );
        CREATE INDEX outbox_lane ON outbox(webhook, device, sequence);
        CREATE TABLE dead_letter (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            sequence INTEGER NOT NULL,
            webhook TEXT NOT NULL,
            device TEXT,
            message_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            notification BLOB NOT NULL,
            published_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            first_attempt_at INTEGER,
            next_attempt_at INTEGER NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX dead_letter_webhook ON dead_letter(webhook, position);
        CREATE TABLE webhook (
            id TEXT PRIMARY KEY,
            configuration BLOB NOT NULL,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE delivery_attempt (
            id INTEGER PRIMARY KEY,
            webhook TEXT NOT NULL,
            message_id TEXT NOT NULL,
            attempted_at INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            status_code INTEGER,
            failure TEXT,
            latency_ms INTEGER NOT NULL,
            excerpt TEXT NOT NULL
        );
        CREATE INDEX delivery_attempt_webhook ON delivery_attempt(webhook, id);
        CREATE INDEX delivery_attempt_message ON delivery_attempt(message_id);
        CREATE INDEX delivery_attempt_time ON delivery_attempt(attempted_at);
        """
}
