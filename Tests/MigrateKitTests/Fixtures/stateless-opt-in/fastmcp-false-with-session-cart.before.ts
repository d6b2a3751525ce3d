// expect: review
import { FastMCP } from "fastmcp";

// The cart lives on the session: stateful on purpose. Flipping `stateless` would empty it on
// every request, so migrate asks for the state to move first.
const server = new FastMCP<{ subject: string; cart?: string[] }>({ name: "shop", version: "1.0.0" });
server.addTool({
  name: "add_to_cart",
  execute: async ({ item }, { session }) => {
    session.cart ??= [];
    session.cart.push(item);
    return `${session.cart.length} items`;
  },
});
server.start({ transportType: "httpStream", httpStream: { port: 8080, stateless: false } });
