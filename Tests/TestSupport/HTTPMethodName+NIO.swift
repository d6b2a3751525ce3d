/// HTTP methods by name, mapped to AsyncHTTPClient's type.
package enum HTTPMethodName {
    case GET, DELETE, POST, PUT
}

import NIOHTTP1

extension HTTPMethodName {
    package var nio: HTTPMethod {
        switch self {
        case .GET: return .GET
        case .DELETE: return .DELETE
        case .POST: return .POST
        case .PUT: return .PUT
        }
    }
}
