// expect: apply
import { FastMCP } from "fastmcp";

class App {
  server: FastMCP;
  constructor() {
    this.server = new FastMCP({ name: "app", version: "1.0.0" });
  }
  start() {
    return this.server.start({ transportType: "httpStream", httpStream: { port: 3000, stateless: true } });
  }
}
new App().start();
