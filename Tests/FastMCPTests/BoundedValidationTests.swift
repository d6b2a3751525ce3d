import FastMCP
import MCPProxy
import MCPTesting
import Testing

@testable import FastMCP

/// Checking arguments is bounded work: `uniqueItems` in linear time, a budget past which a call
/// is refused with -32602, cancellation that stops the check, and replies that list 20 problems
/// and count the rest instead of growing with the input.
@Suite struct BoundedValidationTests {
    struct Numbers: Decodable, Sendable { var values: [Int] }

    static let uniqueSchema: JSONValue = [
        "type": "object", "properties": ["ids": ["type": "array", "uniqueItems": true]], "required": ["ids"],
    ]

    func server() async throws -> MCPTestClient {
        let server = FastMCPServer(name: "bounded", version: "1")
        server.tool("sum", description: "Adds the values") { (arguments: Numbers, _) in
            String(arguments.values.reduce(0, &+))
        }
        return try await server.testClient(principal: nil, era: .modern2026)
    }

    @Test func uniqueItemsOver100kItemsIsLinear() throws {
        let validator = try SchemaValidator(schema: Self.uniqueSchema)
        let distinct: [JSONValue] = (0..<100_000).map { .string("id-\($0)") }
        let clean = validator.check(["ids": .array(distinct)])
        #expect(clean.isEmpty && !clean.exhausted)
        // Pairwise comparison needed 5·10⁹ comparisons here; the work counted is linear.
        #expect(clean.work < 400_000, "\(clean.work) units")
        let repeated = validator.check(["ids": .array(distinct + [.string("id-99998")])])
        #expect(repeated.problems.map(\.description) == ["/ids: must not repeat items (item 100000 repeats an earlier one)"])
    }

    @Test func uniqueItemsComparesAsJSONSchemaDoes() throws {
        let validator = try SchemaValidator(schema: Self.uniqueSchema)
        #expect(!validator.check(["ids": [1, 1.0]]).isEmpty, "1 and 1.0 are the same number")
        #expect(!validator.check(["ids": [["a": 1, "b": [true]], ["b": [true], "a": 1.0]]]).isEmpty, "member order does not matter")
        #expect(validator.check(["ids": [1, "1", [1], ["1": 1], nil, false, 1.5]]).isEmpty)
    }

    @Test func aCheckPastItsBudgetStops() throws {
        let validator = try SchemaValidator(schema: ["type": "array", "items": ["type": "integer"]])
        let value = JSONValue.array((0..<10_000).map { .int($0) })
        let bounded = validator.check(value, budget: 5_000)
        #expect(bounded.exhausted && !bounded.cancelled)
        #expect(bounded.work <= 5_001)
        #expect(!validator.check(value, budget: 20_000).exhausted)
    }

    @Test func aCancelledCallerStopsTheCheck() async throws {
        let validator = try SchemaValidator(schema: ["type": "array", "items": ["type": "integer"]])
        let value = JSONValue.array((0..<100_000).map { .int($0) })
        let check = await withTaskGroup(of: SchemaCheck.self) { group in
            group.cancelAll()
            group.addTask { validator.check(value) }
            return await group.next()!
        }
        #expect(check.exhausted && check.cancelled)
        #expect(check.work < 10_000, "stopped at the first look at cancellation, after \(check.work) units")
    }

    @Test func aMillionWrongItemsListTwentyAndCountTheRest() async throws {
        let client = try await server()
        let values = JSONValue.array(Array(repeating: .string("x"), count: 1_000_000))
        let result = try await client.callTool("sum", arguments: ["values": values])
        #expect(result.isError)
        let text = result.content.first?["text"]?.stringValue ?? ""
        let lines = text.split(separator: "\n")
        #expect(lines.count == 22)
        #expect(lines.first == "Invalid arguments for tool 'sum':")
        #expect(lines[1] == "/values/0: must be an integer (got \"x\")")
        #expect(lines[20] == "/values/19: must be an integer (got \"x\")")
        #expect(lines.last == "… and 999980 more")
    }

    @Test func argumentsPastTheBudgetAreRefusedWithInvalidParams() async throws {
        let client = try await server()
        let values = JSONValue.array((0..<(SchemaCheck.defaultBudget + 10)).map { .int($0 & 0xFF) })
        do {
            _ = try await client.callTool("sum", arguments: ["values": values])
            Issue.record("a call past the budget was answered")
        } catch MCPTestError.rpc(let code, let message, _, _) {
            #expect(code == -32602)
            #expect(message == "Invalid params: arguments too complex to check")
        }
        // An ordinary call on the same server is unaffected.
        #expect(try await client.callTool("sum", arguments: ["values": [1, 2, 3]]).content.first?["text"] == "6")
    }
}
