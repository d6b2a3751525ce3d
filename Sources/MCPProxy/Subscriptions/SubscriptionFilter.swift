/// What a `subscriptions/listen` stream asked for, or what the server honours.
struct SubscriptionFilter: Sendable, Hashable {
    var toolsListChanged = false
    var promptsListChanged = false
    var resourcesListChanged = false
    var resourceSubscriptions: Set<String> = []

    /// The filter in `params.notifications`.
    init(requested: JSONValue?) {
        toolsListChanged = requested?["toolsListChanged"] == .bool(true)
        promptsListChanged = requested?["promptsListChanged"] == .bool(true)
        resourcesListChanged = requested?["resourcesListChanged"] == .bool(true)
        resourceSubscriptions = Set(requested?["resourceSubscriptions"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    init() {}

    /// The subset a server with `description` honours (features it does not offer are dropped).
    func honoured(by description: ServerDescription) -> SubscriptionFilter {
        var result = SubscriptionFilter()
        result.toolsListChanged = toolsListChanged && description.offers("tools")
        result.promptsListChanged = promptsListChanged && description.offers("prompts")
        result.resourcesListChanged = resourcesListChanged && description.offers("resources")
        result.resourceSubscriptions = description.offers("resources") ? resourceSubscriptions : []
        return result
    }

    /// The JSON form, naming only what is honoured.
    var json: JSONValue {
        var members: [String: JSONValue] = [:]
        if toolsListChanged { members["toolsListChanged"] = true }
        if promptsListChanged { members["promptsListChanged"] = true }
        if resourcesListChanged { members["resourcesListChanged"] = true }
        if !resourceSubscriptions.isEmpty { members["resourceSubscriptions"] = .array(resourceSubscriptions.sorted().map(JSONValue.string)) }
        return .object(members)
    }

    /// Whether `change` should reach a stream with this filter.
    func wants(_ change: ChangeNotifier.Change) -> Bool {
        switch change {
        case .toolsListChanged: return toolsListChanged
        case .promptsListChanged: return promptsListChanged
        case .resourcesListChanged: return resourcesListChanged
        case .resourceUpdated(let uri): return resourceSubscriptions.contains(uri)
        }
    }
}
