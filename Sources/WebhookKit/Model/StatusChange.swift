/// A change of device statuses: values updated, paths removed.
public struct StatusChange: Sendable, Hashable {
    /// One updated status value.
    public struct Update: Sendable, Hashable {
        /// The status path.
        public var path: XAPIPath
        /// The new value.
        public var value: JSONValue

        /// Creates an update.
        public init(path: XAPIPath, value: JSONValue) {
            self.path = path
            self.value = value
        }
    }

    /// Updated values in order; each path appears at most once.
    public private(set) var updated: [Update]
    /// Paths that no longer have a value.
    public private(set) var removed: [XAPIPath]
    /// Whether this change carries the device's complete status rather than a delta.
    public var isFullSync: Bool

    /// Creates a change; a path updated twice keeps its last value, and a path both
    /// updated and removed counts as updated.
    public init(updated: [Update] = [], removed: [XAPIPath] = [], isFullSync: Bool = false) {
        self.updated = []
        self.removed = []
        self.isFullSync = isFullSync
        for path in removed { remove(path) }
        for update in updated { set(update.path, to: update.value) }
    }

    /// Creates a change from parts already known to be consistent (updated paths distinct,
    /// removed paths distinct and not updated), in linear time: the public initializer is
    /// quadratic, which untrusted input must not reach.
    init(uncheckedUpdated updated: [Update], removed: [XAPIPath], isFullSync: Bool) {
        self.updated = updated
        self.removed = removed
        self.isFullSync = isFullSync
    }

    /// Whether the change updates and removes nothing.
    public var isEmpty: Bool { updated.isEmpty && removed.isEmpty }

    /// Every path the change touches, updated first.
    public var paths: [XAPIPath] { updated.map(\.path) + removed }

    /// The new value of `path`, if this change updates it.
    public func value(of path: XAPIPath) -> JSONValue? {
        updated.first { $0.path == path }?.value
    }

    /// Sets `path` to `value`, replacing an earlier value or removal of it.
    public mutating func set(_ path: XAPIPath, to value: JSONValue) {
        removed.removeAll { $0 == path }
        if let index = updated.firstIndex(where: { $0.path == path }) {
            updated[index].value = value
        } else {
            updated.append(Update(path: path, value: value))
        }
    }

    /// Marks `path` as removed, replacing an earlier value of it.
    public mutating func remove(_ path: XAPIPath) {
        updated.removeAll { $0.path == path }
        if !removed.contains(path) { removed.append(path) }
    }

    /// Applies a newer change on top of this one: its values and removals win.
    public mutating func merge(newer: StatusChange) {
        for path in newer.removed { remove(path) }
        for update in newer.updated { set(update.path, to: update.value) }
        isFullSync = isFullSync && newer.isFullSync
    }

    /// The part of this change whose paths satisfy `isIncluded`.
    public func filtered(_ isIncluded: (XAPIPath) -> Bool) -> StatusChange {
        var result = StatusChange(isFullSync: isFullSync)
        result.updated = updated.filter { isIncluded($0.path) }
        result.removed = removed.filter(isIncluded)
        return result
    }
}
