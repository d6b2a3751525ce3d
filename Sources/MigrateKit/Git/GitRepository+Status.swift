import CLibGit2
import Foundation

/// The uncommitted state of the work tree, found without libgit2's single-threaded walk over
/// every tracked file: the caller compares each tracked file's `lstat` with what the index
/// recorded (on as many cores as it likes, usually while reading the files anyway), and only
/// the files that do not match go to libgit2 for a content comparison. Staged changes come from
/// comparing HEAD with the index, untracked files from ``UntrackedWalk``. The answer is the
/// same set of paths as ``dirtyPaths()`` (tested against it).
extension GitRepository {
    /// Paths staged differently from HEAD (added, modified, deleted, renamed in the index). When
    /// the index's cache tree is valid and names HEAD's tree, and no entry is in a state it does
    /// not speak for, nothing is staged (git's own shortcut); otherwise libgit2 compares.
    func stagedPaths(_ index: IndexSnapshot) throws(GitError) -> [String] {
        if !index.hasSpecialEntries, let tree = index.rootTreeID, try tree == headTreeID() { return [] }
        return try stagedPaths()
    }

    /// Paths staged differently from HEAD, compared by libgit2.
    func stagedPaths() throws(GitError) -> [String] {
        try statusPaths(show: GIT_STATUS_SHOW_INDEX_ONLY, flags: GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue, pathspec: [])
    }

    /// Which of `suspects` (tracked paths whose `lstat` did not match the index's record)
    /// really differ from the index in the work tree; libgit2 compares their content.
    func changedPaths(among suspects: [String]) throws(GitError) -> [String] {
        guard !suspects.isEmpty else { return [] }
        let flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue
        return try statusPaths(show: GIT_STATUS_SHOW_WORKDIR_ONLY, flags: flags, pathspec: suspects)
    }

    /// Whether a repository-relative path is ignored; a path that cannot be checked counts as
    /// not ignored (the tree then looks dirty rather than clean).
    func isIgnored(_ path: String) -> Bool {
        var ignored: Int32 = 0
        return git_ignore_path_is_ignored(&ignored, handle, path) == 0 && ignored == 1
    }

    /// Untracked files, and tracked paths whose folder became something else. Throws when a
    /// `.gitignore` or `.gitattributes` is not a file (``ControlFiles``).
    func untrackedWalk(_ index: IndexSnapshot) throws(GitError) -> UntrackedWalk {
        var walk = UntrackedWalk(root: root, paths: index.paths, isIgnored: { [self] in isIgnored($0) })
        walk.run()
        if let refusal = walk.refusal { throw refusal }
        return walk
    }

    /// Every path with uncommitted changes, as ``dirtyPaths()`` lists them, found by comparing
    /// `lstat` with the index on this thread. ``Inspector`` runs the same steps with the
    /// comparisons spread over the cores.
    public func uncommittedPaths() throws(GitError) -> [String] {
        let index = try indexSnapshot()
        var suspects: [String] = []
        for file in index.files {
            var info = stat()
            if lstat(root + "/" + file.path, &info) != 0 || !(file.recorded?.matches(info, indexWritten: index.writtenAt) ?? false) {
                suspects.append(file.path)
            }
        }
        let walk = try untrackedWalk(index)
        // A folder the walk could not list may hold anything: libgit2's full status decides.
        guard walk.unreadable.isEmpty else { return try dirtyPaths() }
        return try combine(staged: stagedPaths(index), changed: changedPaths(among: suspects + walk.displaced), untracked: walk.untracked)
    }

    /// The three kinds of change as one sorted list without repeats.
    func combine(staged: [String], changed: [String], untracked: [String]) -> [String] {
        Array(Set(staged + changed + untracked)).sorted()
    }

    /// The paths of libgit2's status list, old and new names of every entry that is not current.
    func statusPaths(show: git_status_show_t, flags: UInt32, pathspec: [String]) throws(GitError) -> [String] {
        var options = git_status_options()
        try check("status options", git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)))
        options.show = show
        options.flags = flags
        var list: OpaquePointer?
        var cStrings = pathspec.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        let result = cStrings.withUnsafeMutableBufferPointer { buffer in
            options.pathspec = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return git_status_list_new(&list, handle, &options)
        }
        try check("cannot read the status", result)
        defer { git_status_list_free(list) }
        var paths: [String] = []
        for i in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, i)?.pointee, entry.status != GIT_STATUS_CURRENT else { continue }
            for delta in [entry.index_to_workdir, entry.head_to_index] {
                guard let delta = delta?.pointee else { continue }
                for file in [delta.new_file, delta.old_file] {
                    if let path = file.path { paths.append(String(cString: path)) }
                }
            }
        }
        return paths
    }
}
