/// Delivers device notifications to connected webhooks: durably, in order per device,
/// with retries, circuit breaking, coalescing and metrics.
///
/// `publish` routes a notification through the ``SubscriptionIndex``, writes one message
/// per matching webhook to the ``OutboxStore`` and returns; lanes (one per webhook and
/// device) then deliver in publish order, one message in flight per lane, so a failing
/// receiver holds back only its own lanes.
///
/// ```swift
/// let dispatcher = Dispatcher(transport: HTTPClientTransport(), outbox: InMemoryOutboxStore())
/// try await dispatcher.start()
/// let hook = try await dispatcher.createWebhook(WebhookConfiguration(
///     name: "analytics", url: "https://analytics.example.com/hooks",
///     authorization: .token("s3cr3t"), topics: ["RoomAnalytics.*"]))
/// try await dispatcher.publish(notification)
/// let result = try await dispatcher.test(hook.id)
/// await dispatcher.shutdown(deadline: .seconds(5))
/// ```
public actor Dispatcher {
    /// Lifecycle of a dispatcher.
    enum Phase: Equatable {
        case created, running, shuttingDown, stopped
    }

    /// A lane with a worker task delivering it.
    struct LaneRun {
        var task: Task<Void, Never>?
        /// Set when messages arrived while the worker was looking, so it looks again.
        var dirty = false
    }

    let configuration: Configuration
    let transport: any WebhookTransport
    let outbox: any OutboxStore
    let registry: any WebhookRegistryStore
    let clock: any WebhookClock
    /// The dispatcher's counters and histograms.
    public nonisolated let metrics: DeliveryMetrics
    let builder: DeliveryRequestBuilder

    var phase = Phase.created
    var targets: [WebhookID: DeliveryTarget] = [:]
    var index: SubscriptionIndex
    var lanes: [LaneKey: LaneRun] = [:]
    var breakers: [String: CircuitBreaker] = [:]
    var breakerWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    var streaks: [WebhookID: FailureStreak] = [:]
    var inFlight: [WebhookID: Int] = [:]
    var totalInFlight = 0
    var permitWaiters: [WebhookID: [CheckedContinuation<Void, Never>]] = [:]
    var idleWaiters: [CheckedContinuation<Void, Never>] = []
    var queueDepth: [WebhookID: Int] = [:]
    var healthTickers: [WebhookID: Task<Void, Never>] = [:]
    /// Moves whenever messages may leave or change in lanes other than by their own
    /// worker (a webhook deleted, disabled or reconfigured), so workers drop what they
    /// read ahead before it.
    var laneEpoch: UInt64 = 0
    /// Attempts whose results are being applied (``finishAttempt``).
    var finishingAttempts = 0
    /// Delivered requests waiting for their removal from the outbox, and the task doing it.
    var pendingCompletions: [PendingCompletion] = []
    var completionFlusher: Task<Void, Never>?
    /// Whether a removal is running, in a finishing lane or in `completionFlusher`.
    var flushingCompletions = false
    /// Every delivered request takes the next ticket; removals are done up to `flushedCompletionTicket`.
    var completionTicket: UInt64 = 0
    var flushedCompletionTicket: UInt64 = 0
    var completionWaiters: [CompletionWaiter] = []
    /// Whether the last removal failed (the flusher is waiting to try again).
    var completionsFailing = false
    /// The ticket of each lane's last delivery whose removal is not done yet; kept after
    /// its worker ends, for the next one.
    var laneCompletionTickets: [LaneKey: UInt64] = [:]
    var random: SplitMix64

    /// Creates a dispatcher; call ``start()`` before publishing.
    public init(
        configuration: Configuration = Configuration(),
        transport: any WebhookTransport,
        outbox: any OutboxStore,
        registry: any WebhookRegistryStore = InMemoryWebhookRegistryStore(),
        clock: any WebhookClock = SystemClock(),
        metrics: DeliveryMetrics = DeliveryMetrics()
    ) {
        self.configuration = configuration
        self.transport = transport
        self.outbox = outbox
        self.registry = registry
        self.clock = clock
        self.metrics = metrics
        self.builder = DeliveryRequestBuilder(
            userAgent: configuration.userAgent, hmac: configuration.hmac, timeout: configuration.requestTimeout
        )
        self.index = SubscriptionIndex(configurations: [], catalog: configuration.catalog)
        var seedSource = SystemRandomNumberGenerator()
        self.random = SplitMix64(seed: configuration.randomSeed ?? seedSource.next())
    }

    /// Loads the registered webhooks and resumes every lane that still holds messages.
    public func start() async throws(DispatcherError) {
        guard phase == .created else { return }
        let loaded: [WebhookConfiguration]
        let pending: [LaneKey]
        do {
            loaded = try await registry.loadAll()
            pending = try await outbox.pendingLanes()
            queueDepth = try await outbox.pendingCounts()
        } catch {
            throw .storeFailure(String(describing: error))
        }
        for configuration in loaded {
            if let target = DeliveryTarget(configuration) { targets[configuration.id] = target }
        }
        rebuildIndex()
        phase = .running
        for (webhook, depth) in queueDepth { metrics.setQueueDepth(webhook: webhook, depth) }
        for lane in pending { wake(lane) }
        restartHealthTickers()
    }

    /// Stops intake, lets in-flight requests finish for up to `deadline`, then stops
    /// every lane. Undelivered messages stay in the outbox for the next start.
    public func shutdown(deadline: Duration = .seconds(10)) async {
        guard phase == .running || phase == .created else { return }
        phase = .shuttingDown
        for ticker in healthTickers.values { ticker.cancel() }
        healthTickers = [:]
        wakeAllWaiters()
        if !isIdle {
            // Whichever comes first: every in-flight request answered and its messages
            // removed from the outbox, or the deadline.
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.waitUntilIdle() }
                group.addTask { [clock] in try? await clock.sleep(until: clock.now().advanced(by: deadline)) }
                await group.next()
                group.cancelAll()
                self.releaseIdleWaiters()
            }
        }
        // Past the deadline a failing outbox is not retried any longer.
        completionFlusher?.cancel()
        for run in lanes.values { run.task?.cancel() }
        lanes = [:]
        phase = .stopped
    }

    /// How many requests are in flight across all webhooks.
    public var requestsInFlight: Int { totalInFlight }

    /// The number of lanes being delivered right now.
    public var activeLaneCount: Int { lanes.count }

    /// Suspends until no request is in flight and every delivered message is removed
    /// from the outbox (or ``releaseIdleWaiters()`` gives up on it).
    ///
    /// Returns at once when cancelled: `shutdown` cancels it and then releases the waiters,
    /// and a waiter that first reached the actor after that release would wait forever.
    func waitUntilIdle() async {
        guard !isIdle, !Task.isCancelled else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Resumes everything waiting in ``waitUntilIdle()``.
    func releaseIdleWaiters() {
        idleWaiters.forEach { $0.resume() }
        idleWaiters = []
    }

    /// Lets every suspended worker re-check the phase.
    func wakeAllWaiters() {
        for waiters in permitWaiters.values { waiters.forEach { $0.resume() } }
        permitWaiters = [:]
        for waiters in breakerWaiters.values { waiters.forEach { $0.resume() } }
        breakerWaiters = [:]
    }

    /// Reports an event to the operator's handler, if any.
    func emit(_ event: DispatcherEvent) {
        configuration.eventHandler?(event)
    }
}
