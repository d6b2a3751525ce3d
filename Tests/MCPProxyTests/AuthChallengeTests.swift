import MCPProxy
import Testing

@Suite struct AuthChallengeTests {
    @Test func bearerWithQuotedAndTokenParameters() throws {
        let challenges = try AuthChallenge.parse(
            #"Bearer realm="mcp", error=invalid_token, error_description="the token \"x\" expired", resource_metadata="https://h/.well-known/oauth-protected-resource/mcp""#)
        #expect(challenges.count == 1)
        let bearer = try #require(challenges.first)
        #expect(bearer.isBearer)
        #expect(bearer.parameter("REALM") == "mcp")
        #expect(bearer.parameter("error") == "invalid_token")
        #expect(bearer.parameter("error_description") == #"the token "x" expired"#)
        #expect(bearer.parameter("resource_metadata") == "https://h/.well-known/oauth-protected-resource/mcp")
    }

    @Test func severalChallengesAndToken68() throws {
        let challenges = try AuthChallenge.parse(#"Basic realm="a", Bearer, Negotiate abc+/def==, Bearer scope="x y""#)
        #expect(challenges.map(\.scheme) == ["Basic", "Bearer", "Negotiate", "Bearer"])
        #expect(challenges[0].parameter("realm") == "a")
        #expect(challenges[1].parameters.isEmpty && challenges[1].token68 == nil)
        #expect(challenges[2].token68 == "abc+/def==")
        #expect(challenges[3].parameter("scope") == "x y")
        #expect(try AuthChallenge.parse("Bearer realm").first?.token68 == "realm")
    }

    @Test func malformedValuesAreErrorsNotCrashes() {
        for value in ["", "   ", #"Bearer realm="open"#, "Bearer a=b c", "Bearer =x", "Bearer realm=\"\u{01}\""] {
            #expect(throws: AuthChallenge.ParseError.self, "\(value)") { try AuthChallenge.parse(value) }
        }
        #expect(throws: AuthChallenge.ParseError.self) { try AuthChallenge.parse("Bearer " + String(repeating: "a", count: 20_000)) }
    }
}
