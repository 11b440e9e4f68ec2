/// How a SQLite-backed store opens and writes its file.
///
/// The defaults survive a crash of the process at any point (WAL, `synchronous=NORMAL`);
/// choose ``Synchronous/full`` to also survive a power loss, at the cost of an `fsync`
/// per commit (group commit shares it between concurrent callers).
public struct SQLiteFileOptions: Sendable, Hashable {
    /// SQLite's `synchronous` setting in WAL mode.
    public enum Synchronous: String, Sendable, Hashable {
        /// Durable across a process crash; the last commits may be lost on power loss.
        case normal = "NORMAL"
        /// Durable across power loss: every commit is `fsync`ed.
        case full = "FULL"
    }

    /// Durability of commits; default ``Synchronous/normal``.
    public var synchronous: Synchronous
    /// Whether concurrent writes share one transaction (and one commit); default on.
    public var groupCommit: Bool
    /// Whether opening an existing file runs `PRAGMA quick_check` first (time linear in
    /// the file size); default on.
    public var verifyIntegrityOnOpen: Bool
    /// Open without write access: reads work, every write throws. Default off.
    public var readOnly: Bool
    /// Whether the connection keeps its lock on the file while open
    /// (`locking_mode=EXCLUSIVE`): WAL then needs no shared-memory file and no file locks
    /// per transaction, which makes commits cheaper; other processes are not meant to use
    /// the file meanwhile. Default on: one dispatcher (or receiver) owns its file. Turn off
    /// to let tools read the file while it is in use.
    public var exclusiveLocking: Bool
    /// The connection's page cache in KiB (at least 64); default 32 MiB, so the pages a
    /// commit touches are rarely read back from the file.
    public var cacheKiB: Int = 32 * 1024
    /// WAL pages written before an automatic checkpoint copies them into the file (at
    /// least 1); default 4096 (16 MiB of 4 KiB pages; SQLite's own default is 1000).
    /// Fewer checkpoints copy a page rewritten by many commits once instead of many times.
    public var checkpointPages: Int = 4096
    /// A cap on the file size in database pages (4 KiB each by default); a write beyond it
    /// throws as a full disk would. `nil`: no cap.
    public var maximumPageCount: Int?

    /// Creates options; the defaults are crash-safe with group commit.
    public init(
        synchronous: Synchronous = .normal,
        groupCommit: Bool = true,
        verifyIntegrityOnOpen: Bool = true,
        readOnly: Bool = false,
        exclusiveLocking: Bool = true,
        maximumPageCount: Int? = nil
    ) {
        self.exclusiveLocking = exclusiveLocking
        self.synchronous = synchronous
        self.groupCommit = groupCommit
        self.verifyIntegrityOnOpen = verifyIntegrityOnOpen
        self.readOnly = readOnly
        self.maximumPageCount = maximumPageCount
    }
}
