import Dispatch
import Foundation

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
