import CLibGit2

/// Process-wide libgit2 set-up, done once.
enum LibGit2 {
    private static let initialized: Bool = {
        git_libgit2_init()
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }

    /// libgit2's `owner validation` switch (process-wide).
    static func setOwnerValidation(_ enabled: Bool) {
        ensureInitialized()
        _ = migrate_git_set_owner_validation(enabled ? 1 : 0)
    }

    /// A libgit2 object id as 40 lowercase hex digits.
    static func hex(_ oid: git_oid) -> String {
        var copy = oid
        // Written in place: this runs once per tracked file.
        return String(unsafeUninitializedCapacity: 40) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = git_oid_fmt($0.baseAddress, &copy) }
            return 40
        }
    }
}
