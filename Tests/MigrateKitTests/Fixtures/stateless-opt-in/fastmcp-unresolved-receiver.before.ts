// expect: review
import { FastMCP } from "fastmcp";

// The server arrives as a parameter: migrate cannot see which instance it is, so it says so.
export async function serve(server: FastMCP, port: number) {
  await server.start({ transportType: "httpStream", httpStream: { port } });
}
