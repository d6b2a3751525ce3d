// expect: review
import express from "express";
import cors from "cors";
import { mcpRouter } from "./mcp-router-elsewhere";

// The MCP route comes from a module that is not in the repository: migrate cannot tell whether
// this app serves MCP, so it says so instead of editing (or ignoring) its CORS.
const app = express();
app.use(cors({ origin: "https://app.example.com", allowedHeaders: ["Content-Type"] }));
app.use("/mcp", mcpRouter);
