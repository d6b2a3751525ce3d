import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Fetches and caches a JWKS. Verification only ever reads an immutable
/// ``KeySet`` snapshot; fetching happens beside it.
///
/// - The document is cached for its `Cache-Control: max-age` (default 10 minutes)
///   and refreshed in the background when stale; the last good keys stay in use
///   while the endpoint is down.
/// - A token with an unknown `kid` triggers at most one refresh per 30 seconds.
/// - Keys are parsed one by one: an unsupported key is skipped (and logged), it
///   never makes the whole set fail.
/// - Until the first successful fetch, ``keys`` is `nil` (the verifier answers 503
///   with `Retry-After`); fetching is retried in the background with backoff.
public final class JWKSProvider: Sendable {
    public let url: String
    let defaultMaxAge: Duration
    let unknownKeyInterval: Duration
    let client: HTTPClient
    let logger: Logger

    private struct State {
        var keys: KeySet?
        var expires: ContinuousClock.Instant = .now
        var lastUnknownKeyRefresh: ContinuousClock.Instant?
        var inFlight: Task<Bool, Never>?
        var generation = 0
        var retryTask: Task<Void, Never>?
    }

    private let state = Mutex(State())

    /// Why a JWKS URL was refused.
    public struct InvalidURL: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - url: the JWKS URL: `https`, or `http` on a loopback host only.
    public init(
        url: String, defaultMaxAge: Duration = .seconds(600), unknownKeyInterval: Duration = .seconds(30),
        client: HTTPClient = .shared, logger: Logger = Logger(label: "mcp-proxy.jwks")
    ) throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host else {
            throw InvalidURL(description: "not an absolute URL: \(url)")
        }
        let loopback = host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw InvalidURL(description: "the JWKS URL must use https (http is allowed on loopback only): \(url)")
        }
        self.url = url
        self.defaultMaxAge = defaultMaxAge
        self.unknownKeyInterval = unknownKeyInterval
        self.client = client
        self.logger = logger
    }

    deinit {
        state.withLock { $0.retryTask?.cancel() }
    }

    /// The current keys, or `nil` if none was ever fetched. Starts a background refresh when stale.
    public var keys: KeySet? {
        let (keys, stale) = state.withLock { ($0.keys, $0.expires <= .now) }
        if stale { startRefresh() }
        return keys
    }

    /// Fetches now (coalesced with a fetch already under way); `true` when keys were loaded.
    @discardableResult
    public func refresh() async -> Bool {
        await startRefresh().value
    }

    /// After an unknown `kid`: refreshes unless that happened less than 30 s ago.
    /// Returns the keys to retry with, or `nil` when no refresh was allowed.
    func refreshForUnknownKey() async -> KeySet? {
        let allowed = state.withLock { state -> Bool in
            if let last = state.lastUnknownKeyRefresh, ContinuousClock.now - last < unknownKeyInterval { return false }
            state.lastUnknownKeyRefresh = .now
            return true
        }
        guard allowed else { return nil }
        await refresh()
        return state.withLock { $0.keys }
    }

    /// Keeps retrying (1 s, doubling to 30 s) until keys were loaded once.
    public func startRetryingUntilLoaded() {
        let task = Task { [weak self] in
            var delay = Duration.seconds(1)
            while !Task.isCancelled {
                guard let self else { return }
                if self.state.withLock({ $0.keys != nil }) { return }
                if await self.refresh() { return }
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
        state.withLock { $0.retryTask = task }
    }

    @discardableResult
    private func startRefresh() -> Task<Bool, Never> {
        state.withLock { state in
            if let inFlight = state.inFlight { return inFlight }
            let task = Task { await self.fetch() }
            state.inFlight = task
            return task
        }
    }

    private func fetch() async -> Bool {
        defer { state.withLock { $0.inFlight = nil } }
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await client.execute(request, timeout: .seconds(10))
            guard response.status == .ok else { throw FetchError(description: "HTTP \(response.status.code)") }
            let body = try await response.body.collect(upTo: 1024 * 1024)
            let (keys, skipped) = try Self.parse(Array(body.readableBytesView))
            for reason in skipped { logger.warning("JWKS key skipped: \(reason)") }
            let maxAge = Self.maxAge(response.headers.first(name: "Cache-Control")) ?? defaultMaxAge
            state.withLock { state in
                state.generation += 1
                state.keys = KeySet(keys, generation: state.generation)
                state.expires = .now + maxAge
            }
            logger.debug("JWKS loaded: \(keys.count) keys from \(url)")
            return true
        } catch {
            // Keep the last good keys; try again after a short pause rather than on every request.
            state.withLock { $0.expires = .now + .seconds(5) }
            logger.warning("JWKS fetch from \(url) failed: \(error)")
            return false
        }
    }

    struct FetchError: Error, CustomStringConvertible {
        var description: String
    }

    /// The usable keys of a JWKS document and the reasons others were skipped.
    static func parse(_ bytes: [UInt8]) throws -> ([VerificationKey], [String]) {
        guard case .array(let entries)? = try JSONParser.parse(bytes)["keys"] else {
            throw FetchError(description: "the document has no \"keys\" array")
        }
        var keys: [VerificationKey] = []
        var skipped: [String] = []
        for entry in entries {
            guard case .object(let jwk) = entry else {
                skipped.append("an entry is not an object")
                continue
            }
            do {
                keys.append(try VerificationKey.jwk(jwk))
            } catch {
                skipped.append("\(error)")
            }
        }
        return (keys, skipped)
    }

    /// `max-age` from a `Cache-Control` value (`no-store`/`no-cache` → 0).
    static func maxAge(_ cacheControl: String?) -> Duration? {
        guard let cacheControl else { return nil }
        for directive in cacheControl.lowercased().split(separator: ",") {
            let trimmed = directive.trimmingCharacters(in: .whitespaces)
            if trimmed == "no-store" || trimmed == "no-cache" { return .zero }
            if trimmed.hasPrefix("max-age="), let seconds = Int(trimmed.dropFirst("max-age=".count)), seconds >= 0 {
                return .seconds(seconds)
            }
        }
        return nil
    }
}
