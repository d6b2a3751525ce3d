// expect: apply
import { FastMCP } from "fastmcp";

export class NotesService {
  private readonly server = new FastMCP({ name: "notes", version: "2.0.0" });

  async run(port: number): Promise<void> {
    await this.server.start({
      transportType: "httpStream",
      httpStream: { port, endpoint: "/mcp", stateless: true },
    });
  }
}
