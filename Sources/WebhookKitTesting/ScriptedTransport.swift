import Synchronization
import WebhookKit

/// A ``WebhookTransport`` that answers from a script and records every request, for
/// testing delivery logic without a network.
///
/// Answers come, in this order of precedence, from the queue of the request's endpoint,
/// the shared queue, the handler, or the default step (`200 OK` unless given).
///
/// ```swift
/// let transport = ScriptedTransport()                     // answers 200 to everything
/// transport.enqueue(.status(503, headers: ["Retry-After": "120"]),
///                   .fail(.timeout, "no answer"),
///                   .status(200))
/// let gate = ScriptedGate()
/// transport.enqueue(.suspend(until: gate, then: .status(200)), for: slowEndpoint)
/// // … run the dispatcher …
/// await gate.waitForArrivals(count: 1)                    // the request is in flight
/// gate.open()
/// #expect(transport.requests.count == 4)
/// ```
///
/// `RecordingTransport(status: 204)` is the same type answering one status to everything.
public final class ScriptedTransport: WebhookTransport {
    /// One scripted answer.
    public indirect enum Step: Sendable {
        /// Answer with this response.
        case respond(WebhookResponse)
        /// Throw this transport error.
        case fail(TransportError)
        /// Wait until `gate` opens, then take `then`. A cancelled sender gets
        /// ``TransportError/Kind/reset`` ("request cancelled").
        case suspend(until: ScriptedGate, then: Step)

        /// Answers `statusCode` with the given headers.
        public static func status(_ statusCode: Int, headers: HTTPHeaders = HTTPHeaders()) -> Step {
            .respond(WebhookResponse(statusCode: statusCode, headers: headers))
        }

        /// Throws a transport error of `kind`.
        public static func fail(_ kind: TransportError.Kind, _ detail: String = "scripted failure") -> Step {
            .fail(TransportError(kind, detail))
        }
    }

    /// Chooses the answer for a request; `index` counts every request, starting at 0.
    public typealias Handler = @Sendable (_ request: WebhookRequest, _ index: Int) -> Step

    private struct State {
        var defaultStep: Step
        var handler: Handler?
        var shared: [Step] = []
        var perEndpoint: [WebhookEndpoint: [Step]] = [:]
        var requests: [WebhookRequest] = []
    }

    private let state: Mutex<State>

    /// Creates a transport that answers `statusCode` to every unscripted request.
    public convenience init(status statusCode: Int = 200) {
        self.init(default: .status(statusCode))
    }

    /// Creates a transport that takes `step` for every unscripted request.
    public init(default step: Step) {
        state = Mutex(State(defaultStep: step))
    }

    /// Appends answers to the shared queue, or to `endpoint`'s queue when given.
    public func enqueue(_ steps: Step..., for endpoint: WebhookEndpoint? = nil) {
        enqueue(contentsOf: steps, for: endpoint)
    }

    /// Appends answers to the shared queue, or to `endpoint`'s queue when given.
    public func enqueue(contentsOf steps: [Step], for endpoint: WebhookEndpoint? = nil) {
        state.withLock { state in
            if let endpoint {
                state.perEndpoint[endpoint, default: []].append(contentsOf: steps)
            } else {
                state.shared.append(contentsOf: steps)
            }
        }
    }

    /// Sets the handler consulted when both queues are empty (`nil` removes it).
    public func setHandler(_ handler: Handler?) {
        state.withLock { $0.handler = handler }
    }

    /// Sets the step taken when nothing else applies.
    public func setDefault(_ step: Step) {
        state.withLock { $0.defaultStep = step }
    }

    /// Every request received so far, in arrival order.
    public var requests: [WebhookRequest] {
        state.withLock { $0.requests }
    }

    /// The number of requests received so far.
    public var requestCount: Int {
        state.withLock { $0.requests.count }
    }

    /// Scripted answers not yet used, in all queues.
    public var pendingStepCount: Int {
        state.withLock { $0.shared.count + $0.perEndpoint.values.reduce(0) { $0 + $1.count } }
    }

    /// Records `request` and answers it from the script.
    public func send(_ request: WebhookRequest) async throws(TransportError) -> WebhookResponse {
        let (step, handler, index): (Step?, Handler?, Int) = state.withLock { state in
            let index = state.requests.count
            state.requests.append(request)
            if var queue = state.perEndpoint[request.endpoint], !queue.isEmpty {
                let step = queue.removeFirst()
                state.perEndpoint[request.endpoint] = queue
                return (step, nil, index)
            }
            if !state.shared.isEmpty { return (state.shared.removeFirst(), nil, index) }
            if let handler = state.handler { return (nil, handler, index) }
            return (state.defaultStep, nil, index)
        }
        // The handler runs outside the lock so it may call back into the transport.
        var current = step ?? handler.map { $0(request, index) } ?? .status(200)
        while true {
            switch current {
            case .respond(let response):
                return response
            case .fail(let error):
                throw error
            case .suspend(let gate, let next):
                guard await gate.pass() else { throw TransportError(.reset, "request cancelled") }
                current = next
            }
        }
    }
}

/// A ``ScriptedTransport`` used only to answer one status and record requests.
public typealias RecordingTransport = ScriptedTransport
