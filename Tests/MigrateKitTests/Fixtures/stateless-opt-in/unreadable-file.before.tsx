// expect: 
import { FastMCP } from "fastmcp";
const s = new FastMCP({ name: "x", version: "1" });
const view = <p>unclosed
s.start({ transportType: "httpStream", httpStream: { port: 1 } });
