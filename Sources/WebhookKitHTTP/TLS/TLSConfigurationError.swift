/// Why a TLS context could not be built from the configured files.
///
/// Each case names the file and the reason, so an operator can fix the deployment from
/// the message alone. Messages never include file contents.
public struct TLSConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: Sendable, Hashable {
        /// The file does not exist.
        case fileNotFound
        /// The file exists but cannot be read (permissions, a directory, …).
        case fileUnreadable
        /// The file holds no PEM block of the expected type.
        case notPEM
        /// The private key does not belong to the certificate.
        case keyMismatch
        /// The private key is protected by a passphrase, which the server cannot prompt for.
        case encryptedKey
        /// OpenSSL refused the contents or a setting (details in ``detail``).
        case rejected
    }

    /// The kind of problem.
    public let kind: Kind
    /// The file concerned, if the problem is about one file.
    public let path: String?
    /// A sentence with the specifics (OpenSSL's reason, errno text, which PEM type was expected).
    public let detail: String

    /// Creates an error.
    public init(kind: Kind, path: String?, detail: String) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    /// `"<path>: <reason>: <detail>"`.
    public var description: String {
        let reason = switch kind {
        case .fileNotFound: "file not found"
        case .fileUnreadable: "file not readable"
        case .notPEM: "not a PEM file"
        case .keyMismatch: "private key does not match the certificate"
        case .encryptedKey: "private key is encrypted"
        case .rejected: "rejected by OpenSSL"
        }
        let prefix = path.map { "TLS \($0): " } ?? "TLS: "
        return detail.isEmpty ? prefix + reason : prefix + reason + " (\(detail))"
    }
}
