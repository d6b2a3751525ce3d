import ArgumentParser
import Foundation

/// The HS256 shared secret, for verifying (`serve`) and for minting (`dev-token`).
public struct HS256SecretOptions: ParsableArguments {
    /// The defaults; ArgumentParser fills in the flags.
    public init() {}

    /// `--jwt-hs256-secret`: an HS256 shared secret (development).
    @Option(name: .customLong("jwt-hs256-secret"), help: "HS256 shared secret (development; visible to other users: prefer the file or MCP_JWT_HS256_SECRET).")
    public var hs256Secret: String?

    /// `--jwt-hs256-secret-file`: a file holding the HS256 secret.
    @Option(name: .customLong("jwt-hs256-secret-file"), help: "File holding the HS256 shared secret.")
    public var hs256SecretFile: String?

    /// The secret from the flag, the file, or MCP_JWT_HS256_SECRET (in that order).
    public func secret() throws -> [UInt8]? {
        if let hs256Secret { return Array(hs256Secret.utf8) }
        if let hs256SecretFile {
            guard let contents = FileManager.default.contents(atPath: hs256SecretFile) else {
                throw ValidationError("cannot read --jwt-hs256-secret-file \(hs256SecretFile)")
            }
            var bytes = Array(contents)
            while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
            return bytes
        }
        if let fromEnvironment = ProcessInfo.processInfo.environment["MCP_JWT_HS256_SECRET"], !fromEnvironment.isEmpty {
            return Array(fromEnvironment.utf8)
        }
        return nil
    }
}
