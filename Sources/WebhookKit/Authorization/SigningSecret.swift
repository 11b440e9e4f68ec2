import Foundation

/// A Standard Webhooks signing secret: `whsec_` followed by the base64 of 24 to 64 random
/// bytes.
///
/// The key bytes are never shown: `description` and `debugDescription` print only a
/// redacted form, so a secret can sit in a configuration that gets logged.
///
/// ```swift
/// let secret = try SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
/// ```
public struct SigningSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The prefix every secret in text form starts with.
    public static let prefix = "whsec_"
    /// The accepted key lengths in bytes (the specification asks for 24 to 64).
    public static let keyLengths = 24...64

    /// Why a string is not a usable signing secret. No case carries the secret.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text does not start with `whsec_`.
        case missingPrefix
        /// The part after `whsec_` is not valid base64.
        case invalidBase64
        /// The decoded key has `length` bytes, outside 24...64.
        case invalidKeyLength(Int)

        /// A sentence naming the problem.
        public var description: String {
            switch self {
            case .missingPrefix: "signing secret must start with \"whsec_\""
            case .invalidBase64: "signing secret after \"whsec_\" is not valid base64"
            case .invalidKeyLength(let length):
                "signing secret key is \(length) bytes; it must be \(SigningSecret.keyLengths.lowerBound)...\(SigningSecret.keyLengths.upperBound) bytes"
            }
        }
    }

    /// The decoded HMAC key.
    public let keyBytes: [UInt8]

    /// Parses `whsec_<base64>`.
    public init(_ text: String) throws(ParseError) {
        guard text.hasPrefix(Self.prefix) else { throw .missingPrefix }
        let encoded = String(text.dropFirst(Self.prefix.count))
        guard !encoded.isEmpty, let data = Data(base64Encoded: encoded) else { throw .invalidBase64 }
        try self.init(keyBytes: Array(data))
    }

    /// Wraps raw key bytes (24 to 64 of them).
    public init(keyBytes: [UInt8]) throws(ParseError) {
        guard Self.keyLengths.contains(keyBytes.count) else { throw .invalidKeyLength(keyBytes.count) }
        self.keyBytes = keyBytes
    }

    /// Makes a new secret of `length` random bytes from the system's secure generator.
    public static func generate(length: Int = 32) throws(ParseError) -> SigningSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return try SigningSecret(keyBytes: bytes)
    }

    /// The text form `whsec_<base64>`, for storing or handing to the receiver's operator.
    /// Treat the result as a secret.
    public var textRepresentation: String {
        Self.prefix + Data(keyBytes).base64EncodedString()
    }

    /// A redacted form that never reveals the key.
    public var description: String { "whsec_<redacted \(keyBytes.count) bytes>" }

    /// A redacted form that never reveals the key.
    public var debugDescription: String { description }

    /// Compares keys in constant time.
    public static func == (lhs: SigningSecret, rhs: SigningSecret) -> Bool {
        ConstantTime.equals(lhs.keyBytes, rhs.keyBytes)
    }

    /// Hashes the key length only, so hashing leaks nothing of the key.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keyBytes.count)
    }
}
