import Foundation
import Synchronization
@testable import MCPProxy
import TestSupport

enum JWTVerifierProbe {
    static func scopes(_ claims: [String: JSONValue]) -> Set<String> { JWTVerifier.scopes(claims) }
}

enum JWKSProviderProbe {
    static func parse(_ bytes: [UInt8]) throws -> ([VerificationKey], [String]) { try JWKSProvider.parse(bytes) }
    static func maxAge(_ cacheControl: String?) -> Duration? { JWKSProvider.maxAge(cacheControl) }
}

enum MetricsProbe {
    static func route(_ path: String) -> String { ServerMetrics.route(for: path, endpoint: "/mcp") }
}

enum ProtectedResourceMetadataProbe {
    static func url(_ resource: String) -> String? { ProtectedResourceMetadata.metadataURL(forResource: resource) }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let time: Mutex<Date>
    init(_ start: Date) { time = Mutex(start) }
    var current: Date { time.withLock { $0 } }
    var now: @Sendable () -> Date { { self.current } }
    func advance(by seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

enum HostPolicyProbe {
    static func enforced(host: String, allowed: [String]) -> Bool {
        HostPolicy(configuration: MCPProxyConfiguration(host: host, authentication: .disabled(allowRemote: true), allowedHosts: allowed)).enforced
    }
}
