#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Checks a PEM file before OpenSSL loads it, to tell missing, unreadable, non-PEM and
/// encrypted files apart (OpenSSL's own errors blur these).
enum PEMFileCheck {
    /// What the file must hold.
    enum Content {
        case certificate
        case privateKey
    }

    /// Largest file read for the check; certificate chains and keys are a few KiB.
    static let maximumSize = 1 << 20

    static func check(path: String, content: Content) throws(TLSConfigurationError) {
        guard access(path, F_OK) == 0 else {
            throw TLSConfigurationError(kind: .fileNotFound, path: path, detail: "")
        }
        let bytes = try read(path: path)
        switch content {
        case .certificate:
            guard contains(bytes, "-----BEGIN CERTIFICATE-----") || contains(bytes, "-----BEGIN TRUSTED CERTIFICATE-----") else {
                throw TLSConfigurationError(kind: .notPEM, path: path, detail: "expected a PEM \"CERTIFICATE\" block")
            }
        case .privateKey:
            guard contains(bytes, "-----BEGIN "), contains(bytes, "PRIVATE KEY-----") else {
                throw TLSConfigurationError(kind: .notPEM, path: path, detail: "expected a PEM \"PRIVATE KEY\" block (PKCS#8, RSA or EC)")
            }
            if contains(bytes, "ENCRYPTED PRIVATE KEY-----") || contains(bytes, "Proc-Type: 4,ENCRYPTED") {
                throw TLSConfigurationError(kind: .encryptedKey, path: path, detail: "remove the passphrase, e.g. `openssl pkey -in KEY -out KEY.plain`")
            }
        }
    }

    private static func read(path: String) throws(TLSConfigurationError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw TLSConfigurationError(kind: .fileUnreadable, path: path, detail: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: maximumSize)
        var total = 0
        while total < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + total, buffer.count - total)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw TLSConfigurationError(kind: .fileUnreadable, path: path, detail: String(cString: strerror(errno)))
            }
            total += count
        }
        bytes.removeSubrange(total...)
        return bytes
    }

    private static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, haystack.count >= pattern.count else { return false }
        var index = 0
        let last = haystack.count - pattern.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + pattern.count)].elementsEqual(pattern) {
                return true
            }
            index += 1
        }
        return false
    }
}
