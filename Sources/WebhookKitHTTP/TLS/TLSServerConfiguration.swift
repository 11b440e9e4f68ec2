/// What a TLS server presents and accepts: certificates, protocol versions and ciphers.
///
/// The defaults follow current practice for public HTTPS endpoints: TLS 1.2 at least,
/// TLS 1.3 whenever the client offers it (OpenSSL always picks the highest common version),
/// and for TLS 1.2 only ECDHE key exchange with AEAD ciphers, so every session has forward
/// secrecy.
///
/// ```swift
/// var tls = TLSServerConfiguration(certificateChainPath: "server.pem", privateKeyPath: "server.key")
/// tls.serverNameIdentities["other.example"] = .init(certificateChainPath: "other.pem", privateKeyPath: "other.key")
/// ```
public struct TLSServerConfiguration: Sendable, Hashable {
    /// One certificate chain and the private key that belongs to its leaf.
    public struct Identity: Sendable, Hashable {
        /// PEM file: the leaf certificate first, then any intermediates.
        public var certificateChainPath: String
        /// PEM file: the unencrypted RSA or EC private key of the leaf.
        public var privateKeyPath: String

        /// Creates an identity from two PEM files.
        public init(certificateChainPath: String, privateKeyPath: String) {
            self.certificateChainPath = certificateChainPath
            self.privateKeyPath = privateKeyPath
        }
    }

    /// The lowest protocol version accepted.
    public enum MinimumVersion: Sendable, Hashable {
        /// TLS 1.2 and 1.3 (the default; 1.3 is chosen when the client offers it).
        case tls12
        /// TLS 1.3 only.
        case tls13
    }

    /// The identity served when the client sends no SNI name or one not listed in
    /// ``serverNameIdentities``.
    public var identity: Identity
    /// Further identities chosen by the SNI host name the client sends (keys compared
    /// case-insensitively), for one server answering for several names.
    public var serverNameIdentities: [String: Identity]
    /// The lowest protocol version accepted.
    public var minimumVersion: MinimumVersion
    /// OpenSSL cipher list for TLS 1.2 (TLS 1.3 suites keep OpenSSL's defaults, all AEAD).
    public var tls12Ciphers: String

    /// Modern TLS 1.2 ciphers: ECDHE with AES-GCM or ChaCha20-Poly1305.
    public static let modernTLS12Ciphers = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    /// Creates a configuration serving one certificate chain with the modern defaults.
    public init(
        certificateChainPath: String,
        privateKeyPath: String,
        minimumVersion: MinimumVersion = .tls12,
        tls12Ciphers: String = TLSServerConfiguration.modernTLS12Ciphers
    ) {
        identity = Identity(certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath)
        serverNameIdentities = [:]
        self.minimumVersion = minimumVersion
        self.tls12Ciphers = tls12Ciphers
    }
}
