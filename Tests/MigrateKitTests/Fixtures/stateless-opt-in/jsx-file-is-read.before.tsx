// expect: apply
import { FastMCP } from "fastmcp";
const s = new FastMCP({ name: "x", version: "1" });
export const Status = () => <p className="ok">it's {s ? "up" : "down"} / running</p>;
s.start({ transportType: "httpStream", httpStream: { port: 1 } });
