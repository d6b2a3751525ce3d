import CLibGit2
import Foundation

/// Patch text in git's format, and checks of a patch against a work tree, through libgit2.
public enum GitPatch {
    /// The unified diff (`diff --git a/… b/…`, full blob ids, 3 lines of context) turning `old`
    /// into `new` at `path`; empty when they are equal.
    public static func diff(path: String, old: [UInt8], new: [UInt8]) throws(GitError) -> String {
        LibGit2.ensureInitialized()
        guard old != new else { return "" }
        var options = git_diff_options()
        try check("diff options", git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)))
        options.context_lines = 3
        options.id_abbrev = UInt16(GIT_OID_HEXSZ)
        var patch: OpaquePointer?
        let result = old.withUnsafeBytes { o in
            new.withUnsafeBytes { n in
                git_patch_from_buffers(&patch, o.baseAddress, o.count, path, n.baseAddress, n.count, path, &options)
            }
        }
        try check("cannot diff \(path)", result)
        defer { git_patch_free(patch) }
        var buffer = git_buf()
        try check("cannot print the diff of \(path)", git_patch_to_buf(&buffer, patch))
        defer { git_buf_dispose(&buffer) }
        guard let pointer = buffer.ptr else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: buffer.size), as: UTF8.self)
    }
}

extension GitRepository {
    /// How a patch relates to the work tree.
    public enum PatchState: Sendable, Hashable {
        /// `git apply --check` would succeed.
        case applies
        /// Every file already has the patch's post-image.
        case alreadyApplied
        /// Neither: the reason, for a person.
        case conflicts(String)
    }

    /// Checks `patchText` against the work tree: it applies (libgit2's `GIT_APPLY_CHECK`), or it is
    /// already applied (each file's blob id equals the patch's post-image id; libgit2 1.5.1 has no
    /// reverse apply), or neither.
    public func patchState(_ patchText: String) throws(GitError) -> PatchState {
        // A plan with nothing to apply holds only its comment header.
        guard patchText.contains("diff --git ") else { return .alreadyApplied }
        var diff: OpaquePointer?
        let bytes = Array(patchText.utf8)
        try check("cannot read the patch", bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { git_diff_from_buffer(&diff, $0.baseAddress, $0.count) }
        })
        defer { git_diff_free(diff) }
        guard git_diff_num_deltas(diff) > 0 else { return .alreadyApplied }

        var options = git_apply_options()
        try check("apply options", git_apply_options_init(&options, UInt32(GIT_APPLY_OPTIONS_VERSION)))
        options.flags = GIT_APPLY_CHECK.rawValue
        if git_apply(handle, diff, GIT_APPLY_LOCATION_WORKDIR, &options) == 0 { return .applies }
        let applyError = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "does not apply"

        for i in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, i)?.pointee, let cPath = delta.new_file.path else { continue }
            let path = String(cString: cPath)
            var expected = delta.new_file.id
            var actual = git_oid()
            guard FileManager.default.fileExists(atPath: absolutePath(path)),
                git_repository_hashfile(&actual, handle, path, GIT_OBJECT_BLOB, nil) == 0
            else { return .conflicts("\(path): \(applyError)") }
            let length = Int(delta.new_file.id_abbrev)
            let same = length > 0 && length < Int(GIT_OID_HEXSZ)
                ? git_oid_ncmp(&expected, &actual, length) == 0 : git_oid_equal(&expected, &actual) == 1
            if !same { return .conflicts("\(path): \(applyError)") }
        }
        return .alreadyApplied
    }
}
