import Foundation
import WebhookKit

/// `webhookkit-bench wire [--count N] [--rounds N]`: encodes and decodes the same seeded
/// mix of notifications with WireEncoder/WireDecoder and with Foundation's
/// JSONEncoder/JSONDecoder on `Codable` mirrors, and prints throughput and ratios.
///
/// Two Foundation figures are printed: "Codable only" (mirror structs ↔ JSON, the least
/// work Foundation can do, and the peer the goal is measured against) and "+ mapping"
/// (also converting to and from `DeviceNotification`, which is what WebhookKit's codec does).
/// Both decoders read the same bytes: WireEncoder's output. Each figure is the best of
/// `rounds` runs.
func runWireBenchmark(_ arguments: [String]) async throws {
    var count = 100_000
    var rounds = 3
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--count": count = Int(iterator.next() ?? "") ?? count
        case "--rounds": rounds = Int(iterator.next() ?? "") ?? rounds
        default: throw BenchmarkUsageError(message: "unknown option \(argument)")
        }
    }

    var generator = WireBenchmarkGenerator(seed: 0xB0B0_5EED)
    let notifications = (0..<count).map { _ in generator.notification() }
    let encoder = WireEncoder()
    let decoder = WireDecoder()
    let jsonEncoder = JSONEncoder()
    let jsonDecoder = JSONDecoder()
    let mirrors = notifications.map(CodableMapping.mirror)
    let encoded = notifications.map { encoder.encode($0) }
    let encodedData = encoded.map { Data($0) }
    let wireBytes = encoded.reduce(0) { $0 + $1.count }

    // Sanity: both sides agree before anything is timed.
    for index in stride(from: 0, to: count, by: max(1, count / 1000)) {
        let ours = try decoder.decode(encoded[index])
        let theirs = try CodableMapping.model(try jsonDecoder.decode(CodableNotification.self, from: encodedData[index]))
        guard ours == notifications[index], theirs.id == ours.id, theirs.kind == ours.kind else {
            throw BenchmarkUsageError(message: "decoders disagree on message \(index)")
        }
    }

    var results: [WireBenchmarkRow] = []
    var sink = 0

    let variants: [() throws -> Int] = [
        {
            var bytes = 0
            var buffer: [UInt8] = []
            for notification in notifications {
                buffer.removeAll(keepingCapacity: true)
                encoder.encode(notification, into: &buffer)
                bytes += buffer.count
            }
            return bytes
        },
        {
            var bytes = 0
            for mirror in mirrors { bytes += try jsonEncoder.encode(mirror).count }
            return bytes
        },
        {
            var bytes = 0
            for notification in notifications { bytes += try jsonEncoder.encode(CodableMapping.mirror(notification)).count }
            return bytes
        },
        {
            var checksum = 0
            for bytes in encoded { checksum &+= try decoder.decode(bytes).id.rawValue.utf8.count }
            return wireBytes + checksum * 0
        },
        {
            var checksum = 0
            for data in encodedData { checksum &+= try jsonDecoder.decode(CodableNotification.self, from: data).id.utf8.count }
            return wireBytes + checksum * 0
        },
        {
            var checksum = 0
            for data in encodedData {
                checksum &+= try CodableMapping.model(try jsonDecoder.decode(CodableNotification.self, from: data)).id.rawValue.utf8.count
            }
            return wireBytes + checksum * 0
        },
    ]
    // Rounds interleave the variants, so that load from elsewhere on the machine affects
    // WebhookKit and its peer alike.
    var fastest = [WireBenchmarkRun](repeating: WireBenchmarkRun(seconds: .infinity, bytes: 0), count: variants.count)
    for _ in 0..<max(1, rounds) {
        for (index, variant) in variants.enumerated() {
            let run = try measure(variant)
            if run.seconds < fastest[index].seconds { fastest[index] = run }
        }
    }
    let (encodeOurs, encodeCodable, encodeMapped) = (fastest[0], fastest[1], fastest[2])
    let (decodeOurs, decodeCodable, decodeMapped) = (fastest[3], fastest[4], fastest[5])
    sink &+= encodeOurs.bytes &+ encodeCodable.bytes &+ decodeOurs.bytes

    results.append(.init(operation: "encode", implementation: "WireEncoder", run: encodeOurs, count: count, peer: nil))
    results.append(.init(operation: "encode", implementation: "JSONEncoder, Codable only", run: encodeCodable, count: count, peer: encodeOurs))
    results.append(.init(operation: "encode", implementation: "JSONEncoder + mapping", run: encodeMapped, count: count, peer: encodeOurs))
    results.append(.init(operation: "decode", implementation: "WireDecoder", run: decodeOurs, count: count, peer: nil))
    results.append(.init(operation: "decode", implementation: "JSONDecoder, Codable only", run: decodeCodable, count: count, peer: decodeOurs))
    results.append(.init(operation: "decode", implementation: "JSONDecoder + mapping", run: decodeMapped, count: count, peer: decodeOurs))

    print("wire: \(count) mixed notifications (seeded), \(wireBytes) bytes as WireEncoder writes them, best of \(rounds) rounds")
    print("")
    print("| operation | implementation | notifications/s | MB/s | WebhookKit is … × faster | goal ≥ 3× |")
    print("|---|---|---:|---:|---:|---|")
    for row in results { print(row.markdown) }
    if sink == 42 { print("") }
}

/// One timed run: how long and how many bytes were produced or consumed.
struct WireBenchmarkRun {
    var seconds: Double
    var bytes: Int
}

/// Times one run of `body`.
private func measure(_ body: () throws -> Int) throws -> WireBenchmarkRun {
    var bytes = 0
    let elapsed = try ContinuousClock().measure { bytes = try body() }
    return WireBenchmarkRun(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, bytes: bytes)
}

/// A line of the results table.
struct WireBenchmarkRow {
    var operation: String
    var implementation: String
    var run: WireBenchmarkRun
    var count: Int
    /// WebhookKit's run, for peer rows.
    var peer: WireBenchmarkRun?

    var markdown: String {
        let rate = Double(count) / run.seconds
        let megabytes = Double(run.bytes) / 1_000_000 / run.seconds
        var ratio = "—"
        var goal = "—"
        if let peer {
            let value = run.seconds / peer.seconds
            ratio = String(format: "%.2f", value)
            goal = value >= 3 ? "met" : "not met"
        }
        return "| \(operation) | \(implementation) | \(String(format: "%.0f", rate)) | \(String(format: "%.1f", megabytes)) | \(ratio) | \(goal) |"
    }
}
