import WebhookKit

/// How notifications are kept in rows: the wire JSON (``WireEncoder``) plus a small
/// integer for the kind, so queries can filter without decoding.
enum StoredNotification {
    /// Stored rows were written by this package; the limit only guards against a damaged
    /// row claiming an absurd size.
    static let decoder = WireDecoder(configuration: .init(maximumInputSize: 64 << 20, maximumDepth: WireDecoder.Configuration.depthCeiling))

    static func kindCode(_ kind: DeviceNotification.Kind) -> Int64 {
        switch kind {
        case .status: 0
        case .events: 1
        case .healthCheck: 2
        case .test: 3
        }
    }

    static let statusCode: Int64 = 0

    /// Decodes a stored notification, naming the table when it does not decode.
    static func decode(_ bytes: [UInt8], table: String) throws(SQLiteStoreError) -> DeviceNotification {
        do {
            return try decoder.decode(bytes)
        } catch {
            throw .invalidStoredData(table: table, detail: "notification: \(error)")
        }
    }

    /// Decodes a stored JSON value.
    static func decodeValue(_ bytes: [UInt8], table: String) throws(SQLiteStoreError) -> JSONValue {
        do {
            return try decoder.decodeValue(bytes)
        } catch {
            throw .invalidStoredData(table: table, detail: "value: \(error)")
        }
    }
}
