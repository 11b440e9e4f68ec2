/// Decides whether a URL host may be a webhook target when private networks are not
/// allowed: IP literals in loopback, private, link-local, shared (CGNAT), multicast,
/// unspecified, unique-local or reserved ranges are refused, and so are `localhost`
/// and `*.localhost`.
///
/// IPv4 literals are read the way resolvers read them (`inet_aton`, WHATWG URL), so
/// `127.1`, `0x7f.0.0.1`, `0177.0.0.1` and `2130706433` are all loopback. A host whose last
/// label is a number but which is no valid address is reported as malformed rather than
/// left to a resolver's interpretation.
///
/// This is a configuration-time check of the text only: a DNS name that resolves to a
/// private address is caught by the transport when it connects.
enum HostAddressCheck {
    /// The outcome for one host.
    enum Verdict: Hashable, Sendable {
        /// A DNS name other than `localhost`, or a public address.
        case allowed
        /// A non-public address or `localhost`; the text says which range.
        case forbidden(String)
        /// An IP-looking host that is not a valid address; the text says why.
        case malformed(String)
    }

    /// Checks a host as ``WebhookEndpoint`` reports it (lowercased, IPv6 without brackets).
    static func verdict(forHost host: String) -> Verdict {
        var name = Substring(host)
        if name.hasSuffix(".") { name = name.dropLast() }
        if name.contains(":") {
            guard let address = IPv6Literal.parse(name) else {
                return .malformed("host \(host) is not a valid IPv6 address")
            }
            return classify(ipv6: address).map { .forbidden("host \(host) is \($0)") } ?? .allowed
        }
        if endsInNumber(name) {
            guard let address = IPv4Literal.parse(name) else {
                return .malformed("host \(host) ends in a number but is not a valid IPv4 address")
            }
            return classify(ipv4: address).map { .forbidden("host \(host) is \($0)") } ?? .allowed
        }
        if name == "localhost" || name.hasSuffix(".localhost") {
            return .forbidden("host \(host) is a loopback name (localhost)")
        }
        return .allowed
    }

    /// The range an IPv4 address falls in, as a phrase, or `nil` when it is public.
    static func classify(ipv4 address: UInt32) -> String? {
        rangePhrase(ipv4: address).map { withArticle($0) }
    }

    /// The range an IPv6 address falls in, as a phrase, or `nil` when it is public.
    /// IPv4-mapped, NAT64 and 6to4 addresses are judged by the IPv4 address they carry.
    static func classify(ipv6 bytes: [UInt8]) -> String? {
        let prefix96 = bytes[0..<12]
        let embedded = { (offset: Int) -> UInt32 in
            bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        if prefix96.elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) {
            return rangePhrase(ipv4: embedded(12)).map { "an IPv4-mapped \($0)" }
        }
        if prefix96.elementsEqual([0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) {
            return classify(ipv4: embedded(12)).map { "a NAT64 form of \($0)" }
        }
        if bytes[0] == 0x20, bytes[1] == 0x02 {
            return classify(ipv4: embedded(2)).map { "a 6to4 form of \($0)" }
        }
        if prefix96.allSatisfy({ $0 == 0 }) {
            switch bytes[12...].reduce(UInt32(0), { $0 << 8 | UInt32($1) }) {
            case 0: return "an unspecified address (::)"
            case 1: return "a loopback address (::1)"
            default: return "a deprecated IPv4-compatible address (::/96)"
            }
        }
        switch (bytes[0], bytes[1] & 0xC0) {
        case (0xFE, 0x80): return "a link-local address (fe80::/10)"
        case (0xFE, 0xC0): return "a site-local address (fec0::/10)"
        default: break
        }
        if bytes[0] & 0xFE == 0xFC { return "a unique-local address (fc00::/7)" }
        if bytes[0] == 0xFF { return "a multicast address (ff00::/8)" }
        return nil
    }

    /// `private address (10.0.0.0/8)`, or `nil` for a public address.
    private static func rangePhrase(ipv4 address: UInt32) -> String? {
        ipv4Ranges.first { address & $0.mask == $0.network }.map { "\($0.name) address (\($0.cidr))" }
    }

    private static func withArticle(_ phrase: String) -> String {
        ("aeiou".contains(phrase.first ?? "x") ? "an " : "a ") + phrase
    }

    /// Whether the last label is a number (`123`, `0x7f`), as the WHATWG URL standard decides
    /// that a host is meant as an IPv4 address.
    private static func endsInNumber(_ host: Substring) -> Bool {
        guard let last = host.split(separator: ".", omittingEmptySubsequences: false).last, !last.isEmpty else {
            return false
        }
        if last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
        let lower = last.lowercased()
        return lower.hasPrefix("0x") && lower.dropFirst(2).allSatisfy(\.isHexDigit)
    }

    private struct IPv4Range {
        let network: UInt32
        let mask: UInt32
        let cidr: String
        let name: String

        init(_ a: UInt32, _ b: UInt32, _ prefixLength: UInt32, _ name: String) {
            network = a << 24 | b << 16
            mask = prefixLength == 32 ? .max : ~(UInt32.max >> prefixLength)
            cidr = "\(a).\(b).0.0/\(prefixLength)"
            self.name = name
        }

        init(broadcast: ()) {
            network = .max
            mask = .max
            cidr = "255.255.255.255/32"
            name = "broadcast"
        }
    }

    /// Non-public IPv4 ranges, most specific first.
    private static let ipv4Ranges: [IPv4Range] = [
        IPv4Range(0, 0, 8, "unspecified"),
        IPv4Range(10, 0, 8, "private"),
        IPv4Range(100, 64, 10, "shared (CGNAT)"),
        IPv4Range(127, 0, 8, "loopback"),
        IPv4Range(169, 254, 16, "link-local"),
        IPv4Range(172, 16, 12, "private"),
        IPv4Range(192, 168, 16, "private"),
        IPv4Range(198, 18, 15, "benchmarking"),
        IPv4Range(224, 0, 4, "multicast"),
        IPv4Range(broadcast: ()),
        IPv4Range(240, 0, 4, "reserved"),
    ]
}
