// Shared by every fuzz target: compiled into each target's executable by Fuzz/run.sh.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Stops the process with a message when an invariant does not hold.
///
/// `abort()` raises SIGABRT, which libFuzzer reports as a crash and saves the input that
/// caused it; the message says which invariant failed.
func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if condition() { return }
    let text = Array("fuzz invariant failed: \(message())\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}

/// A small deterministic generator (xorshift64*), seeded from input bytes so that a saved
/// crash input replays exactly.
struct FuzzRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}
