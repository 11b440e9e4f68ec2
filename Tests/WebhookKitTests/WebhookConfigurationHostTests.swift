import Testing
import WebhookKit

/// The URL problem codes for `host`, with private networks allowed or not.
private func hostCodes(_ host: String, allowPrivateNetworks: Bool = false) -> [ValidationError.Code] {
    problems(of: validWebhook {
        $0.url = "https://\(host)/hook"
        $0.allowPrivateNetworks = allowPrivateNetworks
    }).filter { $0.field == "url" }.map(\.code)
}

@Suite("WebhookConfiguration host address checks")
struct WebhookConfigurationHostTests {
    @Test("non-public IPv4 literals are refused", arguments: [
        "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "224.0.0.1", "239.255.255.250",
        "0.0.0.0", "0.1.2.3", "240.0.0.1", "255.255.255.255", "198.18.0.1",
    ])
    func privateIPv4(host: String) {
        #expect(hostCodes(host) == [.forbiddenAddress])
        #expect(hostCodes(host, allowPrivateNetworks: true).isEmpty)
    }

    @Test("public IPv4 literals and names are allowed", arguments: [
        "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "192.169.0.1",
        "169.253.0.1", "223.255.255.255", "11.0.0.1", "example.com", "hooks.example.co.uk", "localhost-service.example",
        "x.localhost.example.com",
    ])
    func publicHosts(host: String) {
        #expect(hostCodes(host).isEmpty)
    }

    @Test("IPv4 in the forms resolvers accept is still recognised", arguments: [
        "127.1", "0x7f.0.0.1", "0x7F000001", "0177.0.0.1", "2130706433", "10.1", "127.0.0.1.", "0300.0250.1.1",
    ])
    func alternativeIPv4Forms(host: String) {
        #expect(hostCodes(host) == [.forbiddenAddress])
    }

    @Test("hosts that end in a number but are no address are malformed, even when private networks are allowed",
          arguments: ["256.1.1.1", "1.2.3.4.5", "example.123", "0x100000000", "09.1.1.1", "0x1g.0.0.1"])
    func malformedIPv4(host: String) {
        #expect(hostCodes(host) == [.malformedAddress])
        #expect(hostCodes(host, allowPrivateNetworks: true) == [.malformedAddress])
    }

    @Test("non-public IPv6 literals are refused", arguments: [
        "::1", "::", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:192.168.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe",
        "64:ff9b::10.0.0.1", "2002:c0a8:0101::1", "::10.0.0.1", "0:0:0:0:0:0:0:1",
    ])
    func privateIPv6(host: String) {
        #expect(hostCodes("[\(host)]") == [.forbiddenAddress])
        #expect(hostCodes("[\(host)]", allowPrivateNetworks: true).isEmpty)
    }

    @Test("public IPv6 literals are allowed", arguments: [
        "2001:4860:4860::8888", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "2002:0808:0808::1",
        "2001:db8:0:0:0:0:0:1",
    ])
    func publicIPv6(host: String) {
        #expect(hostCodes("[\(host)]").isEmpty)
    }

    @Test("localhost and *.localhost are refused unless private networks are allowed",
          arguments: ["localhost", "LOCALHOST", "api.localhost", "localhost."])
    func localhost(host: String) {
        #expect(hostCodes(host) == [.forbiddenAddress])
        #expect(hostCodes(host, allowPrivateNetworks: true).isEmpty)
    }

    @Test("the reason names the host and the range")
    func reasonText() {
        let reason = problems(of: validWebhook { $0.url = "https://[::ffff:10.1.2.3]/" }).first?.reason ?? ""
        #expect(reason.hasPrefix("host ::ffff:10.1.2.3 is an IPv4-mapped private address (10.0.0.0/8)"))
        let loopback = problems(of: validWebhook { $0.url = "https://127.0.0.1:8443/" }).first?.reason ?? ""
        #expect(loopback.hasPrefix("host 127.0.0.1 is a loopback address (127.0.0.0/8)"))
    }
}
