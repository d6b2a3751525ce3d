import Foundation

/// Finds a work tree's untracked files by reading its folders against the index's sorted paths,
/// the way `git status` does: a folder's entries are listed once, and only names the index does
/// not hold are looked at further (asked whether they are ignored; an untracked folder is read
/// to its files). Tracked files are never touched here: their state comes from comparing
/// `lstat` with what the index recorded (``RecordedStat``).
///
/// The result is what libgit2's status lists with untracked folders recursed: untracked files
/// and symbolic links one by one, a nested repository as its folder (`sub/`), nothing for an
/// empty folder or one whose files are all ignored.
struct UntrackedWalk {
    /// The work tree's absolute path, without a trailing `/`.
    let root: String
    /// Every index path, sorted by bytes.
    let paths: PathTable
    /// Whether a repository-relative path is ignored (`.gitignore`, `info/exclude`, the
    /// user's excludes file), parents included.
    let isIgnored: (String) -> Bool

    /// Untracked, not ignored paths, relative, in walk order.
    private(set) var untracked: [String] = []
    /// Tracked paths whose folder is no longer a folder in the work tree (replaced by a file or
    /// a link): their `lstat` could not be trusted, so libgit2 decides.
    private(set) var displaced: [String] = []
    /// Folders that could not be listed (`""` for the root): what they hold is unknown, so the
    /// walk's answer is incomplete and the caller must not trust it (it asks libgit2 instead).
    private(set) var unreadable: [String] = []
    /// A `.gitignore` or `.gitattributes` that is not a file (a FIFO, a link to a device): the
    /// walk stopped before libgit2 could read it (``ControlFiles``), and the caller refuses.
    private(set) var refusal: GitError?

    init(root: String, paths: PathTable, isIgnored: @escaping (String) -> Bool) {
        self.root = root
        self.isIgnored = isIgnored
        // The index keeps its entries sorted by bytes; a foreign writer might not.
        self.paths = paths.isSorted ? paths : paths.sorted()
    }

    /// Walks the whole work tree.
    mutating func run() {
        walkTracked(folder: [], range: 0..<paths.count)
    }

    private static let dotGit = Array(".git".utf8)

    /// A name the index holds in a folder: a file, or a folder with the index entries in `inside`.
    private struct Child {
        var name: Range<Int>
        var inside: Range<Int>?
    }

    /// A folder that holds tracked paths (entries `range`, each starting with `folder`). The
    /// index's names in it are sorted once; each name the folder holds is then found among them
    /// by binary search, byte for byte (no hashing, no strings).
    private mutating func walkTracked(folder: [UInt8], range: Range<Int>) {
        var children: [Child] = []
        paths.bytes.withUnsafeBufferPointer { all in
            var i = range.lowerBound
            while i < range.upperBound {
                let path = paths.ranges[i]
                let nameStart = path.lowerBound + folder.count
                guard let slash = all[nameStart..<path.upperBound].firstIndex(of: UInt8(ascii: "/")) else {
                    children.append(Child(name: nameStart..<path.upperBound, inside: nil))
                    i += 1
                    continue
                }
                // The entries under this folder are contiguous: find their end by galloping.
                let prefix = UnsafeBufferPointer(rebasing: all[path.lowerBound...slash])
                func under(_ index: Int) -> Bool { UnsafeBufferPointer(rebasing: all[paths.ranges[index]]).starts(with: prefix) }
                var low = i + 1
                var step = 1
                while low < range.upperBound && under(low) {
                    low += step
                    step *= 2
                }
                var high = min(low, range.upperBound)
                low = max(i + 1, low - step / 2)
                while low < high {
                    let middle = (low + high) / 2
                    if under(middle) { low = middle + 1 } else { high = middle }
                }
                children.append(Child(name: nameStart..<slash, inside: i..<low))
                i = low
            }
            // Index order is full-path order ("a.b" before "a/x"): put the names in name order.
            children.sort { ByteOrder.precedes(all[$0.name], all[$1.name]) }
        }
        let listing = DirectoryEntries(root + "/" + String(decoding: folder, as: UTF8.self))
        if !listing.opened { unreadable.append(String(decoding: folder, as: UTF8.self)) }
        guard checkControlFiles(listing, in: folder) else { return }
        for k in listing.kinds.indices {
            if refusal != nil { return }
            let name = Array(listing.names.bytes[listing.names.ranges[k]])
            let kind = listing.kinds[k]
            if name == Self.dotGit { continue }
            let match: Child? = paths.bytes.withUnsafeBufferPointer { all in
                name.withUnsafeBufferPointer { name in
                    var low = 0
                    var high = children.count
                    while low < high {
                        let middle = (low + high) / 2
                        let order = ByteOrder.compare(UnsafeBufferPointer(rebasing: all[children[middle].name]), name)
                        if order == 0 { return children[middle] }
                        if order < 0 { low = middle + 1 } else { high = middle }
                    }
                    return nil
                }
            }
            guard let match else {
                visitUntracked(folder + name, kind)
                continue
            }
            guard let inside = match.inside else {
                // A tracked file now a folder: its files are new; the file's own state is
                // libgit2's to say (its `lstat` no longer matches).
                if kind == .folder { visitUntracked(folder + name, .folder) }
                continue
            }
            if kind == .folder {
                walkTracked(folder: folder + name + [UInt8(ascii: "/")], range: inside)
            } else {
                displaced += paths.bytes.withUnsafeBufferPointer { all in
                    inside.map { String(decoding: UnsafeBufferPointer(rebasing: all[paths.ranges[$0]]), as: UTF8.self) }
                }
                visitUntracked(folder + name, kind)
            }
        }
    }

    /// Whether the folder's `.gitignore` and `.gitattributes` (which libgit2 reads when asked
    /// about any path in it) are files; else records the refusal and says stop.
    private mutating func checkControlFiles(_ listing: DirectoryEntries, in folder: [UInt8]) -> Bool {
        for k in listing.kinds.indices where listing.kinds[k] != .file {
            let name = Array(listing.names.bytes[listing.names.ranges[k]])
            guard ControlFiles.perFolder.contains(name) else { continue }
            let path = root + "/" + String(decoding: folder + name, as: UTF8.self)
            if let what = ControlFiles.problem(at: path) {
                refusal = ControlFiles.refusal(path, what, root: root)
                return false
            }
        }
        return true
    }

    /// A name the index does not hold.
    private mutating func visitUntracked(_ path: [UInt8], _ kind: DirectoryEntries.Kind) {
        let relative = String(decoding: path, as: UTF8.self)
        switch kind {
        case .other:
            // FIFOs, sockets and devices are not files git could track.
            return
        case .file, .link:
            if !isIgnored(relative) { untracked.append(relative) }
        case .folder:
            guard !isIgnored(relative + "/") else { return }
            var info = stat()
            if lstat(root + "/" + relative + "/.git", &info) == 0 {
                untracked.append(relative + "/")
                return
            }
            let listing = DirectoryEntries(root + "/" + relative)
            if !listing.opened { unreadable.append(relative + "/") }
            guard checkControlFiles(listing, in: path + [UInt8(ascii: "/")]) else { return }
            for k in listing.kinds.indices {
                if refusal != nil { return }
                let name = Array(listing.names.bytes[listing.names.ranges[k]])
                if name != Self.dotGit { visitUntracked(path + [UInt8(ascii: "/")] + name, listing.kinds[k]) }
            }
        }
    }
}

/// The entries of one folder (`.` and `..` left out), typed from `readdir` without a `stat`
/// where the file system says the type. A folder that cannot be read has no entries and
/// ``opened`` false.
struct DirectoryEntries {
    enum Kind { case file, folder, link, other }

    /// The names, one after the other in one buffer.
    private(set) var names = PathTable()
    private(set) var kinds: [Kind] = []
    /// Whether `opendir` succeeded (a folder that cannot be read lists nothing, and says so).
    private(set) var opened = false

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    init(_ path: String) {
        guard let handle = opendir(path) else { return }
        opened = true
        defer { closedir(handle) }
        while let pointer = readdir(handle) {
            // The name lives in readdir's own buffer until the next call.
            let start = UnsafeRawPointer(pointer) + Self.nameOffset
            let name = UnsafeRawBufferPointer(start: start, count: strlen(start.assumingMemoryBound(to: CChar.self)))
            if name.elementsEqual(".".utf8) || name.elementsEqual("..".utf8) { continue }
            var kind: Kind
            switch Int32(pointer.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .link
            case Int32(DT_UNKNOWN):
                var info = stat()
                guard lstat(path + "/" + String(decoding: name, as: UTF8.self), &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: kind = .file
                case S_IFDIR: kind = .folder
                case S_IFLNK: kind = .link
                default: kind = .other
                }
            default: kind = .other
            }
            names.append(name)
            kinds.append(kind)
        }
    }
}
