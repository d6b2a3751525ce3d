import CLibGit2
import Foundation
import ReportText

extension GitRepository {
    /// Who commits: a name and an email.
    public struct Identity: Sendable, Hashable {
        /// The name (`Ada Lovelace`).
        public var name: String
        /// The email (`ada@example.com`).
        public var email: String

        /// An identity.
        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }

        /// Parses `Name <email>`; nil when it does not have that shape.
        public init?(parsing text: String) {
            guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else { return nil }
            let name = text[..<open].trimmingCharacters(in: .whitespaces)
            let email = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            guard !name.isEmpty, !email.isEmpty, !email.contains(">") else { return nil }
            self.init(name: name, email: email)
        }

        /// Used when neither the repository's configuration nor `--author` names anyone.
        public static let fallback = Identity(name: "migrate", email: "migrate@localhost")
    }

    /// The identity from the repository's git configuration (`user.name`, `user.email`), if set.
    public func configuredIdentity() -> Identity? {
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&signature, handle) == 0, let signature else { return nil }
        defer { git_signature_free(signature) }
        return Identity(name: String(cString: signature.pointee.name), email: String(cString: signature.pointee.email))
    }

    /// Creates branch `name` at HEAD and moves HEAD to it. The work tree is unchanged (same commit).
    /// Why `name` cannot name a new branch (the rules of `git check-ref-format --branch`, plus:
    /// a full ref such as `refs/heads/main` is refused, since it would become
    /// `refs/heads/refs/heads/main`), or nil when it can.
    public static func branchNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.hasPrefix("refs/") { return "give the branch name alone (main), not a full ref (refs/heads/main)" }
        if name.hasPrefix("-") { return "it starts with -" }
        if name == "HEAD" || name == "@" { return "\(name) is reserved" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "it contains control characters" }
        if name.contains(" ") { return "it contains a space" }
        for bad in ["..", "@{", "~", "^", ":", "?", "*", "[", "\\", "//"] where name.contains(bad) { return "it contains \(bad)" }
        if name.hasSuffix("/") || name.hasSuffix(".") || name.hasSuffix(".lock") { return "it ends with /, . or .lock" }
        if name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return "a part of it starts with ." }
        guard git_reference_is_valid_name("refs/heads/\(name)") == 1 else { return "git refuses it as a reference name" }
        return nil
    }

    /// Creates branch `name` at HEAD and checks it out; refuses a name git would refuse or a branch that exists.
    public func createAndSwitchBranch(_ name: String) throws(GitError) {
        if let reason = Self.branchNameProblem(name) { throw GitError("\(TerminalText.escaped(name)) is not a branch name: \(reason)") }
        var oid = git_oid()
        try check("cannot read HEAD (a branch needs a commit to start from)", git_reference_name_to_id(&oid, handle, "HEAD"))
        var commit: OpaquePointer?
        try check("cannot read the HEAD commit", git_commit_lookup(&commit, handle, &oid))
        defer { git_commit_free(commit) }
        var reference: OpaquePointer?
        let result = git_branch_create(&reference, handle, name, commit, 0)
        if result == GIT_EEXISTS.rawValue { throw GitError("branch \(name) already exists", code: result) }
        try check("cannot create branch \(name)", result)
        git_reference_free(reference)
        try check("cannot switch to branch \(name)", git_repository_set_head(handle, "refs/heads/\(name)"))
    }

    /// Points HEAD back at branch `name` (the work tree is not touched) and deletes `created`;
    /// undoes ``createAndSwitchBranch(_:)`` when nothing was committed on the new branch.
    public func abandonBranch(_ created: String, returningTo name: String) throws(GitError) {
        try check("cannot switch back to \(name)", git_repository_set_head(handle, "refs/heads/\(name)"))
        var reference: OpaquePointer?
        try check("cannot find branch \(created)", git_branch_lookup(&reference, handle, created, GIT_BRANCH_LOCAL))
        defer { git_reference_free(reference) }
        try check("cannot delete branch \(created)", git_branch_delete(reference))
    }

    /// Stages `paths` and commits them on HEAD with `message`; returns the new commit's id.
    @discardableResult
    public func commit(paths: [String], message: String, identity: Identity) throws(GitError) -> String {
        var index: OpaquePointer?
        try check("cannot read the index", git_repository_index(&index, handle))
        defer { git_index_free(index) }
        for path in paths {
            try check("cannot stage \(path)", git_index_add_bypath(index, path))
        }
        try check("cannot write the index", git_index_write(index))
        var treeID = git_oid()
        try check("cannot write the tree", git_index_write_tree(&treeID, index))
        var tree: OpaquePointer?
        try check("cannot read the tree", git_tree_lookup(&tree, handle, &treeID))
        defer { git_tree_free(tree) }

        var signature: UnsafeMutablePointer<git_signature>?
        try check("invalid author \(identity.name) <\(identity.email)>", git_signature_now(&signature, identity.name, identity.email))
        defer { git_signature_free(signature) }

        var parentID = git_oid()
        var parent: OpaquePointer?
        if git_reference_name_to_id(&parentID, handle, "HEAD") == 0 {
            try check("cannot read the HEAD commit", git_commit_lookup(&parent, handle, &parentID))
        }
        defer { if let parent { git_commit_free(parent) } }
        var commitID = git_oid()
        var parents: [OpaquePointer?] = parent.map { [$0] } ?? []
        let result = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(
                &commitID, handle, "HEAD", signature, signature, nil, message, tree, buffer.count, buffer.baseAddress)
        }
        try check("cannot create the commit", result)
        return LibGit2.hex(commitID)
    }
}
