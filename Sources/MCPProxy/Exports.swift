// The wire types (JSON, JSON-RPC, protocol versions, Authorization parsing) live in the
// dependency-free MCPCore target so fuzzers can build them quickly; MCPProxy users see them too.
@_exported import MCPCore
