import Foundation
import MCPCore

/// The page the browser loads: a plan of `fetch` steps as JSON, and a short script that runs
/// them in order, in each credentials mode, and POSTs what it saw to its own origin. No
/// WebDriver or DevTools client is involved: the page reports back by itself.
struct ProbePage: Sendable {
    /// The steps, in order.
    var steps: [BrowserStep]
    /// The response headers the page reads with `Headers.get` after each step.
    var read: [String]
    /// How long one `fetch` may take before the page aborts it.
    var timeoutMilliseconds: Int
    /// The path the report is POSTed to, on the page's own origin.
    var reportPath: String
    /// The page to go to once the report is sent (another origin's page), if any.
    var next: String?

    /// The plan as the page reads it.
    var plan: JSONValue {
        var members: [String: JSONValue] = [
            "steps": .array(steps.map(\.json)), "read": .array(read.map(JSONValue.string)), "timeoutMs": .int(timeoutMilliseconds),
            "report": .string(reportPath),
        ]
        if let next { members["next"] = .string(next) }
        return .object(members)
    }

    /// The whole HTML document. The plan sits in a JSON script element with every `<` escaped,
    /// so no value in it (a token, a URL) can end the element.
    var html: String {
        let planText = JSONWriter.string(plan).replacingOccurrences(of: "<", with: "\\u003c")
        return """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>mcp-acceptance browser probe</title></head><body>
            <script id="plan" type="application/json">\(planText)</script>
            <script>
            \(Self.script)
            </script>
            </body></html>

            """
    }

    /// Runs the plan; never throws past its own `catch`, so a report is always sent.
    static let script = """
        (async () => {
          let plan = null;
          const report = { observations: [], userAgent: navigator.userAgent, secureContext: window.isSecureContext };
          try {
            plan = JSON.parse(document.getElementById("plan").textContent);
            for (const step of plan.steps) {
              for (const credentials of step.modes) {
                const seen = { label: step.label, credentials };
                const abort = new AbortController();
                const timer = setTimeout(() => abort.abort(), plan.timeoutMs);
                try {
                  const response = await fetch(step.url, {
                    method: step.method, headers: step.headers, body: step.body, credentials,
                    mode: "cors", cache: "no-store", redirect: "manual", signal: abort.signal,
                  });
                  seen.status = response.status;
                  seen.headers = {};
                  for (const name of plan.read) seen.headers[name] = response.headers.get(name);
                  seen.body = (await response.text()).slice(0, 2000);
                } catch (error) {
                  seen.error = error && error.name ? error.name + ": " + error.message : String(error);
                } finally {
                  clearTimeout(timer);
                }
                report.observations.push(seen);
              }
            }
          } catch (error) {
            report.fatal = String(error);
          }
          await fetch(plan ? plan.report : "/report", {
            method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(report),
          });
          if (plan && plan.next) location.href = plan.next;
        })();
        """
}
