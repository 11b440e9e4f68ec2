import Synchronization
import WebhookKit
import WebhookKitHTTP

/// An ``HTTPHandler`` in front of the receive pipeline whose misbehaviour a test switches
/// at run time: answer an error status for the next N requests, hold requests of one path
/// until released, or pass through.
final class FaultHandler: HTTPHandler {
    /// What the handler does to a request.
    enum Fault: Sendable, Equatable {
        /// Hand the request to the receiver.
        case pass
        /// Answer `status` (with `Retry-After` when given) without looking at the request.
        case status(Int, retryAfter: String?)
        /// Keep the request waiting until ``FaultHandler/release()``, then apply the fault
        /// in force at that moment.
        case hold
    }

    private struct State {
        var fault = Fault.pass
        /// How many more requests get ``fault`` before it reverts to ``Fault/pass``;
        /// `nil` keeps it until changed.
        var remaining: Int?
        /// Faults for one path only, taking precedence over ``fault``.
        var pathFaults: [String: Fault] = [:]
        var held: [CheckedContinuation<Void, Never>] = []
        var injected: [Int: Int] = [:]
        var heldCount = 0
    }

    private let receiver: WebhookReceiverHandler
    private let state = Mutex(State())

    init(_ receiver: WebhookReceiver) {
        self.receiver = WebhookReceiverHandler(receiver)
    }

    /// Applies `fault` to every request, for the next `count` requests or until changed.
    func inject(_ fault: Fault, count: Int? = nil) {
        state.withLock {
            $0.fault = fault
            $0.remaining = count
        }
    }

    /// Applies `fault` to requests whose path is `path`.
    func inject(_ fault: Fault, path: String) {
        state.withLock { $0.pathFaults[path] = fault }
    }

    /// Stops holding: held requests go on with whatever fault is in force now.
    func release() {
        let held = state.withLock { state in
            state.pathFaults = state.pathFaults.filter { $0.value != .hold }
            if state.fault == .hold { state.fault = .pass }
            defer { state.held = [] }
            return state.held
        }
        held.forEach { $0.resume() }
    }

    /// Error statuses answered so far, by code.
    var injectedStatuses: [Int: Int] { state.withLock { $0.injected } }

    /// Requests held so far.
    var heldRequests: Int { state.withLock { $0.heldCount } }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        while true {
            switch nextFault(for: request) {
            case .pass:
                return await receiver.handle(request)
            case .status(let code, let retryAfter):
                state.withLock { $0.injected[code, default: 0] += 1 }
                var headers = HTTPHeaders()
                if let retryAfter { headers.add(name: "Retry-After", value: retryAfter) }
                return HTTPResponse(status: code, headers: headers, body: Array("injected \(code)".utf8))
            case .hold:
                // Released requests look at the fault again: a test can hold everything,
                // switch the fault, then release.
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let holding = state.withLock { state -> Bool in
                        let stillHolding = state.pathFaults[String(request.path)] == .hold || state.fault == .hold
                        if stillHolding {
                            state.held.append(continuation)
                            state.heldCount += 1
                        }
                        return stillHolding
                    }
                    if !holding { continuation.resume() }
                }
            }
        }
    }

    private func nextFault(for request: HTTPRequest) -> Fault {
        state.withLock { state -> Fault in
            if let fault = state.pathFaults[String(request.path)] { return fault }
            let fault = state.fault
            if let remaining = state.remaining {
                if remaining <= 1 {
                    state.fault = .pass
                    state.remaining = nil
                } else {
                    state.remaining = remaining - 1
                }
            }
            return fault
        }
    }
}
