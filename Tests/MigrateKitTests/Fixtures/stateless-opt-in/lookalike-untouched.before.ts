// expect: review
import { Widget } from "other-framework";
import { FastMCP } from "fastmcp";
const mcp = new FastMCP({ name: "x", version: "1" });
const widget = new Widget({ type: "http-stream", stateless: false });
widget.start({ transportType: "httpStream", httpStream: { port: 1 } });
const text = `server.start({ transportType: "httpStream", httpStream: {} })`;
// server.start({ transportType: "httpStream", httpStream: { port: 2 } });
