extension PathPattern {
    /// Whether at least one path is matched by both this pattern and `other`.
    ///
    /// Validation uses it to decide whether a topic reaches into the catalog at all:
    /// `RoomAnalytics.*` overlaps `RoomAnalytics.PeopleCount.Current`, and
    /// `Peripherals.ConnectedDevice[5].*` overlaps `Peripherals.ConnectedDevice[*].RoomAnalytics.AirQuality.Index`.
    public func overlaps(_ other: PathPattern) -> Bool {
        let (shorter, longer) = segments.count <= other.segments.count ? (self, other) : (other, self)
        // A pattern without a trailing `*` matches paths of exactly its length; with one,
        // paths at least that long. The shorter pattern must therefore be a subtree
        // unless both have the same length.
        if shorter.segments.count < longer.segments.count, !shorter.isSubtree { return false }
        for (left, right) in zip(shorter.segments, longer.segments) {
            guard Self.segment(left, overlaps: right) else { return false }
        }
        // Past the shorter pattern's length only its trailing `*` remains, which takes
        // whatever the longer pattern demands.
        return true
    }

    /// Whether every path matched by `other` is also matched by this pattern.
    ///
    /// The routing index uses it to skip per-path matching where a topic takes a catalog
    /// entry whole; `false` only costs a slower check, never a wrong delivery.
    public func covers(_ other: PathPattern) -> Bool {
        if isSubtree {
            // `other`'s shortest path must be at least as long as this pattern.
            guard other.segments.count >= segments.count else { return false }
        } else {
            guard !other.isSubtree, other.segments.count == segments.count else { return false }
        }
        for (mine, theirs) in zip(segments, other.segments) {
            guard Self.segment(mine, covers: theirs) else { return false }
        }
        return true
    }

    static func segment(_ left: Segment, overlaps right: Segment) -> Bool {
        switch (left, right) {
        case (.wildcard, _), (_, .wildcard): true
        case (.name(let a), .name(let b)): a == b
        case (.indexed(let a, let i), .indexed(let b, let j)): a == b && i == j
        case (.indexed(let a, _), .anyIndex(let b)), (.anyIndex(let a), .indexed(let b, _)),
            (.anyIndex(let a), .anyIndex(let b)):
            a == b
        case (.name, .indexed), (.name, .anyIndex), (.indexed, .name), (.anyIndex, .name): false
        }
    }

    static func segment(_ outer: Segment, covers inner: Segment) -> Bool {
        switch (outer, inner) {
        case (.wildcard, _): true
        case (_, .wildcard): false
        case (.name(let a), .name(let b)): a == b
        case (.indexed(let a, let i), .indexed(let b, let j)): a == b && i == j
        case (.anyIndex(let a), .indexed(let b, _)), (.anyIndex(let a), .anyIndex(let b)): a == b
        case (.name, _), (.indexed, _), (.anyIndex, .name): false
        }
    }
}
