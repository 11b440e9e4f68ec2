import Foundation

extension WebhookConfiguration {
    /// Checks every field and throws one error listing **all** problems, each naming its
    /// field and reason (never quoting a secret).
    ///
    /// Refused: an empty or over-100-character name; a URL that does not parse, is not
    /// `https`, has no host, embeds `user:password@`, or (unless ``allowPrivateNetworks``)
    /// names `localhost` or an IP literal outside the public internet; an empty token or
    /// password; CR, LF or NUL in any credential; `:` in a Basic username; no topics, or a
    /// topic that does not parse or reaches no entry of `catalog`; an empty device or
    /// workspace list; a negative activation delay; a signing secret that is not `whsec_`
    /// followed by base64 of 24–64 bytes; a batch size outside 1...1000; a health-check
    /// interval under one second.
    public func validate(catalog: EventCatalog = .roomDevices) throws(ValidationError) {
        var problems: [ValidationError.Problem] = []
        func report(_ field: String, _ code: ValidationError.Code, _ reason: String) {
            problems.append(.init(field: field, code: code, reason: reason))
        }
        validateName(report)
        validateURL(report)
        validateAuthorization(report)
        validateDataSource(report)
        validateTopics(catalog: catalog, report)
        validateSigningSecret(report)
        validateDelivery(report)
        if !problems.isEmpty { throw ValidationError(problems: problems) }
    }

    private typealias Report = (String, ValidationError.Code, String) -> Void

    private func validateName(_ report: Report) {
        if name.allSatisfy(\.isWhitespace) {
            report("name", .empty, "is empty")
        } else if name.count > Self.maximumNameLength {
            report("name", .tooLong, "is \(name.count) characters, more than \(Self.maximumNameLength)")
        }
    }

    private func validateURL(_ report: Report) {
        let endpoint: WebhookEndpoint
        do {
            endpoint = try WebhookEndpoint(url: url)
        } catch .missingHost {
            return report("url", .missingHost, "has no host")
        } catch {
            return report("url", .unparseableURL, error.description)
        }
        if endpoint.scheme != "https" {
            report("url", .insecureScheme, "uses \(endpoint.scheme), only https is allowed")
        }
        if endpoint.hasEmbeddedCredentials {
            report("url", .embeddedCredentials, "embeds credentials (user:password@); use authorization instead")
        }
        switch HostAddressCheck.verdict(forHost: endpoint.host) {
        case .allowed:
            break
        case .forbidden(let reason):
            if !allowPrivateNetworks {
                report("url", .forbiddenAddress, "\(reason); only set allowPrivateNetworks for test setups")
            }
        case .malformed(let reason):
            report("url", .malformedAddress, reason)
        }
    }

    private func validateAuthorization(_ report: Report) {
        switch authorization {
        case .token(let token):
            checkCredential(token, field: "authorization.token", report)
        case .basic(let username, let password):
            checkCredential(password, field: "authorization.password", report)
            checkCredential(username, field: "authorization.username", allowsEmpty: true, report)
            if username.contains(":") {
                report("authorization.username", .colonInUsername, "contains ':', which Basic authentication cannot carry")
            }
        }
    }

    /// Reports an empty credential and characters that do not belong in a header value.
    private func checkCredential(_ value: String, field: String, allowsEmpty: Bool = false, _ report: Report) {
        if value.isEmpty, !allowsEmpty { report(field, .empty, "is empty") }
        if value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
            report(field, .headerInjection, "contains CR, LF or NUL, which could inject headers")
        } else if value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            report(field, .controlCharacter, "contains a control character not allowed in a header")
        }
    }

    private func validateDataSource(_ report: Report) {
        switch dataSource {
        case .allDevices:
            break
        case .devices(let ids):
            if ids.isEmpty { report("dataSource.devices", .empty, "lists no device") }
            if ids.contains(where: { $0.rawValue.isEmpty }) { report("dataSource.devices", .empty, "contains an empty id") }
        case .workspaces(let ids):
            if ids.isEmpty { report("dataSource.workspaces", .empty, "lists no workspace") }
            if ids.contains(where: { $0.rawValue.isEmpty }) {
                report("dataSource.workspaces", .empty, "contains an empty id")
            }
        }
    }

    private func validateTopics(catalog: EventCatalog, _ report: Report) {
        if topics.isEmpty { report("topics", .empty, "lists no status or event") }
        for (position, topic) in topics.enumerated() {
            let field = "topics[\(position)]"
            do {
                let pattern = try PathPattern(topic)
                if !catalog.permits(pattern) {
                    report(field, .topicOutsideCatalog, "\(topic) matches no status or event in the catalog")
                }
            } catch {
                report(field, .invalidTopic, "is not a valid pattern: \(error.description)")
            }
        }
    }

    private func validateSigningSecret(_ report: Report) {
        guard let signingSecret else { return }
        let expected = "must be whsec_ followed by base64 of 24 to 64 random bytes"
        guard signingSecret.hasPrefix("whsec_") else {
            return report("signingSecret", .invalidSigningSecret, "does not start with whsec_; \(expected)")
        }
        guard let key = Data(base64Encoded: String(signingSecret.dropFirst(6))) else {
            return report("signingSecret", .invalidSigningSecret, "is not valid base64 after whsec_; \(expected)")
        }
        if !(24...64).contains(key.count) {
            report("signingSecret", .invalidSigningSecret, "decodes to \(key.count) bytes; \(expected)")
        }
    }

    private func validateDelivery(_ report: Report) {
        if activationDelay < .zero { report("activationDelay", .invalidDuration, "is negative") }
        if !(1...Self.maximumBatchSize).contains(batchSize) {
            report("batchSize", .outOfRange, "is \(batchSize), must be 1 to \(Self.maximumBatchSize)")
        }
        if let healthCheckInterval, healthCheckInterval < .seconds(1) {
            report("healthCheckInterval", .invalidDuration, "is shorter than one second")
        }
    }
}
