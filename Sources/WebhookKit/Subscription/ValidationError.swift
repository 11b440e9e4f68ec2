/// Every problem found in a ``WebhookConfiguration``, each naming its field and reason,
/// so an administrator fixes them all in one go.
///
/// Reasons never quote a password, token, signing secret or URL; they may quote a host
/// or a topic.
///
/// ```swift
/// do { try webhook.validate() } catch {
///     for problem in error.problems { print(problem.field, problem.reason) }
/// }
/// ```
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem with one field.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The field, e.g. `name`, `url`, `authorization.password`, `topics[2]`.
        public let field: String
        /// What kind of problem, for programs.
        public let code: Code
        /// A sentence for people, e.g. `is empty`.
        public let reason: String

        /// Creates a problem.
        public init(field: String, code: Code, reason: String) {
            self.field = field
            self.code = code
            self.reason = reason
        }

        /// `field: reason`.
        public var description: String { "\(field): \(reason)" }
    }

    /// The kind of a problem; new kinds may be added without breaking callers.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code text, e.g. `forbiddenAddress`.
        public let rawValue: String
        /// Wraps a code text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code text.
        public var description: String { rawValue }

        /// A required value is empty.
        public static let empty = Code(rawValue: "empty")
        /// A value is too long.
        public static let tooLong = Code(rawValue: "tooLong")
        /// A number is outside its allowed range.
        public static let outOfRange = Code(rawValue: "outOfRange")
        /// The URL does not parse.
        public static let unparseableURL = Code(rawValue: "unparseableURL")
        /// The URL scheme is not `https`.
        public static let insecureScheme = Code(rawValue: "insecureScheme")
        /// The URL has no host.
        public static let missingHost = Code(rawValue: "missingHost")
        /// The URL carries `user:password@`.
        public static let embeddedCredentials = Code(rawValue: "embeddedCredentials")
        /// The host is a non-public address or `localhost`.
        public static let forbiddenAddress = Code(rawValue: "forbiddenAddress")
        /// The host looks like an IP address but is not a valid one.
        public static let malformedAddress = Code(rawValue: "malformedAddress")
        /// A credential holds CR, LF or NUL and could inject headers.
        public static let headerInjection = Code(rawValue: "headerInjection")
        /// A credential holds another control character.
        public static let controlCharacter = Code(rawValue: "controlCharacter")
        /// A Basic username holds `:`.
        public static let colonInUsername = Code(rawValue: "colonInUsername")
        /// A topic does not parse as a pattern.
        public static let invalidTopic = Code(rawValue: "invalidTopic")
        /// A topic reaches no catalog entry.
        public static let topicOutsideCatalog = Code(rawValue: "topicOutsideCatalog")
        /// A duration is negative or too short.
        public static let invalidDuration = Code(rawValue: "invalidDuration")
        /// The signing secret is not `whsec_` + base64 of 24–64 bytes.
        public static let invalidSigningSecret = Code(rawValue: "invalidSigningSecret")
    }

    /// The problems, in field order; never empty when thrown.
    public let problems: [Problem]

    /// Creates an error listing `problems`.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// Whether some problem concerns `field`.
    public func contains(field: String) -> Bool {
        problems.contains { $0.field == field }
    }

    /// A header line, then one `field: reason` line per problem.
    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return (["invalid webhook configuration (\(count)):"] + problems.map(\.description))
            .joined(separator: "\n")
    }
}
