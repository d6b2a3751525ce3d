import NIOHTTP1

extension HTTPMethodName {
    var nio: HTTPMethod {
        switch self {
        case .GET: return .GET
        case .DELETE: return .DELETE
        case .POST: return .POST
        case .PUT: return .PUT
        }
    }
}
