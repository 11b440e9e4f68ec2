extension RetryPolicy {
    /// Every problem of a retry policy, found at once.
    public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
        /// One field and what is wrong with it.
        public struct Problem: Sendable, Hashable, CustomStringConvertible {
            /// The field's name, e.g. `multiplier`.
            public let field: String
            /// Why the value is refused.
            public let reason: String

            /// `field: reason`.
            public var description: String { "\(field): \(reason)" }
        }

        /// The problems, in field order.
        public let problems: [Problem]

        /// `retry policy is invalid: field: reason; …`.
        public var description: String {
            "retry policy is invalid: " + problems.map(\.description).joined(separator: "; ")
        }
    }

    /// Checks that the policy can be used: positive delays, a multiplier of at least 1,
    /// a cap not below the base delay.
    public func validate() throws(ValidationError) {
        var problems: [ValidationError.Problem] = []
        func refuse(_ field: String, _ reason: String) {
            problems.append(.init(field: field, reason: reason))
        }
        if baseDelay <= .zero { refuse("baseDelay", "must be positive") }
        if !multiplier.isFinite || multiplier < 1 {
            refuse("multiplier", "must be a finite number of at least 1, got \(multiplier)")
        }
        if maximumDelay < baseDelay { refuse("maximumDelay", "must not be shorter than baseDelay") }
        if giveUpAfter <= .zero { refuse("giveUpAfter", "must be positive") }
        if retryAfterCap < .zero { refuse("retryAfterCap", "must not be negative") }
        if !problems.isEmpty { throw ValidationError(problems: problems) }
    }
}
