-- POST tools/call on sessions opened before the run ($SESSIONS, comma-separated), rotated per request.
local sessions = {}
for id in string.gmatch(os.getenv("SESSIONS") or "", "[^,]+") do table.insert(sessions, id) end
local token = os.getenv("TOKEN")
local counter = 0
local body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}'
request = function()
    counter = counter + 1
    local headers = {
        ["Content-Type"] = "application/json",
        ["Accept"] = "application/json, text/event-stream",
        ["Authorization"] = "Bearer " .. token,
        ["MCP-Protocol-Version"] = "2025-06-18",
        ["Mcp-Session-Id"] = sessions[(counter % #sessions) + 1],
    }
    return wrk.format("POST", "/mcp", headers, body)
end
