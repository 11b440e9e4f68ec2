import Foundation
import Glibc
import WebhookKitTesting

/// Certificates shared by the client tests, made once per test process.
struct ClientTestCertificates: Sendable {
    let ca: DevCertificateAuthority
    let good: DevCertificateAuthority.IssuedCertificate
    let expired: DevCertificateAuthority.IssuedCertificate
    let selfSigned: DevCertificateAuthority.IssuedCertificate
    let otherName: DevCertificateAuthority.IssuedCertificate

    static let shared: Result<ClientTestCertificates, any Error> = Result {
        let directory = NSTemporaryDirectory() + "webhookkit-client-tests-" + UUID().uuidString
        let ca = try DevCertificateAuthority(directory: directory)
        return ClientTestCertificates(
            ca: ca,
            good: try ca.issue(name: "good"),
            expired: try ca.issue(name: "expired", validFrom: Date(timeIntervalSinceNow: -20 * 86_400), validUntil: Date(timeIntervalSinceNow: -86_400)),
            selfSigned: try ca.selfSigned(name: "self"),
            otherName: try ca.issue(name: "other", dnsNames: ["other.example"], ipAddresses: [])
        )
    }

    static func get() throws -> ClientTestCertificates { try shared.get() }
}

/// A spawned peer process, terminated by ``stop()`` (tests call it in `defer`).
final class PeerProcess: @unchecked Sendable {
    // Safe: `process` is set once in init and Process's terminate/wait are thread-safe.
    let process = Process()
    let output = Pipe()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The first line the process prints (the Python peer prints its port).
    func firstLine() -> String {
        var bytes: [UInt8] = []
        let handle = output.fileHandleForReading
        while true {
            let chunk = handle.readData(ofLength: 1)
            guard let byte = chunk.first, byte != 0x0A else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Kills the process. SIGKILL, because a child spawned from a test thread inherits
    /// that thread's blocked signals, so SIGTERM may never arrive.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

enum ClientTestNetwork {
    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    /// A port that was free a moment ago (bind 127.0.0.1:0, read it back, close).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                _ = bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until something accepts TCP connections on 127.0.0.1:`port`.
    static func waitUntilAccepting(port: Int, process: PeerProcess? = nil) throws {
        for _ in 0..<200 {
            if let process, !process.process.isRunning { break }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if result == 0 { return }
            usleep(25_000)
        }
        throw Timeout(description: "nothing accepted connections on port \(port)")
    }

    /// Starts `openssl s_server -www` with a certificate; retries on a lost port race.
    static func startOpenSSLServer(certificate: DevCertificateAuthority.IssuedCertificate) throws -> (PeerProcess, Int) {
        var lastError: any Error = Timeout(description: "openssl s_server did not start")
        for _ in 0..<3 {
            let port = freePort()
            let peer = try PeerProcess([
                "openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate.certificatePath,
                "-key", certificate.privateKeyPath, "-www", "-naccept", "20",
            ])
            do {
                try waitUntilAccepting(port: port, process: peer)
                return (peer, port)
            } catch {
                peer.stop()
                lastError = error
            }
        }
        throw lastError
    }
}
