// expect: review
import { FastMCP } from "fastmcp";

// Created here, started through a path migrate cannot follow: a review, never silence.
export const server = new FastMCP({ name: "unstarted", version: "1.0.0" });
(globalThis as any).registry.register(server);
