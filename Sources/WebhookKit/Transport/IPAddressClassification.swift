/// Classifies IP addresses by reachability scope, for the SSRF guard.
///
/// A dispatcher must not be steerable into the network it runs in: a webhook URL (or a DNS
/// answer for its host) that points at loopback, a private range or link-local metadata
/// services is refused unless the operator allows private networks. Configuration
/// validation uses this for IP-literal hosts; transports use it again after DNS resolution,
/// on the address they are about to connect to.
///
/// ```swift
/// IPAddressClassification.scope(ofLiteral: "10.1.2.3")        // .privateNetwork
/// IPAddressClassification.isForbidden(literal: "::ffff:127.0.0.1") // true
/// ```
public enum IPAddressClassification {
    /// The reachability class of an address.
    public enum Scope: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// A globally routable unicast address.
        case global
        /// `0.0.0.0/8`, `::` — "this host"; some stacks route it to loopback.
        case unspecified
        /// `127.0.0.0/8`, `::1`.
        case loopback
        /// RFC 1918: `10/8`, `172.16/12`, `192.168/16`.
        case privateNetwork
        /// RFC 6598 carrier-grade NAT shared space `100.64/10`.
        case sharedAddressSpace
        /// `169.254/16`, `fe80::/10` (cloud metadata services live here).
        case linkLocal
        /// `224/4`, `ff00::/8`.
        case multicast
        /// RFC 4193 unique-local IPv6 `fc00::/7`.
        case uniqueLocal
        /// `240/4` and the broadcast address: never a valid unicast destination.
        case reserved

        /// The raw label, fit for error messages.
        public var description: String { rawValue }

        /// Whether an endpoint in this scope may be reached only when private networks
        /// are allowed explicitly.
        public var requiresPrivateNetworkPermission: Bool { self != .global }
    }

    /// The scope of an IPv4 or IPv6 literal (no brackets, no port, no zone), or `nil` when
    /// `literal` is not an IP address literal (a host name).
    public static func scope(ofLiteral literal: String) -> Scope? {
        if let v4 = parseIPv4(literal) { return scope(ofIPv4: v4) }
        if let v6 = parseIPv6(literal) { return scope(ofIPv6: v6) }
        return nil
    }

    /// Whether `literal` is an IP address that needs private-network permission.
    /// Host names (not literals) return `false`: they are checked after resolution.
    public static func isForbidden(literal: String) -> Bool {
        scope(ofLiteral: literal)?.requiresPrivateNetworkPermission ?? false
    }

    /// The scope of an IPv4 address given as a host-order 32-bit value.
    public static func scope(ofIPv4 address: UInt32) -> Scope {
        let a = address >> 24
        let b = (address >> 16) & 0xFF
        switch a {
        case 0: return .unspecified
        case 10: return .privateNetwork
        case 127: return .loopback
        case 100 where (64...127).contains(b): return .sharedAddressSpace
        case 169 where b == 254: return .linkLocal
        case 172 where (16...31).contains(b): return .privateNetwork
        case 192 where b == 168: return .privateNetwork
        case 224...239: return .multicast
        case 240...255: return .reserved
        default: return .global
        }
    }

    /// The scope of an IPv6 address given as its 16 network-order bytes.
    ///
    /// IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`) and NAT64
    /// (`64:ff9b::a.b.c.d`) addresses take the scope of the IPv4 address they carry.
    public static func scope(ofIPv6 bytes: [UInt8]) -> Scope {
        guard bytes.count == 16 else { return .reserved }
        let embedded = UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])
        let firstTen = bytes[0..<10].allSatisfy { $0 == 0 }
        if firstTen && bytes[10] == 0xFF && bytes[11] == 0xFF { return scope(ofIPv4: embedded) }
        if firstTen && bytes[10] == 0 && bytes[11] == 0 {
            if embedded == 0 { return .unspecified }
            if embedded == 1 { return .loopback }
            return scope(ofIPv4: embedded)
        }
        let nat64: [UInt8] = [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]
        if Array(bytes[0..<12]) == nat64 { return scope(ofIPv4: embedded) }
        if bytes[0] == 0xFF { return .multicast }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return .linkLocal }
        if bytes[0] & 0xFE == 0xFC { return .uniqueLocal }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 { return .privateNetwork } // deprecated site-local fec0::/10
        return .global
    }
}
