/// A typed string identifier, so a device id cannot be passed where a webhook id is meant.
///
/// ```swift
/// let device: DeviceID = "desk-1"
/// device.rawValue   // "desk-1"
/// ```
public struct Identifier<Tag: IdentifierTag>: RawRepresentable, Sendable, Hashable, Comparable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The identifier text.
    public let rawValue: String

    /// Wraps an identifier text.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps an identifier text.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a literal.
    public init(stringLiteral value: String) {
        rawValue = value
    }

    /// Decodes from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The identifier text.
    public var description: String { rawValue }

    /// Orders identifiers by their text.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Marks what an ``Identifier`` identifies.
public protocol IdentifierTag: Sendable {}

/// Tag of ``DeviceID``.
public enum DeviceTag: IdentifierTag {}
/// Tag of ``WorkspaceID``.
public enum WorkspaceTag: IdentifierTag {}
/// Tag of ``OrganizationID``.
public enum OrganizationTag: IdentifierTag {}
/// Tag of ``WebhookID``.
public enum WebhookTag: IdentifierTag {}
/// Tag of ``MessageID``.
public enum MessageTag: IdentifierTag {}

/// Identifies a room device.
public typealias DeviceID = Identifier<DeviceTag>
/// Identifies a workspace (a room) that holds devices.
public typealias WorkspaceID = Identifier<WorkspaceTag>
/// Identifies the organization that owns devices and webhooks.
public typealias OrganizationID = Identifier<OrganizationTag>
/// Identifies a connected webhook.
public typealias WebhookID = Identifier<WebhookTag>
/// Identifies one message; stable across retries, it is the receiver's de-duplication key.
public typealias MessageID = Identifier<MessageTag>
