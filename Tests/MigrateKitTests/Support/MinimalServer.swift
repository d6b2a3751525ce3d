/// The smallest fastmcp server migrate edits (one `start` with an `httpStream`), and a
/// manifest naming fastmcp: the fixture of the safety and hostile-repository tests.
enum MinimalServer {
    static let source = """
        import { FastMCP } from "fastmcp";
        const s = new FastMCP({ name: "x", version: "1" });
        s.start({ transportType: "httpStream", httpStream: { port: 1 } });

        """
    static let manifest = #"{ "dependencies": { "fastmcp": "^4.6.0" } }"#
}
