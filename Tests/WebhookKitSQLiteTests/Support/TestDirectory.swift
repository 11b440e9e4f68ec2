import Foundation

/// A fresh directory under the system temporary directory, removed by ``remove()``.
struct TestDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("webhookkit-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Runs `body` with a fresh directory and removes it afterwards.
    static func with<T>(_ body: (TestDirectory) async throws -> T) async throws -> T {
        let directory = try TestDirectory()
        defer { directory.remove() }
        return try await body(directory)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Copies the database file and its WAL as they are on disk right now: what a
    /// process killed at this instant would leave behind.
    func crashImage(of path: String, to target: String) throws {
        let manager = FileManager.default
        for suffix in ["", "-wal"] where manager.fileExists(atPath: path + suffix) {
            try Data(contentsOf: URL(fileURLWithPath: path + suffix)).write(to: URL(fileURLWithPath: target + suffix))
        }
    }

    /// The bytes of a file, for before/after comparisons.
    func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
