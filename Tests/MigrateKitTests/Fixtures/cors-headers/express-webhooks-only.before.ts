// expect: not-applicable, not-applicable
import express from "express";
import cors from "cors";

// An app that only receives webhooks: nothing here serves MCP, so its CORS is not migrate's business.
const app = express();
app.use(cors({ origin: "https://dashboard.example.com", allowedHeaders: ["Content-Type"] }));
app.post("/hooks/github", (req, res) => {
  res.setHeader("Access-Control-Allow-Headers", "Content-Type, X-Hub-Signature");
  res.sendStatus(204);
});
app.listen(3000);
