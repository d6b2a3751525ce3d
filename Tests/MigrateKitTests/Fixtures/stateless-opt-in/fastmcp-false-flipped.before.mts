// expect: apply
import { FastMCP } from "fastmcp";
const s = new FastMCP({ name: "x", version: "1" });
s.start({ transportType: "httpStream", httpStream: { port: 1, stateless: false } });
