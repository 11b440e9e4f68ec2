// swift-tools-version: 6.0
import PackageDescription

/// Upcoming language features every target opts into.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "WebhookKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "WebhookKit", targets: ["WebhookKit"]),
        .library(name: "WebhookKitHTTP", targets: ["WebhookKitHTTP"]),
        .library(name: "WebhookKitTesting", targets: ["WebhookKitTesting"]),
        .library(name: "WebhookKitSQLite", targets: ["WebhookKitSQLite"]),
        .executable(name: "webhook-receiver", targets: ["webhook-receiver"]),
        .executable(name: "webhook-dispatcher", targets: ["webhook-dispatcher"]),
        .executable(name: "webhook-demo", targets: ["webhook-demo"]),
    ],
    targets: [
        // Core: Foundation only, no system library.
        .target(
            name: "WebhookKit",
            swiftSettings: strictSettings
        ),
        // OpenSSL from the system (Debian: libssl-dev).
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // HTTP/1.1 over TLS: server, client transport, HMAC signing.
        .target(
            name: "WebhookKitHTTP",
            dependencies: ["WebhookKit", "COpenSSL"],
            swiftSettings: strictSettings
        ),
        // SQLite from the system (Debian: libsqlite3-dev).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // Durable outbox, webhook registry, delivery log and receiver store on SQLite.
        .target(
            name: "WebhookKitSQLite",
            dependencies: ["WebhookKit", "CSQLite"],
            swiftSettings: strictSettings
        ),
        // Helpers for tests of code built on WebhookKit: recording transport, manual clock.
        .target(
            name: "WebhookKitTesting",
            dependencies: ["WebhookKit"],
            swiftSettings: strictSettings
        ),
        // Shared by the example executables: argument parser, device simulator, tables, signals.
        .target(
            name: "WebhookKitCLI",
            dependencies: ["WebhookKit", "WebhookKitHTTP", "WebhookKitSQLite"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "webhook-receiver",
            dependencies: ["WebhookKitCLI", "WebhookKit", "WebhookKitHTTP"],
            path: "Examples/Receiver",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "webhook-dispatcher",
            dependencies: ["WebhookKitCLI", "WebhookKit", "WebhookKitHTTP"],
            path: "Examples/Dispatcher",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "webhook-demo",
            dependencies: ["WebhookKitCLI", "WebhookKit", "WebhookKitHTTP", "WebhookKitTesting"],
            path: "Examples/Demo",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "webhookkit-bench",
            dependencies: ["WebhookKit", "WebhookKitHTTP", "WebhookKitSQLite", "WebhookKitTesting"],
            path: "Benchmarks/Bench",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WebhookKitTests",
            dependencies: ["WebhookKit", "WebhookKitTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WebhookKitHTTPTests",
            dependencies: ["WebhookKitHTTP", "WebhookKit", "WebhookKitTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WebhookKitSQLiteTests",
            dependencies: ["WebhookKitSQLite", "WebhookKit", "WebhookKitTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExamplesTests",
            dependencies: [
                "WebhookKitCLI", "WebhookKit", "WebhookKitHTTP", "WebhookKitSQLite", "WebhookKitTesting",
                "webhook-receiver", "webhook-dispatcher", "webhook-demo",
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
