/// Why bytes could not be decoded as a notification or JSON value: where (byte offset and
/// field path) and what went wrong.
///
/// The description names the offset, the field and the reason, never the content of a
/// value, so it is safe to log even when the input carries secrets:
/// `at byte 57, field events[0].timestamp: not an RFC 3339 timestamp`.
public struct WireDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The input ended inside a value.
        case unexpectedEnd
        /// A byte that cannot appear here; `expected` says what the grammar wanted.
        case unexpectedCharacter(expected: String)
        /// Bytes after the end of the top-level value.
        case trailingData
        /// A string is not valid UTF-8 (bad sequence, overlong form, surrogate, beyond U+10FFFF).
        case invalidUTF8
        /// A raw control character (below U+0020) inside a string.
        case controlCharacter
        /// A malformed `\` escape, or a `\u` escape that is a lone surrogate.
        case invalidEscape
        /// A malformed number, such as `01`, `1.` or `-`.
        case invalidNumber
        /// An integer beyond 64 bits, or a number whose magnitude is beyond `Double`.
        case numberOutOfRange
        /// Arrays and objects nested deeper than ``WireDecoder/Configuration/maximumDepth``.
        case tooDeep
        /// The input is longer than ``WireDecoder/Configuration/maximumInputSize``.
        case tooLarge
        /// The same member name twice in one object.
        case duplicateKey(String)
        /// A member the notification needs is absent.
        case missingField(String)
        /// The value has the wrong JSON type; `expected` names the right one.
        case wrongType(expected: String)
        /// `type` is none of `status`, `events`, `healthCheck`, `test`.
        case unknownNotificationType
        /// A status or event path is not a valid xAPI path.
        case invalidPath(PathError)
        /// A timestamp is not RFC 3339.
        case invalidTimestamp

        /// A short phrase naming the problem, without any input content beyond field names.
        public var description: String {
            switch self {
            case .unexpectedEnd: "unexpected end of input"
            case .unexpectedCharacter(let expected): "unexpected character, expected \(expected)"
            case .trailingData: "unexpected data after the end of the value"
            case .invalidUTF8: "invalid UTF-8"
            case .controlCharacter: "unescaped control character in a string"
            case .invalidEscape: "invalid escape sequence"
            case .invalidNumber: "malformed number"
            case .numberOutOfRange: "number out of range"
            case .tooDeep: "nested too deeply"
            case .tooLarge: "input too large"
            case .duplicateKey(let key): "duplicate key \"\(key)\""
            case .missingField(let name): "missing field \"\(name)\""
            case .wrongType(let expected): "wrong type, expected \(expected)"
            case .unknownNotificationType: "unknown notification type"
            case .invalidPath(let error): "invalid path: \(error)"
            case .invalidTimestamp: "not an RFC 3339 timestamp"
            }
        }
    }

    /// The byte offset in the input where the problem was found.
    public var offset: Int
    /// Where in the document: `$` for the root, then member names joined by `.` and array
    /// indexes in brackets, e.g. `events[2].key` or `changes.updated.RoomAnalytics.PeopleCount.Current`.
    public var fieldPath: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int, fieldPath: String = "$") {
        self.reason = reason
        self.offset = offset
        self.fieldPath = fieldPath
    }

    /// `at byte 57, field events[0].timestamp: not an RFC 3339 timestamp`.
    public var description: String {
        "at byte \(offset), field \(fieldPath): \(reason)"
    }
}

extension WireDecodingError {
    /// Errors are raised with an empty path and gain one component per level on their way
    /// out, so that the happy path never builds path strings.
    static func raw(_ reason: Reason, at offset: Int) -> Self {
        Self(reason, at: offset, fieldPath: "")
    }

    /// This error, as seen from the object holding it under `key`.
    func inside(key: String) -> Self {
        var copy = self
        if fieldPath.isEmpty {
            copy.fieldPath = key
        } else if fieldPath.utf8.first == UInt8(ascii: "[") {
            copy.fieldPath = key + fieldPath
        } else {
            copy.fieldPath = key + "." + fieldPath
        }
        return copy
    }

    /// This error, as seen from the array holding it at `index`.
    func inside(index: Int) -> Self {
        var copy = self
        let component = "[\(index)]"
        if fieldPath.isEmpty || fieldPath.utf8.first == UInt8(ascii: "[") {
            copy.fieldPath = component + fieldPath
        } else {
            copy.fieldPath = component + "." + fieldPath
        }
        return copy
    }

    /// The error as callers see it: `$` for the root, `$[3]` for a path starting at an index.
    func rooted() -> Self {
        var copy = self
        if fieldPath.isEmpty {
            copy.fieldPath = "$"
        } else if fieldPath.utf8.first == UInt8(ascii: "[") {
            copy.fieldPath = "$" + fieldPath
        }
        return copy
    }
}
