import Foundation
import NIOCore

extension MCPProxyServer {
    /// Why the server refused to start, in one line that names the setting to change.
    public struct StartupRefusal: Error, CustomStringConvertible, Sendable {
        /// What kind of refusal.
        public enum Kind: Sendable, Hashable {
            /// A configuration the fail-closed rules forbid.
            case configuration
            /// The address and port are held by another socket.
            case addressInUse
        }

        /// What was refused and which setting changes it.
        public var description: String
        /// What kind of refusal this is.
        public var kind: Kind = .configuration

        /// The refusal for a listener that could not bind `host:port` because it is taken.
        public static func addressInUse(host: String, port: Int) -> StartupRefusal {
            let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            return StartupRefusal(
                description: "cannot listen on \(shown):\(port): the address is already in use; stop what holds it or choose another port (--port)",
                kind: .addressInUse)
        }

        /// The refusal `error` means when binding `host:port` (`nil` when it is not a taken address).
        public init?(bindError error: any Error, host: String, port: Int) {
            guard let io = error as? IOError, io.errnoCode == EADDRINUSE else { return nil }
            self = .addressInUse(host: host, port: port)
        }

        init(description: String, kind: Kind = .configuration) {
            self.description = description
            self.kind = kind
        }
    }
}
