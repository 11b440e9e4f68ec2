import Foundation

/// A throw-away certificate authority for tests and demos, made with the `openssl`
/// command in a directory of its own.
///
/// It issues server certificates for `localhost` and loopback addresses, and on request
/// the broken kinds a TLS client must refuse: self-signed, expired, and for another name.
///
/// ```swift
/// let ca = try DevCertificateAuthority(directory: tempDir)
/// let server = try ca.issue(name: "server", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
/// // server.certificatePath, server.privateKeyPath; trust ca.certificatePath
/// ```
public struct DevCertificateAuthority: Sendable {
    /// Files of one issued certificate.
    public struct IssuedCertificate: Sendable, Hashable {
        /// PEM certificate (leaf only).
        public let certificatePath: String
        /// PEM private key (EC P-256), mode 0600.
        public let privateKeyPath: String
    }

    /// Why the `openssl` command failed.
    public struct CommandError: Error, CustomStringConvertible {
        /// The arguments given to `openssl`.
        public let arguments: [String]
        /// What it wrote to standard error.
        public let output: String

        /// A sentence naming the failed command.
        public var description: String {
            "openssl \(arguments.joined(separator: " ")) failed: \(output)"
        }
    }

    /// The directory holding every file of this authority.
    public let directory: String
    /// The CA certificate (PEM), the trust anchor clients are given.
    public let certificatePath: String
    /// The CA private key (PEM).
    public let privateKeyPath: String

    /// Creates a new CA (EC P-256, valid 10 days from yesterday) in `directory`,
    /// which is created if needed.
    public init(directory: String, commonName: String = "WebhookKit Dev CA") throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        certificatePath = directory + "/ca.pem"
        privateKeyPath = directory + "/ca.key"
        try Self.openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", privateKeyPath])
        try Self.openssl([
            "req", "-x509", "-new", "-key", privateKeyPath, "-sha256", "-days", "10",
            "-subj", "/CN=\(commonName)", "-out", certificatePath,
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try "".write(toFile: directory + "/index.txt", atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: directory + "/serial", atomically: true, encoding: .utf8)
    }

    /// Issues a server certificate signed by this CA.
    ///
    /// - Parameters:
    ///   - name: a file-name stem, unique within this CA's directory.
    ///   - dnsNames: DNS subject alternative names.
    ///   - ipAddresses: IP subject alternative names.
    ///   - validFrom: start of validity (default: one day ago).
    ///   - validUntil: end of validity (default: in ten days). Pass past dates for an
    ///     expired certificate.
    public func issue(
        name: String,
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1", "::1"],
        validFrom: Date = Date(timeIntervalSinceNow: -86_400),
        validUntil: Date = Date(timeIntervalSinceNow: 10 * 86_400)
    ) throws -> IssuedCertificate {
        let keyPath = "\(directory)/\(name).key"
        let requestPath = "\(directory)/\(name).csr"
        let certPath = "\(directory)/\(name).pem"
        let configPath = "\(directory)/\(name).cnf"
        try Self.openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keyPath])
        chmod(keyPath, 0o600)
        try Self.openssl(["req", "-new", "-key", keyPath, "-subj", "/CN=\(dnsNames.first ?? name)", "-out", requestPath])
        let alternativeNames = (dnsNames.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }).joined(separator: ",")
        let config = """
        [ca]
        default_ca = dev
        [dev]
        dir = \(directory)
        database = \(directory)/index.txt
        serial = \(directory)/serial
        new_certs_dir = \(directory)
        certificate = \(certificatePath)
        private_key = \(privateKeyPath)
        default_md = sha256
        policy = anything
        unique_subject = no
        copy_extensions = none
        [anything]
        commonName = supplied
        [server]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = \(alternativeNames.isEmpty ? "DNS:\(name).invalid" : alternativeNames)

        """
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        try Self.openssl([
            "ca", "-batch", "-config", configPath, "-extensions", "server", "-notext",
            "-startdate", Self.asn1Time(validFrom), "-enddate", Self.asn1Time(validUntil),
            "-in", requestPath, "-out", certPath,
        ])
        return IssuedCertificate(certificatePath: certPath, privateKeyPath: keyPath)
    }

    /// Makes a self-signed server certificate that no CA vouches for.
    public func selfSigned(name: String, dnsNames: [String] = ["localhost"], ipAddresses: [String] = ["127.0.0.1", "::1"]) throws -> IssuedCertificate {
        let keyPath = "\(directory)/\(name).key"
        let certPath = "\(directory)/\(name).pem"
        try Self.openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keyPath])
        chmod(keyPath, 0o600)
        let alternativeNames = (dnsNames.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }).joined(separator: ",")
        try Self.openssl([
            "req", "-x509", "-new", "-key", keyPath, "-sha256", "-days", "10",
            "-subj", "/CN=\(dnsNames.first ?? name)", "-out", certPath,
            "-addext", "subjectAltName=\(alternativeNames)",
        ])
        return IssuedCertificate(certificatePath: certPath, privateKeyPath: keyPath)
    }

    /// Runs `openssl` with `arguments`, throwing its standard error on failure.
    public static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError(arguments: arguments, output: String(decoding: output, as: UTF8.self))
        }
    }

    /// `YYYYMMDDHHMMSSZ` in UTC, the form `openssl ca -startdate` takes.
    private static func asn1Time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: date)
    }
}
