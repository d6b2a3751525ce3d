// expect: review
import Foundation
import MCPProxy

let statelessMode = ProcessInfo.processInfo.environment["STATELESS"] == "1"
let configuration = MCPProxyConfiguration(stateless: statelessMode, authentication: .jwt(verifier))
try await MCPProxyServer(configuration: configuration, handler: handler).runUntilSignalled()
