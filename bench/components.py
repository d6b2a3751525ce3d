"""Where a server's CPU goes per request: `perf script` samples attributed to request-path components.

usage: components.py PERF_SCRIPT_OUTPUT CPU_US_PER_REQUEST

Each sample is given to the innermost frame (nearest the leaf) that belongs to a component, so the
components do not overlap and add up to 100%: a sample in the JSON parser called from the endpoint
counts for the parser, one in `swift_retain` called straight from the endpoint counts for the
endpoint. The connection defences are NIO handlers that pass reads and writes on, so only samples
in their own frames (no channel-pipeline frame between them and the leaf) count for them. What no
component claims is the HTTP stack, the kernel and the Swift runtime work around the request —
the part the bare route pays as well. Prints a markdown table: share of samples, and that share
of the measured CPU time per request.
"""

import collections
import re
import subprocess
import sys

COMPONENTS = [
    ("request body → `JSONValue`", ["JSONParser"]),
    ("JSON-RPC classification, era", ["JSONRPCMessage.classify", "MCPEndpoint.era(", "JSONRPCRequest.meta"]),
    ("token check (bearer, cache lookup, claims, request head)",
     ["JWTVerifier", "BearerAuthorization", "VerifiedTokenCache", "MCPEndpoint.authenticate", "ClientAddressing",
      "RequestHead", "ConnectionFacts.text", "BoundResource", "ChallengeBuilder"]),
    ("`Host` and `Origin` policy, CORS", ["HostPolicy", "OriginPolicy", "CORSDecorator", "LoopbackHost"]),
    ("`Accept` / `Content-Type`", ["MediaTypes"]),
    ("header lookups", ["HTTPFields.value("]),
    ("argument schema check", ["SchemaValidator", "CompiledSchema"]),
    ("argument decoding (Codable from `JSONValue`)",
     ["ArgumentDecoder", "JSONValueDecoder", "ValueDecoder", "KeyedContainer", "decodeArguments"]),
    ("structured output (Codable to `JSONValue`)", ["JSONValueEncoder"]),
    ("the tool and the facade's dispatch", ["FastMCPServer", "FastMCPEngine", "ToolCall", "ToolResult", "NativeMCPServer"]),
    ("reply serialisation", ["JSONWriter", "JSONRPCEncoding"]),
    ("reply assembly (`Response`, headers)", ["ResponseFactory"]),
    ("handler run (own task, deadline, in-flight registry)",
     ["DeadlineRunner", "DeadlineWheel", "ResumeOnce", "CancelSlot", "Once.claim", "InFlightRequests", "LazyEventStream",
      "MCPEndpoint.invoke", "MCPEndpoint.outcome", "MCPEndpoint.jsonResponse"]),
    ("MCP endpoint (order of checks, gates, dispatch)", ["MCPEndpoint", "ConcurrencyGate", "MCPRequestContext"]),
    ("responder (request id, metrics, routing)", ["MCPResponder", "ServerMetrics", "RequestIDs", "HealthRoutes"]),
    ("request context", ["ProxyRequestContext", "ConnectionFacts"]),
    ("logger metadata", ["DeferredMetadataLogHandler"]),
]
HANDLERS = ("connection defences (header timeout, body pacing)", ["BodyPacingHandler", "HeaderTimeoutHandler"])
REST = "HTTP stack, kernel, Swift runtime (outside these)"


def read_samples(path):
    """Stacks of symbol names, leaf first."""
    samples, stack = [], None
    with open(path, errors="replace") as text:
        for line in text:
            if not line.strip():
                if stack is not None:
                    samples.append(stack)
                stack = None
            elif not line[0].isspace():
                stack = []
            elif stack is not None:
                parts = line.strip().split(" ", 1)
                if len(parts) == 2:
                    stack.append(re.sub(r"(\+0x[0-9a-f]+)? \(.*\)$", "", parts[1]))
    if stack:
        samples.append(stack)
    return samples


def demangled(samples):
    names = sorted({name for stack in samples for name in stack})
    result = subprocess.run(["swift-demangle", "--simplified", "--compact"], input="\n".join(names),
                            capture_output=True, text=True, check=True).stdout.split("\n")
    return dict(zip(names, result))


def matcher(patterns):
    """Matches a name containing one of `patterns` as a whole word: `RequestHead`, not NIO's `HTTPRequestHead`."""
    return re.compile("|".join(r"(?<![A-Za-z0-9_])" + re.escape(pattern) for pattern in patterns))


MATCHERS = [(label, matcher(patterns)) for label, patterns in COMPONENTS]
HANDLER_MATCHER = matcher(HANDLERS[1])


def component(stack):
    for depth, name in enumerate(stack):
        for label, pattern in MATCHERS:
            if pattern.search(name):
                return label
        if HANDLER_MATCHER.search(name) and not any(
                "ChannelHandlerContext" in inner or "ChannelPipeline" in inner for inner in stack[:depth]):
            return HANDLERS[0]
    return REST


def main():
    path, cpu_us = sys.argv[1], float(sys.argv[2])
    samples = read_samples(path)
    if not samples:
        sys.exit(f"components.py: no samples in {path} (did perf record the server?)")
    names = demangled(samples)
    counts = collections.Counter(component([names[name] for name in stack]) for stack in samples)
    total = len(samples)
    print(f"{total} samples, {cpu_us:.1f} µs of CPU per request\n")
    print("| component | share of samples | µs per request |")
    print("|---|---|---|")
    for label, count in sorted(counts.items(), key=lambda item: (item[0] == REST, -item[1])):
        print(f"| {label} | {100 * count / total:.1f}% | {cpu_us * count / total:.1f} |")


if __name__ == "__main__":
    main()
