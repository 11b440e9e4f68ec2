import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteFile {
    /// Runs `PRAGMA quick_check` on a read-only connection, so a damaged file is refused
    /// before anything writes to it. Removes the `-wal`/`-shm` files the check created.
    static func verify(path: String, schema: SQLiteSchema) throws(SQLiteStoreError) {
        let candidates: [String] = [path + "-wal", path + "-shm"]
        let sideFiles = candidates.filter { access($0, F_OK) != 0 }
        defer {
            for file in sideFiles where isEmptyOrSharedMemory(file) { unlink(file) }
        }
        do {
            let database = try SQLiteDatabase(path: path, flags: SQLITE_OPEN_READONLY)
            defer { database.close() }
            let findings = try database.strings("PRAGMA quick_check(1)", operation: "check integrity")
            guard findings == ["ok"] else {
                throw SQLiteStoreError.corrupt(path: path, detail: findings.first ?? "no result from quick_check")
            }
            try checkVersion(database, path: path, schema: schema)
        } catch let error as SQLiteStoreError {
            throw error
        } catch let error as SQLiteError {
            if error.primaryCode == SQLITE_NOTADB { throw .notADatabase(path: path, reason: error.message) }
            throw error.isCorrupt ? .corrupt(path: path, detail: error.message) : .sqlite(error)
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// Whether a side file left by a read-only check holds nothing to keep: an empty WAL
    /// or the shared-memory index (rebuilt from the WAL at every open).
    private static func isEmptyOrSharedMemory(_ file: String) -> Bool {
        if file.hasSuffix("-shm") { return true }
        var info = stat()
        return stat(file, &info) == 0 && info.st_size == 0
    }

    /// Refuses a file whose schema is newer or whose application id is another's,
    /// reading them through SQLite (the header may lag behind the WAL).
    static func checkVersion(_ database: SQLiteDatabase, path: String, schema: SQLiteSchema) throws(SQLiteStoreError) {
        do {
            let version = try database.integer("PRAGMA user_version", operation: "read schema version") ?? 0
            let application = try database.integer("PRAGMA application_id", operation: "read application id") ?? 0
            try checkHeaderFields(applicationID: Int32(truncatingIfNeeded: application), version: Int32(truncatingIfNeeded: version), path: path, schema: schema)
        } catch let error as SQLiteError {
            throw error.isCorrupt ? .corrupt(path: path, detail: error.message) : .sqlite(error)
        } catch let error as SQLiteStoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// WAL mode (with the lock kept for the connection's life when asked), the
    /// durability level, a busy timeout, the page cache, the checkpoint interval and the
    /// optional size cap.
    static func configure(_ database: SQLiteDatabase, options: SQLiteFileOptions) throws(SQLiteError) {
        if options.exclusiveLocking, !options.readOnly {
            // Before WAL is entered, so the WAL index lives in heap memory, not in `-shm`.
            _ = try database.strings("PRAGMA locking_mode=EXCLUSIVE", operation: "keep the file lock")
        }
        if !options.readOnly {
            let mode = try database.strings("PRAGMA journal_mode=WAL", operation: "enable WAL")
            guard mode.first?.lowercased() == "wal" else {
                throw SQLiteError(code: SQLITE_ERROR, message: "journal mode stayed \(mode.first ?? "unknown")", operation: "enable WAL")
            }
        }
        try database.execute("PRAGMA synchronous=\(options.synchronous.rawValue)", operation: "set synchronous")
        try database.execute("PRAGMA busy_timeout=5000", operation: "set busy timeout")
        try database.execute("PRAGMA journal_size_limit=67108864", operation: "limit WAL size")
        // Pages of the lane index are spread over the file; a cache that holds the hot
        // part of it spares a read per touched page (negative: KiB).
        try database.execute("PRAGMA cache_size=-\(max(64, options.cacheKiB))", operation: "size page cache")
        // Fewer, larger checkpoints: a page rewritten by many commits is copied back once.
        try database.execute("PRAGMA wal_autocheckpoint=\(max(1, options.checkpointPages))", operation: "set checkpoint interval")
        if let pages = options.maximumPageCount {
            try database.execute("PRAGMA max_page_count=\(max(1, pages))", operation: "cap file size")
        }
    }

    /// Applies every migration the file has not seen, each in its own transaction.
    static func migrate(_ database: SQLiteDatabase, schema: SQLiteSchema) throws(SQLiteError) {
        let current = Int(try database.integer("PRAGMA user_version", operation: "read schema version") ?? 0)
        guard current < schema.version else { return }
        for version in current..<schema.version {
            try database.execute("BEGIN IMMEDIATE", operation: "begin migration")
            do {
                try database.execute(schema.migrations[version], operation: "migrate to schema version \(version + 1)")
                try database.execute(
                    "PRAGMA user_version=\(version + 1); PRAGMA application_id=\(schema.applicationID)",
                    operation: "record schema version"
                )
                try database.execute("COMMIT", operation: "commit migration")
            } catch {
                try? database.execute("ROLLBACK", operation: "roll back migration")
                throw error
            }
        }
    }
}
