import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a store file safely: refuses what it cannot trust before writing anything,
/// creates new files readable by the owner only, sets WAL mode and migrates forward.
enum SQLiteFile {
    /// The first 16 bytes of every SQLite database.
    static let magic: [UInt8] = Array("SQLite format 3".utf8) + [0]

    /// Opens (creating if missing) the database at `path` for `schema`.
    static func open(path: String, schema: SQLiteSchema, options: SQLiteFileOptions) throws(SQLiteStoreError) -> SQLiteDatabase {
        let existing = try inspect(path: path, schema: schema)
        if existing == nil {
            if options.readOnly { throw .cannotOpen(path: path, reason: "the file does not exist") }
            try create(path: path)
        }
        if existing == true, options.verifyIntegrityOnOpen {
            try verify(path: path, schema: schema)
        }
        let flags = options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        do {
            let database = try SQLiteDatabase(path: path, flags: flags)
            try checkVersion(database, path: path, schema: schema)
            try configure(database, options: options)
            if !options.readOnly { try migrate(database, schema: schema) }
            return database
        } catch let error as SQLiteStoreError {
            throw error
        } catch let error as SQLiteError {
            throw error.isCorrupt ? .corrupt(path: path, detail: error.message) : .sqlite(error)
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// `nil` when there is no file, `false` for an empty one (SQLite treats it as new),
    /// `true` for a database; throws for anything else, reading only the header.
    private static func inspect(path: String, schema: SQLiteSchema) throws(SQLiteStoreError) -> Bool? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .cannotOpen(path: path, reason: "not a regular file") }
        if info.st_size == 0 { return false }
        let header = try readHeader(path: path)
        guard header.count >= 100 else {
            throw .notADatabase(path: path, reason: "\(header.count) bytes, shorter than a SQLite header")
        }
        guard Array(header.prefix(16)) == magic else {
            throw .notADatabase(path: path, reason: "no SQLite header at offset 0")
        }
        try checkHeaderFields(applicationID: bigEndian(header, at: 68), version: bigEndian(header, at: 60), path: path, schema: schema)
        return true
    }

    private static func readHeader(path: String) throws(SQLiteStoreError) -> [UInt8] {
        let descriptor = openFile(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 100)
        var filled = 0
        while filled < header.count {
            let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, 100 - filled) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return Array(header.prefix(filled))
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int32 {
        Int32(bitPattern: bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    static func checkHeaderFields(applicationID: Int32, version: Int32, path: String, schema: SQLiteSchema) throws(SQLiteStoreError) {
        if applicationID != 0, applicationID != schema.applicationID {
            throw .wrongApplication(path: path, found: applicationID, expected: schema.applicationID)
        }
        if Int(version) > schema.version { throw .newerSchema(found: Int(version), supported: schema.version) }
    }

    /// Creates an empty file with mode 0600: it will hold credentials. SQLite gives the
    /// `-wal` and `-shm` files the same mode.
    private static func create(path: String) throws(SQLiteStoreError) {
        let descriptor = openFile(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        close(descriptor)
    }
}

/// `open(2)`, named apart from ``SQLiteFile/open(path:schema:options:)``.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    open(path, flags, mode)
}
