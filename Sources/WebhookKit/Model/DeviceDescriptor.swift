/// What the dispatcher knows about a device: where it is and what it is called.
public struct DeviceDescriptor: Sendable, Hashable, Codable {
    /// The device id.
    public var id: DeviceID
    /// The workspace that holds the device.
    public var workspaceId: WorkspaceID?
    /// A name for people, e.g. `Board Pro 75 (Room 4.12)`.
    public var displayName: String
    /// Free-form labels, e.g. `floor-4`.
    public var tags: Set<String>

    /// Creates a descriptor.
    public init(id: DeviceID, workspaceId: WorkspaceID? = nil, displayName: String = "", tags: Set<String> = []) {
        self.id = id
        self.workspaceId = workspaceId
        self.displayName = displayName
        self.tags = tags
    }
}

/// What the dispatcher knows about a workspace (a room).
public struct WorkspaceDescriptor: Sendable, Hashable, Codable {
    /// The workspace id.
    public var id: WorkspaceID
    /// A name for people, e.g. `Room 4.12`.
    public var displayName: String
    /// How many people the room seats, when known.
    public var capacity: Int?
    /// Free-form labels.
    public var tags: Set<String>

    /// Creates a descriptor.
    public init(id: WorkspaceID, displayName: String = "", capacity: Int? = nil, tags: Set<String> = []) {
        self.id = id
        self.displayName = displayName
        self.capacity = capacity
        self.tags = tags
    }
}
