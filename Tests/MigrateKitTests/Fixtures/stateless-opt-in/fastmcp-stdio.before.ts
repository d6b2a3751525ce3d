// expect: not-applicable, not-applicable
import { FastMCP } from "fastmcp";
const a = new FastMCP({ name: "a", version: "1" });
const b = new FastMCP({ name: "b", version: "1" });
a.start({ transportType: "stdio" });
b.start();
