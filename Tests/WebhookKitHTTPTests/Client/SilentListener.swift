import Foundation
import Glibc
import Synchronization

/// A TCP listener on 127.0.0.1 that accepts connections and reads from them but never
/// writes: a server that never completes TLS (or never answers).
final class SilentListener: Sendable {
    let port: Int
    private let descriptor: Int32
    private let accepted = Mutex<[Int32]>([])
    private let stopped = Atomic<Bool>(false)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard ok else {
            close(fd)
            throw ClientTestNetwork.Timeout(description: "cannot listen: errno \(errno)")
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .acquiring) {
            let client = accept(descriptor, nil, nil)
            if client < 0 { return }
            accepted.withLock { $0.append(client) }
            Thread {
                var buffer = [UInt8](repeating: 0, count: 4096)
                while recv(client, &buffer, buffer.count, 0) > 0 {}
            }.start()
        }
    }

    /// Closes the listener and every accepted connection.
    func stop() {
        stopped.store(true, ordering: .releasing)
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
        for client in accepted.withLock({ $0 }) {
            shutdown(client, Int32(SHUT_RDWR))
            close(client)
        }
    }
}
