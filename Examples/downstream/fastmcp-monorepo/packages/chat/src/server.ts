import { FastMCP } from "fastmcp";

const chat = new FastMCP({ name: "chat", version: "2.1.0" });

chat.addTool({ name: "reply", description: "Replies", execute: async () => "hi" });

chat.start({
    transportType: "httpStream",
    httpStream: {
        port: 8082
    }
});
