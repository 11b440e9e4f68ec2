import Foundation
import Testing
@testable import WebhookKit


@Suite("Wire format round trips")
struct WireRoundTripTests {
    @Test("thousands of generated notifications decode to what was encoded, bit for bit")
    func roundTrip() throws {
        var generator = WireSampleGenerator(seed: 0x5EED_0001)
        let encoder = WireEncoder()
        let decoder = WireDecoder()
        var kinds = Set<DeviceNotification.Kind>()
        for _ in 0..<4_000 {
            let notification = generator.notification()
            kinds.insert(notification.kind)
            let bytes = encoder.encode(notification)
            let decoded = try decoder.decode(bytes)
            #expect(WireSampleGenerator.identical(decoded, notification), "\(String(decoding: bytes, as: UTF8.self))")
            #expect(encoder.encode(decoded) == bytes)
        }
        #expect(kinds == Set(DeviceNotification.Kind.allCases))
    }

    @Test("generated values decode to what was encoded, bit for bit")
    func valueRoundTrip() throws {
        var generator = WireSampleGenerator(seed: 0x5EED_0002)
        let encoder = WireEncoder()
        let decoder = WireDecoder()
        for _ in 0..<4_000 {
            let value = generator.value(depth: 5)
            let decoded = try decoder.decodeValue(encoder.encode(value))
            #expect(WireSampleGenerator.identical(decoded, value), "\(value)")
        }
    }

    @Test("batches round-trip and appending encodes into an existing buffer")
    func batches() throws {
        var generator = WireSampleGenerator(seed: 0x5EED_0003)
        let notifications = (0..<200).map { _ in generator.notification() }
        let encoder = WireEncoder()
        let batch = encoder.encodeBatch(notifications)
        let decoded = try WireDecoder().decodeBatch(batch)
        #expect(decoded.count == notifications.count)
        for (left, right) in zip(decoded, notifications) { #expect(WireSampleGenerator.identical(left, right)) }
        #expect(try WireDecoder().decodeBatch(encoder.encodeBatch([])) == [])

        var buffer = Array("prefix:".utf8)
        encoder.encode(notifications[0], into: &buffer)
        #expect(buffer == Array("prefix:".utf8) + encoder.encode(notifications[0]))
    }

    @Test("doubles at the edges of the format read back exactly")
    func doubles() throws {
        let samples: [Double] = [
            0.0, -0.0, 0.1, 0.2, 0.3, 1.0 / 3.0, 1e300, -1e300, 1e-300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
            2.2250738585072014e-308, Double.leastNormalMagnitude.nextDown, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            1e16, 1e21, 1e22, 1e23, 123456789012345680, 9007199254740992, 4.35, 0.000001, 1e-7, 100,
            .ulpOfOne, 1 + .ulpOfOne, 9.999999999999999e22,
        ]
        let encoder = WireEncoder()
        let decoder = WireDecoder()
        for sample in samples {
            let bytes = encoder.encode(.double(sample))
            guard case .double(let back) = try decoder.decodeValue(bytes) else {
                Issue.record("\(sample) did not read back as a double")
                continue
            }
            #expect(back.bitPattern == sample.bitPattern, "\(sample)")
            #expect(Double(String(decoding: bytes, as: UTF8.self))?.bitPattern == sample.bitPattern, "\(sample)")
            let foundation = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            #expect(WireSampleGenerator.matches(foundation, .double(sample)), "\(sample)")
        }
    }

    @Test("random double bit patterns read back exactly, also from long decimal forms")
    func randomDoubles() throws {
        var generator = SplitMix64(seed: 0xD0_0B1E)
        let decoder = WireDecoder()
        for _ in 0..<20_000 {
            let sample = Double(bitPattern: generator.next())
            guard sample.isFinite else { continue }
            let short = try decoder.decodeValue(WireEncoder().encode(.double(sample)))
            #expect(short == .double(sample))
            let long = String(format: "%.25e", sample)
            #expect(try decoder.decodeValue(Array(long.utf8)) == .double(Double(long) ?? .nan), "\(long)")
        }
        for _ in 0..<20_000 {
            let sample = Double(Int64(bitPattern: generator.next()) % 2_000_000_000) / 1024
            let digits = Int(generator.next() % 17) + 1
            let text = String(format: "%.\(digits)g", sample)
            let expected: JSONValue = text.contains(where: { $0 == "." || $0 == "e" }) ? .double(Double(text) ?? .nan) : .integer(Int64(text) ?? 0)
            #expect(try decoder.decodeValue(Array(text.utf8)) == expected, "\(text)")
        }
    }

    @Test("non-finite doubles encode as null")
    func nonFinite() {
        let encoder = WireEncoder()
        #expect(encoder.encode(.double(.infinity)) == Array("null".utf8))
        #expect(encoder.encode(.double(-.infinity)) == Array("null".utf8))
        #expect(encoder.encode(.double(.nan)) == Array("null".utf8))
    }

    @Test("Foundation's JSONSerialization reads the output as the same values")
    func foundationAgrees() throws {
        var generator = WireSampleGenerator(seed: 0x5EED_0004)
        let encoder = WireEncoder()
        for _ in 0..<1_000 {
            let notification = generator.notification()
            let bytes = encoder.encode(notification)
            let parsed = try JSONSerialization.jsonObject(with: Data(bytes))
            let expected = WireSampleGenerator.tree(of: notification)
            #expect(WireSampleGenerator.matches(parsed, expected), "\(String(decoding: bytes, as: UTF8.self))")
            #expect(try WireDecoder().decodeValue(bytes) == expected)
        }
    }
}
