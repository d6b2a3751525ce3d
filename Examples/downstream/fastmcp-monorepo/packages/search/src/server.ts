import { FastMCP } from "fastmcp";

const search = new FastMCP({ name: "search", version: "1.2.0" });

search.addTool({ name: "search", description: "Full-text search", execute: async () => "[]" });

search.start({ transportType: "httpStream", httpStream: { port: 8081 } });
