import WebhookKit
import WebhookKitCLI

/// Where the receiver keeps notifications: the SQLite file named by `--store`, or memory.
struct ReceiverStore: Sendable, CustomStringConvertible {
    let notifications: any NotificationStore
    let description: String
    private let closer: @Sendable () async -> Void

    /// Opens the store `--store` names; `nil` keeps notifications in memory.
    static func open(path: String?) throws -> ReceiverStore {
        guard let path else {
            return ReceiverStore(notifications: InMemoryNotificationStore(), description: "in memory", closer: {})
        }
        let store = try NotificationStoreFile.open(path: path)
        return ReceiverStore(notifications: store.store, description: path, closer: store.close)
    }

    /// Closes the file, if any, after every write made.
    func close() async {
        await closer()
    }
}
