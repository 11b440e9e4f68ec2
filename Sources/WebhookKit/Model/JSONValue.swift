/// A JSON value as device APIs report it: integers kept apart from doubles, so that
/// values beyond 2^53 survive exactly, and object members kept in order.
///
/// ```swift
/// let value: JSONValue = ["WidgetId": "lights", "Value": "on"]
/// value["WidgetId"]   // .string("lights")
/// ```
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other finite number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    indirect case array([JSONValue])
    /// An object, members in order.
    indirect case object(JSONObject)

    /// The member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A double.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object, members in literal order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

/// The members of a JSON object, in order, with lookup by key.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One member.
    public struct Member: Sendable, Hashable {
        /// The member name.
        public var key: String
        /// The member value.
        public var value: JSONValue
    }

    /// The members in order.
    public private(set) var members: [Member]

    /// Creates an object from key–value pairs; a repeated key keeps its last value
    /// at the position of its first appearance.
    public init(_ pairs: [(String, JSONValue)] = []) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// Creates an object from members whose keys are already known to be distinct, in
    /// linear time (``init(_:)`` is quadratic, which untrusted input must not reach).
    init(uniqueMembers: [Member]) {
        members = uniqueMembers
    }

    /// The number of members.
    public var count: Int { members.count }

    /// The value of `key`; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append(Member(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Iterates the members in order.
    public func makeIterator() -> IndexingIterator<[Member]> {
        members.makeIterator()
    }
}
