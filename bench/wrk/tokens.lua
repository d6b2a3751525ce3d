-- POST a stateless tools/call (add), each request with the next bearer token from the file
-- $TOKENS_FILE (one per line); each wrk thread starts at its own place in the list.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do
    if line ~= "" then tokens[#tokens + 1] = line end
end
local counter = 0
local body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}'
init = function(args)
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
    counter = math.random(#tokens)
end
request = function()
    counter = counter % #tokens + 1
    return wrk.format("POST", "/mcp", {
        ["Content-Type"] = "application/json",
        ["Accept"] = "application/json, text/event-stream",
        ["Authorization"] = "Bearer " .. tokens[counter],
    }, body)
end
