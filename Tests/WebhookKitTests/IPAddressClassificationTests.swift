import Testing
import WebhookKit

@Suite("IPAddressClassification")
struct IPAddressClassificationTests {
    typealias Scope = IPAddressClassification.Scope

    @Test("classifies IPv4 ranges the SSRF guard must refuse", arguments: [
        ("127.0.0.1", Scope.loopback), ("127.255.1.2", .loopback),
        ("10.0.0.1", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork),
        ("192.168.1.1", .privateNetwork), ("169.254.169.254", .linkLocal),
        ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
        ("224.0.0.1", .multicast), ("239.255.255.250", .multicast),
        ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified),
        ("255.255.255.255", .reserved), ("240.0.0.1", .reserved),
    ])
    func ipv4Forbidden(literal: String, scope: Scope) {
        #expect(IPAddressClassification.scope(ofLiteral: literal) == scope)
        #expect(IPAddressClassification.isForbidden(literal: literal))
    }

    @Test("treats public IPv4 neighbours of private ranges as global", arguments: [
        "8.8.8.8", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0",
        "169.253.0.1", "192.167.1.1", "11.0.0.1", "223.255.255.255", "1.1.1.1",
    ])
    func ipv4Global(literal: String) {
        #expect(IPAddressClassification.scope(ofLiteral: literal) == .global)
        #expect(!IPAddressClassification.isForbidden(literal: literal))
    }

    @Test("classifies IPv6 ranges, including IPv4 carried inside IPv6", arguments: [
        ("::1", Scope.loopback), ("::", .unspecified), ("fe80::1", .linkLocal), ("febf::1", .linkLocal),
        ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal), ("ff02::1", .multicast),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:7f00:1", .loopback), ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:169.254.169.254", .linkLocal), ("::127.0.0.1", .loopback), ("::192.168.0.1", .privateNetwork),
        ("64:ff9b::10.0.0.1", .privateNetwork), ("0:0:0:0:0:0:0:1", .loopback),
    ])
    func ipv6Forbidden(literal: String, scope: Scope) {
        #expect(IPAddressClassification.scope(ofLiteral: literal) == scope)
        #expect(IPAddressClassification.isForbidden(literal: literal))
    }

    @Test("treats global IPv6 and mapped public IPv4 as global", arguments: [
        "2001:db8::1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2a00:1450:4001:80b::200e",
    ])
    func ipv6Global(literal: String) {
        #expect(IPAddressClassification.scope(ofLiteral: literal) == .global)
    }

    @Test("returns nil for host names and malformed literals", arguments: [
        "example.com", "localhost", "127.1", "0x7f.0.0.1", "01.2.3.4", "1.2.3.4.5", "256.1.1.1", "1.2.3.",
        "", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", "g::1", "1:2:3:4:5:6:7:", "::1%eth0",
    ])
    func notLiterals(text: String) {
        #expect(IPAddressClassification.scope(ofLiteral: text) == nil)
        #expect(!IPAddressClassification.isForbidden(literal: text))
    }

    @Test("parses IPv6 text forms into the right bytes")
    func ipv6Bytes() {
        #expect(IPAddressClassification.parseIPv6("2001:db8::ff00:42:8329") ==
            [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0xFF, 0x00, 0x00, 0x42, 0x83, 0x29])
        #expect(IPAddressClassification.parseIPv6("::ffff:1.2.3.4") == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 1, 2, 3, 4])
        #expect(IPAddressClassification.parseIPv6("1::") == [0, 1] + [UInt8](repeating: 0, count: 14))
        #expect(IPAddressClassification.parseIPv4("192.0.2.1") == 0xC000_0201)
    }
}
