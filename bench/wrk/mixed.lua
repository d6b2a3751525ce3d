-- The soak mix, rotated per request: a 2025-era call with a valid token, a 2026-07-28 call with a
-- valid token, an invalid (tampered) token, an expired token. Valid → 200, the others → 401.
-- Statuses are counted per thread and summed in done(); anything else is unexpected.
local valid, invalid, expired = os.getenv("TOKEN"), os.getenv("INVALID_TOKEN"), os.getenv("EXPIRED_TOKEN")
local legacy = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"legacy"}}}'
local modern = '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"modern"},'
    .. '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}'
local threads = {}

setup = function(thread) table.insert(threads, thread) end

init = function()
    counter, sent_ok, sent_refused = 0, 0, 0
    got = {}
end

local function headers(token, era)
    local h = { ["Content-Type"] = "application/json", ["Accept"] = "application/json, text/event-stream",
                ["Authorization"] = "Bearer " .. token }
    if era == "modern" then
        h["MCP-Protocol-Version"] = "2026-07-28"; h["Mcp-Method"] = "tools/call"; h["Mcp-Name"] = "echo"
    else
        h["MCP-Protocol-Version"] = "2025-06-18"
    end
    return h
end

request = function()
    counter = counter + 1
    local kind = counter % 4
    if kind == 0 then sent_ok = sent_ok + 1; return wrk.format("POST", "/mcp", headers(valid, "legacy"), legacy) end
    if kind == 1 then sent_ok = sent_ok + 1; return wrk.format("POST", "/mcp", headers(valid, "modern"), modern) end
    sent_refused = sent_refused + 1
    return wrk.format("POST", "/mcp", headers(kind == 2 and invalid or expired, "legacy"), legacy)
end

response = function(status, headers, body)
    got[status] = (got[status] or 0) + 1
end

done = function(summary, latency, requests)
    local ok, refused, statuses, unexpected = 0, 0, {}, 0
    for _, thread in ipairs(threads) do
        ok = ok + thread:get("sent_ok"); refused = refused + thread:get("sent_refused")
        for status, count in pairs(thread:get("got")) do statuses[status] = (statuses[status] or 0) + count end
    end
    for status, count in pairs(statuses) do
        if status ~= 200 and status ~= 401 then unexpected = unexpected + count end
        io.write(string.format("status %d: %d\n", status, count))
    end
    io.write(string.format("sent valid: %d, sent invalid/expired: %d, unexpected statuses: %d\n", ok, refused, unexpected))
    io.write(string.format("p50 %.2f ms, p99 %.2f ms, socket errors: %d\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
