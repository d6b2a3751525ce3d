import ScriptSyntax
import Testing

@Suite struct ScopeIndexTests {
    private func index(_ source: String) -> (SyntaxTree, ScopeIndex) {
        let tree = SyntaxTree(source: source, dialect: .typeScript)
        return (tree, ScopeIndex(tree))
    }

    /// Token index of the `occurrence`-th token whose text is `text`.
    private func token(_ tree: SyntaxTree, _ text: String, _ occurrence: Int = 1) -> Int {
        tree.tokens.indices.filter { tree.text(token: $0) == text }[occurrence - 1]
    }

    @Test func blockScopesShadowAndVarHoists() {
        let (tree, scopes) = index("""
        const server = outer();
        function f() {
          if (x) { const server = inner(); use(server); var hoisted = 1; }
          use(server, hoisted);
        }
        """)
        let innerUse = token(tree, "server", 3)
        let outerUse = token(tree, "server", 4)
        #expect(scopes.declaration(of: "server", at: innerUse).map { tree.text(token: $0.token) } == "server")
        #expect(scopes.declaration(of: "server", at: innerUse)?.token == token(tree, "server", 2))
        #expect(scopes.declaration(of: "server", at: outerUse)?.token == token(tree, "server", 1))
        // `var` belongs to the function, so it is visible after the block.
        #expect(scopes.declaration(of: "hoisted", at: token(tree, "hoisted", 2)) != nil)
    }

    @Test func destructuringKeepsThePathToTheValue() {
        let (tree, scopes) = index("const { httpStream: { port }, transportType = \"stdio\", ...rest } = config; use(port);")
        let port = scopes.declaration(of: "port", at: token(tree, "port", 2))
        #expect(port?.path == ["httpStream", "port"])
        #expect(port?.isIndirect == false)
        #expect(scopes.declaration(of: "transportType", at: tree.tokens.count - 1)?.isIndirect == true)
        #expect(scopes.declaration(of: "rest", at: tree.tokens.count - 1)?.isIndirect == true)
    }

    @Test func assignmentsAreFoundForTheRightDeclaration() {
        let (tree, scopes) = index("""
        let args;
        if (a) { args = { x: 1 }; } else { args = { x: 2 }; }
        function g() { let args; args = 3; }
        args.extra = true;
        """)
        let declaration = scopes.declaration(of: "args", at: token(tree, "args", 2))!
        let writes = scopes.assignments(to: declaration)
        #expect(writes.map(\.members) == [[], [], ["extra"]])
    }

    @Test func branchesPinANameToAString() {
        let (tree, scopes) = index("""
        if (mode === "stdio") { a(mode); } else { b(mode); }
        if ("http" !== kind) { c(kind); } else { d(kind); }
        switch (t) { case "sse": e(t); break; default: f(t); }
        const v = x == "y" ? g(x) : h(x);
        """)
        #expect(scopes.pin(of: "mode", at: token(tree, "mode", 2)) == "stdio")
        #expect(scopes.pin(of: "mode", at: token(tree, "mode", 3)) == nil)
        #expect(scopes.pin(of: "kind", at: token(tree, "kind", 2)) == nil)
        #expect(scopes.pin(of: "kind", at: token(tree, "kind", 3)) == "http")
        #expect(scopes.pin(of: "t", at: token(tree, "t", 2)) == "sse")
        #expect(scopes.pin(of: "t", at: token(tree, "t", 3)) == nil)
        #expect(scopes.pin(of: "x", at: token(tree, "x", 2)) == "y")
    }

    @Test func exportsOfEveryForm() {
        let (_, scopes) = index("""
        export const server = make();
        export function createServer() {}
        export default server;
        export { a as b, c };
        export { d as e } from "./d.js";
        export * from "./all.js";
        export * as ns from "./ns.js";
        module.exports.legacy = legacy;
        exports.other = 1;
        """)
        func describe(_ e: ModuleExport?) -> String {
            switch e {
            case .local(let n)?: return "local \(n)"
            case .value?: return "value"
            case .reexport(let m, let n)?: return "reexport \(m) \(n)"
            case .namespace(let m)?: return "namespace \(m)"
            case nil: return "none"
            }
        }
        #expect(describe(scopes.exports["server"]) == "local server")
        #expect(describe(scopes.exports["createServer"]) == "local createServer")
        #expect(describe(scopes.exports["default"]) == "local server")
        #expect(describe(scopes.exports["b"]) == "local a")
        #expect(describe(scopes.exports["c"]) == "local c")
        #expect(describe(scopes.exports["e"]) == "reexport ./d.js d")
        #expect(describe(scopes.exports["ns"]) == "namespace ./ns.js")
        #expect(describe(scopes.exports["legacy"]) == "local legacy")
        #expect(describe(scopes.exports["other"]) == "value")
        #expect(scopes.starExports == ["./all.js"])
    }

    @Test func classPropertiesAndThisWrites() {
        let (tree, scopes) = index("""
        class A {
          server = make();
          constructor() { this.server = other(); this.port = 1; }
          run() { this.server.start(); }
        }
        class B { m() { this.server = nope(); } }
        """)
        let use = token(tree, "server", 3)
        #expect(scopes.thisWrites(["server"], inClassAt: use).count == 1)
        #expect(scopes.enclosingClassScope(of: use).flatMap { scopes.scopes[$0].classDeclaration?.name } == "A")
    }
}
