import Testing

@testable import MCPProxy

/// `Accept` and `Content-Type` as RFC 9110 reads them: ranges split on commas, parameters
/// dropped, spaces and tabs trimmed, case ignored.
@Suite struct MediaTypesTests {
    @Test(arguments: [
        (nil, true, false), ("", true, false), (" \t", true, false),
        ("application/json", true, false), ("text/event-stream", true, true), ("application/json, text/event-stream", true, true),
        ("*/*", true, false), ("application/*;q=0.5", true, false), ("TEXT/EVENT-STREAM ; q=1", true, true),
        ("text/*", true, true), ("\ttext/html,\tapplication/json\t", true, false), ("text/html", false, false),
        ("application/jsonx", false, false), ("text/event-streams", false, false), ("json", false, false),
        ("text/html;x=application/json", false, false), (",,text/event-stream,,", true, true), ("text/ event-stream", false, false),
    ] as [(String?, Bool, Bool)])
    func accept(value: String?, postReply: Bool, eventStream: Bool) {
        #expect(MediaTypes.acceptsPostReply(value) == postReply)
        #expect(MediaTypes.acceptsEventStream(value) == eventStream)
    }

    @Test(arguments: [
        (nil, false), ("application/json", true), ("Application/JSON; charset=utf-8", true), (" application/json ;x", true),
        ("application/json-patch+json", false), ("text/json", false), ("", false), ("application/jso", false),
    ] as [(String?, Bool)])
    func contentType(value: String?, json: Bool) {
        #expect(MediaTypes.isJSON(value) == json)
    }
}
