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
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, 41, &copy)
        return String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
