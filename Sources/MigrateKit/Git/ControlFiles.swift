import Foundation
import ReportText

/// The files libgit2 opens and reads to the end while it works — the repository's `config`
/// and `info/exclude`, and every `.gitignore` and `.gitattributes` of the work tree. A FIFO
/// (or a link to a device) in one of those places hangs or floods libgit2, so each is checked
/// with `lstat` before libgit2 may read it: anything but a regular file (or a link to one) is
/// refused, naming it.
enum ControlFiles {
    /// Per-folder files libgit2 reads.
    static let perFolder = [Array(".gitignore".utf8), Array(".gitattributes".utf8)]

    /// Why `path` must not be read (`nil`: it is missing, a regular file, or a link to one).
    /// A dangling link is left to libgit2, which skips it.
    static func problem(at path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard stat(path, &info) == 0 else { return nil }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFDIR: return "a folder"
        default: return "not a regular file"
        }
    }

    /// The error for `path` (shown relative to `root` when inside it).
    static func refusal(_ path: String, _ what: String, root: String?) -> GitError {
        var shown = path
        if let root, path.hasPrefix(root + "/") { shown = String(path.dropFirst(root.count + 1)) }
        return GitError("\(TerminalText.escaped(shown)) is \(what), not a file: git reads it to its end, so migrate stops before reading anything (remove it or make it a file)")
    }

    /// Before libgit2 opens the repository holding `start`: finds the nearest folder upward
    /// with a `.git` folder and checks its `config`, `info/exclude`, and the work tree's own
    /// `.gitignore` and `.gitattributes`. (A `.git` file, as in a linked work tree, is left to
    /// libgit2; the per-folder files are checked again as the work tree is walked.)
    static func checkBeforeOpening(_ start: String) throws(GitError) {
        var folder = start
        var info = stat()
        if stat(folder, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { folder = (folder as NSString).deletingLastPathComponent }
        while true {
            let dotGit = folder + "/.git"
            if lstat(dotGit, &info) == 0 {
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    for path in [dotGit + "/config", dotGit + "/info/exclude", folder + "/.gitignore", folder + "/.gitattributes"] {
                        if let what = problem(at: path) { throw refusal(path, what, root: folder) }
                    }
                }
                return
            }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return }
            folder = parent
        }
    }
}
