import FastMCPMacros

/// A note, as the tools take and return it; `@Schema` turns these doc comments into the JSON
/// Schema's descriptions and `@Field` adds the constraints.
@Schema public struct Note: Codable, Sendable, Equatable {
    /// The note's title.
    @Field(minLength: 1, maxLength: 80) public var title: String
    /// What the note says.
    public var body: String
    /// How urgent it is.
    public var priority: Priority

    /// A note.
    public init(title: String, body: String, priority: Priority) {
        self.title = title
        self.body = body
        self.priority = priority
    }
}

/// How urgent a note is; `@Schema` describes each case from its doc comment.
@Schema public enum Priority: String, Codable, Sendable, CaseIterable {
    /// Whenever there is time.
    case low
    /// This week.
    case normal
    /// Today.
    case high
}
