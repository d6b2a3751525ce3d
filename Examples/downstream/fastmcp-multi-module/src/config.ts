// Where the HTTP transport listens.
export const httpOptions = {
  port: Number(process.env.PORT ?? 8080),
  endpoint: "/mcp" as const,
};
