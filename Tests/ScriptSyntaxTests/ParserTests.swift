import ScriptSyntax
import Testing

@Suite struct ParserTests {
    @Test func genericsAndArrowTypesAreTypesNotComparisons() {
        #expect(sketch("const m: Map<string, Array<() => void>> = new Map<string, Array<() => void>>();")
            == "const m: Map<string, Array<() => void>> = new(Map<string, Array<() => void>>, [])")
        #expect(sketch("const x = a < b > c;") == "const x = ((a < b) > c)")
        // TypeScript reads this as a generic call, JavaScript as two comparisons.
        #expect(sketch("f(a < b, c > (d));") == "call(f, [call(a< b, c >, [d])])")
        #expect(sketch("f(a < b, c > (d));", .javaScript) == "call(f, [(a < b), (c > (d))])")
        #expect(sketch("const s = new FastMCP<SessionData>({ authenticate });")
            == "const s = new(FastMCP<SessionData>, [{authenticate}])")
        #expect(sketch("const v = useState<Array<Record<string, number>>>([]);")
            == "const v = call(useState<Array<Record<string, number>>>, [[]])")
        #expect(sketch("type F<T> = T extends (infer U)[] ? U : never; let y = 1 >> 2;")
            == "type-only\nlet y = (1 >> 2)")
    }

    @Test func serverShapesFromRealRepositories() {
        let source = """
        import { FastMCP, type Context } from "fastmcp";
        import * as http from "node:http";
        export const server = new FastMCP<SessionData>({
          name: "notes", version: "1.0.0",
          authenticate: async (req): Promise<SessionData> => ({ id: req.headers["x-id"] as string }),
          ...defaults,
        });
        export function createServer(): FastMCP { return new FastMCP({ name: `n-${env.X ?? "x"}` }); }
        server.start(process.env.STDIO ? { transportType: "stdio" } : { transportType: "httpStream", httpStream: { port: 8080 } });
        """
        #expect(sketch(source) == """
        import {FastMCP, type Context} from fastmcp
        import * as http from node:http
        export const server = new(FastMCP<SessionData>, [{name: "notes", version: "1.0.0", authenticate: async (req): Promise<SessionData> => ({id: as(req.headers["x-id"], string)}), ...defaults}])
        export function createServer(): FastMCP {return new(FastMCP, [{name: `${(env.X ?? "x")}`}])}
        call(server.start, [(process.env.STDIO ? {transportType: "stdio"} : {transportType: "httpStream", httpStream: {port: 8080}})])
        """)
    }

    @Test func classesWithPropertiesConstructorsDecoratorsAndModifiers() {
        let source = """
        @Injectable()
        export class App extends Base<T> implements I, J {
          private server = new FastMCP({ name: "x" });
          static readonly port: number = 8080;
          #secret?: string;
          [key: string]: unknown;
          constructor(private readonly config: Config, @Inject(TOKEN) token: string) { super(); }
          async start(): Promise<void> { await this.server.start({ transportType: "httpStream" }); }
          get name() { return "x" }
          abstract stop(): void;
          static { init(); }
        }
        """
        #expect(sketch(source) == """
        export call(Injectable, []) class App extends Base {private server = new(FastMCP, [{name: "x"}]); static readonly port: number = 8080; #secret: string; index; constructor(private readonly config: Config, token: string) {call(super, [])}; async start(): Promise<void> {await(call(this.server.start, [{transportType: "httpStream"}]))}; get name() {return "x"}; abstract stop(): void;; static {call(init, [])}}
        """)
    }

    @Test func importAndExportForms() {
        let source = """
        import x from "a"; import y, { b as c, type D } from "b"; import type { E } from "e";
        import "side-effect"; import json from "./d.json" with { type: "json" };
        import fs = require("fs");
        export { a, b as default } from "./m.js"; export * from "./all.js"; export * as ns from "./ns.js";
        export default server; export = app; export type { T }; export { local };
        const q = require("q"); const { FastMCP: F } = require("fastmcp"); const m = await import("./m.js");
        """
        #expect(sketch(source) == """
        import x from a
        import y, {b as c, type D} from b
        import type {E} from e
        import  from side-effect
        import json from ./d.json
        import require fs from fs
        export {a, b as default} from ./m.js
        export * from ./all.js
        export * as ns from ./ns.js
        export default server
        export = app
        export type {T}
        export {local}
        const q = call(require, ["q"])
        const {FastMCP: F} = call(require, ["fastmcp"])
        const m = await(import("./m.js"))
        """)
    }

    @Test func optionalChainingNonNullSatisfiesAndAs() {
        #expect(sketch("a?.b?.(c)?.[d]!.e;") == "call(a?.b?., [c])?.[d]!.e")
        #expect(sketch("const o = { port: 1 } satisfies Options as const;")
            == "const o = as(satisfies({port: 1}, Options), const)")
        #expect(sketch("const n = <number>value;") == "const n = angleBracket(value, <number>)")
    }

    @Test func automaticSemicolonInsertion() {
        #expect(sketch("const a = 1\nconst b = a\n(b)\nreturn\nx") == "const a = 1\nconst b = call(a, [b])\nreturn\nx")
        #expect(sketch("let i = 0\ni\n++\nj") == "let i = 0\ni\n(++ j)")
        #expect(sketch("class A { x = 1\n y = 2\n get\n z() {} }") == "class A {x = 1; y = 2; get z() {}}")
    }

    @Test func templatesNestAndTheirSubstitutionsAreCode() {
        #expect(sketch("const s = `a ${ `b ${ {x: 1}.x } c` } d ${ f(`${y}`) }`;")
            == "const s = `${`${{x: 1}.x}`}${call(f, [`${y}`])}`")
        #expect(sketch("const t = html`<p>${name}</p>`;") == "const t = html`${name}`")
    }

    @Test func regexVersusDivision() {
        #expect(sketch("const r = /[/}]+/g.test(a) / 2;") == "const r = (call(/[/}]+/g.test, [a]) / 2)")
        #expect(sketch("x = a / b / c;") == "(x = ((a / b) / c))")
    }

    @Test func jsxContainersAreCode() {
        let source = "const el = <div className=\"a\" {...p}>it's {items.map(i => <b key={i}>{i / 2}</b>)}</div>;"
        #expect(sketch(source, Dialect(typeScript: true, jsx: true))
            == "const el = jsx[...p, call(items.map, [(i) => jsx[i, (i / 2)]])]")
        #expect(sketch("const id = <T,>(x: T) => x;", Dialect(typeScript: true, jsx: true)) == "const id = <T,>(x: T) => x")
    }

    @Test func typeScriptOnlyDeclarationsAreRangedNodes() {
        let source = """
        interface A extends B<C> { x: number }
        type U = { a: string } | [number, string?];
        declare module "m" { export const x: number; }
        declare const y: string;
        namespace N.M { export const z = 1; }
        enum Color { Red = 1, Green }
        const enum E { A }
        function f(a: string): void;
        function f(a: any) {}
        """
        #expect(sketch(source) == """
        type-only
        type-only
        namespace m {export const x: number}
        type-only
        namespace N.M {export const z = 1}
        enum Color
        enum E
        function f(a: string): void;
        function f(a: any) {}
        """)
    }

    @Test func destructuringAndControlFlow() {
        let source = """
        let args: StartArgs;
        if (process.env.HTTP) { args = { transportType: "httpStream" }; } else args = { transportType: "stdio" };
        const { a, b: [c, , ...d], e = 1, ...rest } = obj;
        for (const [k, v] of Object.entries(o)) {}
        for (let i = 0; i < n; i++) continue;
        switch (mode) { case "http": start(); break; default: stop() }
        try { run() } catch { } finally { done() }
        label: while (true) break label;
        """
        #expect(sketch(source) == """
        let args: StartArgs
        if process.env.HTTP {(args = {transportType: "httpStream"})} else (args = {transportType: "stdio"})
        const {a: a, b: [c, , ...d], e: e = 1, ...rest} = obj
        loop(const [k, v]; call(Object.entries, [o])) {}
        loop(let i = 0; (i < n); (i++)) jump
        switch mode "http": call(start, []); jump | default: call(stop, [])
        try {call(run, [])} catch {} finally {call(done, [])}
        label: loop(true) jump
        """)
    }

    @Test func commonJSExports() {
        #expect(sketch("module.exports = { server };\nexports.start = () => server.start();", .javaScript)
            == "(module.exports = {server})\n(exports.start = () => call(server.start, []))")
    }
}
