import AsyncHTTPClient
import Foundation
import Logging
import MCPCore
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
///   While that refresh fails, such tokens get 503 with `Retry-After`; once a
///   successfully fetched set provably lacks the `kid`, 401.
/// - Every fetch has one deadline (``fetchTimeout``, 5 s by default) covering the
///   connection and the whole body; a stalled fetch is abandoned, never waited on
///   again, and failures are retried with backoff (1 s doubling to 30 s).
/// - Redirects are followed only within the same origin (scheme, host, port), at most 5.
/// - Keys are parsed one by one: an unsupported key is skipped (and logged), it
///   never makes the whole set fail.
/// - Until the first successful fetch, ``keys`` is `nil` (the verifier answers 503
///   with `Retry-After`); fetching is retried in the background with backoff.
public final class JWKSProvider: Sendable {
    /// The JWKS URL.
    public let url: String
    let defaultMaxAge: Duration
    let unknownKeyInterval: Duration
    /// The deadline of one fetch: connection, redirects, head and body.
    public let fetchTimeout: Duration
    let client: HTTPClient
    let logger: Logger
    /// The time every cache and interval decision reads (tests move it; fetch deadlines and
    /// retry pauses are real sleeps).
    let clock: @Sendable () -> ContinuousClock.Instant

    private struct State {
        var keys: KeySet?
        var expires: ContinuousClock.Instant = .now
        var lastUnknownKeyRefresh: ContinuousClock.Instant?
        /// Whether the latest fetch (of any kind) succeeded.
        var lastFetchSucceeded = false
        var failures = 0
        var inFlight: Task<Bool, Never>?
        var generation = 0
        var retryTask: Task<Void, Never>?
    }

    /// What a refresh for an unknown `kid` came to.
    enum UnknownKeyRefresh {
        /// Keys from a successful fetch: a `kid` missing from them is unknown for sure.
        case keys(KeySet)
        /// The keys could not be fetched: the token can be neither accepted nor refused yet.
        case unavailable(retryAfter: Int)
    }

    /// A client that never follows redirects (the provider follows same-origin ones itself)
    /// and never retries a refused connection: a key server that is down is known at once,
    /// not after the fetch deadline.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    private let state = Mutex(State())

    /// Why a JWKS URL was refused.
    public struct InvalidURL: Error, CustomStringConvertible {
        /// What is wrong with the URL.
        public var description: String
    }

    /// A provider for the key set at `url`; nothing is fetched until a verifier starts it.
    ///
    /// - Parameters:
    ///   - url: the JWKS URL: `https`, or `http` on a loopback host only (127.0.0.0/8,
    ///     `::1` or `localhost`, parsed: `http://127.example.com/` is not loopback).
    ///   - defaultMaxAge: how long a fetched key set is used when the response names no `max-age`.
    ///   - unknownKeyInterval: the shortest time between two refetches caused by an unknown `kid`.
    ///   - fetchTimeout: one deadline for a whole fetch (connect, redirects, body).
    ///   - client: an HTTP client; the default follows no redirect by itself, so the
    ///     same-origin rule holds. A client that follows redirects bypasses that rule.
    ///   - logger: where fetch failures and key rotations are logged.
    public convenience init(
        url: String, defaultMaxAge: Duration = .seconds(600), unknownKeyInterval: Duration = .seconds(30),
        fetchTimeout: Duration = .seconds(5), client: HTTPClient? = nil, logger: Logger = Logger(label: "mcp-proxy.jwks")
    ) throws {
        try self.init(
            url: url, defaultMaxAge: defaultMaxAge, unknownKeyInterval: unknownKeyInterval, fetchTimeout: fetchTimeout, client: client,
            logger: logger, clock: { .now })
    }

    /// A provider reading time from `clock` (for tests).
    init(
        url: String, defaultMaxAge: Duration, unknownKeyInterval: Duration, fetchTimeout: Duration, client: HTTPClient?, logger: Logger,
        clock: @escaping @Sendable () -> ContinuousClock.Instant
    ) throws {
        guard let origin = Self.origin(of: url) else {
            throw InvalidURL(description: "not an absolute URL: \(url)")
        }
        guard origin.scheme == "https" || (origin.scheme == "http" && LoopbackHost.contains(origin.host)) else {
            throw InvalidURL(description: "the JWKS URL must use https (http is allowed on loopback only): \(url)")
        }
        self.url = url
        self.defaultMaxAge = defaultMaxAge
        self.unknownKeyInterval = unknownKeyInterval
        self.fetchTimeout = fetchTimeout
        self.client = client ?? Self.client
        self.logger = logger
        self.clock = clock
        state.withLock { $0.expires = clock() }
    }

    deinit {
        state.withLock { $0.retryTask?.cancel() }
    }

    /// The current keys, or `nil` if none was ever fetched. Starts a background refresh when stale.
    public var keys: KeySet? {
        let now = clock()
        let (keys, stale) = state.withLock { ($0.keys, $0.expires <= now) }
        if stale { startRefresh() }
        return keys
    }

    /// Fetches now; `true` when keys were loaded. A fetch already under way is joined,
    /// and if it fails (it may have started before the endpoint recovered), one more runs.
    @discardableResult
    public func refresh() async -> Bool {
        let joined = state.withLock { $0.inFlight }
        if let joined, await joined.value { return true }
        return await startRefresh().value
    }

    /// After an unknown `kid`: refreshes unless that happened less than
    /// ``unknownKeyInterval`` ago, or the last fetch failed and its backoff has not passed
    /// (the key server is known to be down: answered at once). Keys from a successful fetch
    /// settle the question; a failing endpoint leaves it open (503 with `Retry-After`), never
    /// a guess.
    func refreshForUnknownKey() async -> UnknownKeyRefresh {
        enum Step { case refresh, settled(KeySet), wait(Int) }
        let now = clock()
        let step = state.withLock { state -> Step in
            if !state.lastFetchSucceeded, state.failures > 0, state.expires > now {
                let remaining = state.expires - now
                return .wait(max(1, Int(remaining.components.seconds) + (remaining.components.attoseconds > 0 ? 1 : 0)))
            }
            if let last = state.lastUnknownKeyRefresh, now - last < unknownKeyInterval {
                if state.lastFetchSucceeded, let keys = state.keys { return .settled(keys) }
                let remaining = unknownKeyInterval - (now - last)
                return .wait(max(1, Int(remaining.components.seconds) + 1))
            }
            state.lastUnknownKeyRefresh = now
            return .refresh
        }
        switch step {
        case .settled(let keys): return .keys(keys)
        case .wait(let seconds): return .unavailable(retryAfter: seconds)
        case .refresh:
            // One fetch at most (joined if one is under way), so a request waits one deadline at most.
            let loaded = await startRefresh().value
            let keys = state.withLock { $0.keys }
            if loaded, let keys { return .keys(keys) }
            return .unavailable(retryAfter: max(1, Int(unknownKeyInterval.components.seconds)))
        }
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

    /// The refresh under way, or a new one. It ends within ``fetchTimeout`` whatever the
    /// endpoint does: a fetch still running then is cancelled and abandoned.
    @discardableResult
    private func startRefresh() -> Task<Bool, Never> {
        state.withLock { state in
            if let inFlight = state.inFlight { return inFlight }
            let task = Task { await self.fetchWithinDeadline() }
            state.inFlight = task
            return task
        }
    }

    private func fetchWithinDeadline() async -> Bool {
        typealias Fetched = Result<(keys: [VerificationKey], maxAge: Duration), any Error>
        let fetch = Task { try await self.fetch() }
        let timeout = fetchTimeout
        let outcome = await withUnsafeContinuation { (decided: UnsafeContinuation<Fetched, Never>) in
            let once = ResumeOnce(decided)
            let timer = Task {
                try? await Task.sleep(for: timeout)
                once.resume(.failure(FetchError(description: "no complete answer within \(timeout)")))
            }
            Task {
                let result = await fetch.result
                timer.cancel()
                once.resume(result)
            }
        }
        fetch.cancel()  // a stalled fetch is abandoned, whatever it is doing
        switch outcome {
        case .success(let fetched):
            state.withLock { state in
                state.generation += 1
                state.keys = KeySet(fetched.keys, generation: state.generation)
                state.expires = clock() + fetched.maxAge
                state.lastFetchSucceeded = true
                state.failures = 0
                state.inFlight = nil
            }
            logger.debug("JWKS loaded: \(fetched.keys.count) keys from \(url)")
            return true
        case .failure(let error):
            // Keep the last good keys; retry with backoff rather than on every request.
            state.withLock { state in
                state.failures += 1
                state.lastFetchSucceeded = false
                state.expires = clock() + Self.backoff(failures: state.failures)
                state.inFlight = nil
            }
            let reason = (error as? IOError).map { ConnectionFailure.message(url: url, errno: $0.errnoCode) } ?? "\(error)"
            logger.warning("JWKS fetch from \(url) failed: \(reason)")
            return false
        }
    }

    /// The pause after `failures` consecutive failed fetches: 1 s doubling to 30 s.
    static func backoff(failures: Int) -> Duration {
        .seconds(min(30, 1 << min(max(failures - 1, 0), 5)))
    }

    /// One fetch: same-origin redirects followed (at most 5), 1 MiB at most.
    private func fetch() async throws -> (keys: [VerificationKey], maxAge: Duration) {
        var current = url
        for _ in 0...5 {
            var request = HTTPClientRequest(url: current)
            request.headers.add(name: "Accept", value: "application/json")
            // Key fetches are rare: a connection of its own each time, never an idle pooled one
            // the key server may have closed meanwhile (a restart, its idle timeout), which
            // would fail the refresh with "remote connection closed" and 503 every caller.
            request.headers.add(name: "Connection", value: "close")
            let response = try await client.execute(request, timeout: .seconds(Int64(fetchTimeout.components.seconds) + 1))
            if [301, 302, 303, 307, 308].contains(response.status.code) {
                guard let location = response.headers.first(name: "Location"), let next = Self.resolve(location, against: current) else {
                    throw FetchError(description: "HTTP \(response.status.code) without a usable Location")
                }
                guard Self.origin(of: next) == Self.origin(of: url) else {
                    throw FetchError(description: "redirect to another origin refused: \(next)")
                }
                current = next
                continue
            }
            guard response.status == .ok else { throw FetchError(description: "HTTP \(response.status.code)") }
            let body = try await response.body.collect(upTo: 1024 * 1024)
            let (keys, skipped) = try Self.parse(Array(body.readableBytesView))
            for reason in skipped { logger.warning("JWKS key skipped: \(reason)") }
            return (keys, Self.maxAge(response.headers.first(name: "Cache-Control")) ?? defaultMaxAge)
        }
        throw FetchError(description: "more than 5 redirects")
    }

    /// Scheme, lower-cased host and port (explicit or the scheme's default) of a URL.
    struct Origin: Hashable {
        var scheme: String
        var host: String
        var port: Int
    }

    static func origin(of text: String) -> Origin? {
        guard let parsed = URL(string: text), let scheme = parsed.scheme?.lowercased(), let host = parsed.host, !host.isEmpty else {
            return nil
        }
        let port = parsed.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return Origin(scheme: scheme, host: host.lowercased(), port: port)
    }

    /// A `Location` value made absolute against `base`.
    static func resolve(_ location: String, against base: String) -> String? {
        URL(string: location, relativeTo: URL(string: base))?.absoluteURL.absoluteString
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
    /// The longest `max-age` honoured, in seconds.
    static let longestMaxAge = 86_400

    static func maxAge(_ cacheControl: String?) -> Duration? {
        guard let cacheControl else { return nil }
        for directive in cacheControl.lowercased().split(separator: ",") {
            let trimmed = directive.trimmingCharacters(in: .whitespaces)
            if trimmed == "no-store" || trimmed == "no-cache" { return .zero }
            if trimmed.hasPrefix("max-age="), let seconds = Int(trimmed.dropFirst("max-age=".count)), seconds >= 0 {
                // At most a day: a key server cannot pin its keys (or an instant near the
                // clock's end) for longer than a rotation should take.
                return .seconds(min(seconds, Self.longestMaxAge))
            }
        }
        return nil
    }
}
