// expect: review, review
import { FastMCP } from "fastmcp";

// Ten aliases deep: past the resolver's bound of 8 steps, so the site says so instead of guessing.
const a0 = new FastMCP({ name: "deep", version: "1.0.0" });
const a1 = a0, a2 = a1, a3 = a2, a4 = a3, a5 = a4, a6 = a5, a7 = a6, a8 = a7, a9 = a8;
a9.start({ transportType: "httpStream", httpStream: { port: 8080 } });
