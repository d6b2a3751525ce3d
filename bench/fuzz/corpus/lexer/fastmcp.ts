import { FastMCP } from "fastmcp";
const s = new FastMCP({ name: `x${1}` });
s.start({ transportType: "httpStream", httpStream: { port: 8080 } });
