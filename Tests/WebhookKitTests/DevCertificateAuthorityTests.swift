import Foundation
import Testing
import WebhookKitTesting

@Suite("DevCertificateAuthority")
struct DevCertificateAuthorityTests {
    private func verify(_ certificate: String, ca: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "verify", "-CAfile", ca, certificate]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("issues certificates openssl verifies, and broken ones it refuses")
    func issues() throws {
        let directory = NSTemporaryDirectory() + "devca-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = try DevCertificateAuthority(directory: directory)
        let good = try ca.issue(name: "good")
        #expect(try verify(good.certificatePath, ca: ca.certificatePath).contains(": OK"))
        let expired = try ca.issue(
            name: "expired",
            validFrom: Date(timeIntervalSinceNow: -10 * 86_400),
            validUntil: Date(timeIntervalSinceNow: -86_400)
        )
        #expect(try verify(expired.certificatePath, ca: ca.certificatePath).contains("expired"))
        let stranger = try ca.selfSigned(name: "self")
        #expect(!(try verify(stranger.certificatePath, ca: ca.certificatePath).contains(": OK")))
    }
}
