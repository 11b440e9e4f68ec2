/// An immutable snapshot of all webhook configurations, built for routing: which active
/// webhooks want a device notification, and what part of it each one wants.
///
/// A device is looked up in O(1) (one hash-table lookup by device id, one by workspace
/// id, plus the list of all-devices webhooks), so the cost of routing a notification
/// depends on the webhooks that feed from its device, never on the others. Paused and
/// disabled webhooks are left out when the index is built; pending ones are kept and
/// start matching once `now` reaches their activation time.
///
/// Topics and the catalog: a status path is delivered only if it matches one of the
/// webhook's topics **and** a status entry of the catalog (event keys: a topic and an
/// event entry), so a wildcard topic never lets anything outside the catalog through.
/// Each path of a notification is looked up in the catalog once, before any webhook is
/// considered; each distinct topic list keeps, per catalog entry, whether its topics
/// take the entry whole, partly or not at all, so most checks are one array read. The
/// work per candidate webhook is then a timestamp comparison and one read per path.
///
/// ```swift
/// let index = SubscriptionIndex(configurations: registry.all)
/// for copy in index.route(notification, at: .now) {
///     outbox.enqueue(copy.notification, for: copy.webhookID)
/// }
/// ```
///
/// The registry builds a new index on every change and swaps it in atomically; the
/// value is `Sendable` and safe to share between routing tasks.
public final class SubscriptionIndex: Sendable {
    /// The configurations, one per webhook id (a later duplicate replaces an earlier one).
    public let configurations: [WebhookConfiguration]
    /// The catalog that decides which paths can be delivered.
    public let catalog: EventCatalog

    private let positions: [WebhookID: Int]
    // Routable webhooks by slot, in parallel arrays so the per-candidate checks read
    // plain numbers (no reference counting): id, activation time (`Int64.min` when
    // active), and the row of its topic list in `interest`.
    let slotIDs: [WebhookID]
    let slotActivatesAt: [Int64]
    let slotInterestRow: [Int]
    let interest: TopicInterest
    let allDevices: [Int]
    let byDevice: SlotTable
    let byWorkspace: SlotTable

    /// Builds the index. Configurations are expected to have passed
    /// ``WebhookConfiguration/validate(catalog:)``; a topic that does not parse matches nothing.
    public init(configurations: [WebhookConfiguration], catalog: EventCatalog = .roomDevices) {
        var lastPosition: [WebhookID: Int] = [:]
        for (position, configuration) in configurations.enumerated() { lastPosition[configuration.id] = position }
        let unique = configurations.enumerated().filter { lastPosition[$0.element.id] == $0.offset }.map(\.element)

        var positions: [WebhookID: Int] = [:]
        var slotIDs: [WebhookID] = []
        var slotActivatesAt: [Int64] = []
        var slotInterestRow: [Int] = []
        var interest = TopicInterest(entryCount: catalog.entries.count)
        var allDevices: [Int] = []
        var byDevice: [String: [Int]] = [:]
        var byWorkspace: [String: [Int]] = [:]
        for (position, configuration) in unique.enumerated() {
            positions[configuration.id] = position
            switch configuration.state {
            case .paused, .disabled: continue
            case .active: slotActivatesAt.append(.min)
            case .pendingActivation: slotActivatesAt.append(configuration.activatesAt.millisecondsSince1970)
            }
            let slot = slotIDs.count
            slotIDs.append(configuration.id)
            slotInterestRow.append(interest.row(for: configuration.topics, catalog: catalog))
            switch configuration.dataSource {
            case .allDevices: allDevices.append(slot)
            case .devices(let ids): for id in ids { byDevice[id.rawValue, default: []].append(slot) }
            case .workspaces(let ids): for id in ids { byWorkspace[id.rawValue, default: []].append(slot) }
            }
        }
        self.configurations = unique
        self.catalog = catalog
        self.positions = positions
        self.slotIDs = slotIDs
        self.slotActivatesAt = slotActivatesAt
        self.slotInterestRow = slotInterestRow
        self.interest = interest
        self.allDevices = allDevices
        self.byDevice = SlotTable(byDevice)
        self.byWorkspace = SlotTable(byWorkspace)
    }

    /// The configuration of webhook `id`, whatever its state.
    public func configuration(for id: WebhookID) -> WebhookConfiguration? {
        positions[id].map { configurations[$0] }
    }

    /// The number of webhooks that can match (not paused or disabled).
    public var routableCount: Int { slotIDs.count }
}
