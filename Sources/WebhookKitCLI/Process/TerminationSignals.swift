import Dispatch
import Foundation
import Synchronization

/// Waits for SIGTERM or SIGINT without killing the process, so servers can shut down
/// gracefully: the signals' default action is turned off and a `DispatchSource` per
/// signal reports the first one to arrive.
///
/// ```swift
/// let signal = await TerminationSignals.wait()
/// log("received \(TerminationSignals.name(signal)), shutting down")
/// await server.shutdown(deadline: .seconds(10))
/// ```
public enum TerminationSignals {
    /// Suspends until one of `signals` arrives and returns it.
    public static func wait(for signals: [Int32] = [SIGTERM, SIGINT]) async -> Int32 {
        await withCheckedContinuation { continuation in
            let watch = Watch(continuation)
            watch.queue.sync { watch.install(signals) }
        }
    }

    /// `SIGTERM`, `SIGINT`, or `signal N`.
    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        default: "signal \(number)"
        }
    }

    /// The sources of one wait and its continuation, resumed once.
    ///
    /// `@unchecked Sendable` is safe because every stored property is read and written only
    /// on `queue` (installation runs in `queue.sync`, event handlers run on `queue`).
    private final class Watch: @unchecked Sendable {
        let queue = DispatchQueue(label: "webhookkit.termination-signals")
        private var continuation: CheckedContinuation<Int32, Never>?
        private var sources: [any DispatchSourceSignal] = []

        init(_ continuation: CheckedContinuation<Int32, Never>) {
            self.continuation = continuation
        }

        /// Turns off the default action of `signals` and watches them. Runs on `queue`.
        func install(_ signals: [Int32]) {
            for number in signals {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                // The handler keeps `self` (and through it every source) alive until a
                // signal arrives; `fire` then cancels the sources, breaking the cycle.
                source.setEventHandler { self.fire(number) }
                sources.append(source)
                source.resume()
            }
        }

        /// Resumes the waiter with the first signal. Runs on `queue`.
        private func fire(_ number: Int32) {
            sources.forEach { $0.cancel() }
            sources = []
            continuation?.resume(returning: number)
            continuation = nil
        }
    }
}

/// Whether SIGTERM or SIGINT has arrived, for loops that check between steps.
///
/// ```swift
/// let stop = TerminationFlag()
/// while !stop.isSet { … }
/// ```
public final class TerminationFlag: Sendable {
    private final class Box: Sendable {
        let signal = Mutex<Int32?>(nil)
    }

    private let box = Box()

    /// Starts watching SIGTERM and SIGINT.
    public init() {
        let box = self.box
        Task {
            let number = await TerminationSignals.wait()
            box.signal.withLock { $0 = number }
        }
    }

    /// The signal that arrived, if any.
    public var received: Int32? { box.signal.withLock { $0 } }

    /// Whether a signal arrived.
    public var isSet: Bool { received != nil }
}
