import Foundation
import MCPCore
import Synchronization

/// Runs probe pages in a headless Chromium: serves them under the run's origins (through
/// `--host-resolver-rules` to a loopback ``ProbeServer``), starts the browser in a process group
/// of its own with a throwaway profile, collects what each page reports, and kills the group.
///
/// One browser process per visit, so no preflight cache or connection outlives a case.
public final class BrowserProbe: Sendable {
    /// The browser used.
    public let browser: Browser
    /// The origin the server is meant to allow (`--origin`).
    let origin: PageOrigin
    private let server: ProbeServer
    private let certificate: ThrowawayCertificate

    /// The origin no server should allow: it is mapped to the probe like the run's own.
    public static let foreignOrigin = "https://accept-foreign.invalid"

    /// What one page reported: its observations in order, and the script's own error if it had one.
    struct PageReport: Sendable {
        /// The origin the page was served from.
        var origin: PageOrigin
        /// One per step and mode, in order.
        var observations: [BrowserObservation]
        /// The script's error before it could finish its steps, if any.
        var fatal: String?
    }

    /// Why a visit produced no report.
    struct VisitFailure: Error, CustomStringConvertible {
        /// What happened, with the browser's last lines of output when they say something.
        var description: String
    }

    /// A probe for pages of `origin` (`https://app.example.com`) run in `browser`; starts the
    /// probe server. Throws ``BrowserError/cannotStart(_:)`` when `origin` is not an http(s)
    /// origin or the server cannot listen.
    public init(browser: Browser, origin: String) async throws {
        guard let parsed = PageOrigin(origin) else { throw BrowserError.cannotStart("--origin \(origin) is not an http(s) origin with a host") }
        guard let foreign = PageOrigin(Self.foreignOrigin) else { throw BrowserError.cannotStart("the foreign origin is malformed") }
        self.browser = browser
        self.origin = parsed
        do {
            certificate = try ThrowawayCertificate(hosts: [parsed.host, foreign.host])
            server = try await ProbeServer.start(certificate: certificate)
        } catch {
            throw BrowserError.cannotStart("cannot start the browser probe's loopback server: \(error)")
        }
    }

    /// Stops the probe server.
    public func shutdown() async { await server.close() }

    /// Serves one page per entry, chained (each page goes to the next once it has reported),
    /// runs them in one browser process and returns each page's report. Throws
    /// ``VisitFailure`` when a report does not arrive within `timeout` or the browser exits first.
    func visit(_ pages: [(origin: PageOrigin, steps: [BrowserStep])], read: [String], stepTimeout: Duration, timeout: Duration) async throws -> [PageReport] {
        guard !pages.isEmpty else { return [] }
        let ids = pages.map { _ in UUID().uuidString.lowercased() }
        func url(_ index: Int) -> String { "\(pages[index].origin)/page/\(ids[index])" }
        for (index, page) in pages.enumerated() {
            let html = ProbePage(
                steps: page.steps, read: read, timeoutMilliseconds: Int(stepTimeout.components.seconds) * 1000, reportPath: "/report/\(ids[index])",
                next: index + 1 < pages.count ? url(index + 1) : nil
            ).html
            server.routes.register(page: ids[index], html: html)
        }
        defer { server.routes.forget(ids) }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-acceptance-browser-\(ids[0])").path
        try? FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: profile) }
        var rules: [String] = []
        for origin in Set(pages.map(\.origin.description)).sorted() {
            if let parsed = PageOrigin(origin) { rules.append(parsed.mappingRule(to: server.port(for: parsed))) }
        }
        let arguments = Self.flags + [
            "--user-data-dir=\(profile)", "--host-resolver-rules=\(rules.joined(separator: ","))",
            "--ignore-certificate-errors-spki-list=\(certificate.publicKeyHash)", url(0),
        ]
        let process = try BrowserProcess(path: browser.path, arguments: arguments, logPath: profile + ".log")
        defer { try? FileManager.default.removeItem(atPath: profile + ".log") }

        enum Ending: Sendable {
            case reported([String])
            case exited(Int32)
            case timedOut
        }
        let routes = server.routes
        let ending = await withTaskGroup(of: Ending.self) { group in
            group.addTask {
                var reports: [String] = []
                for id in ids {
                    guard let report = await routes.report(for: id) else { return .timedOut }
                    reports.append(report)
                }
                return .reported(reports)
            }
            group.addTask { .exited(await process.waitForExit()) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .timedOut
            }
            let first = await group.next() ?? .timedOut
            group.cancelAll()
            await process.kill()
            return first
        }
        switch ending {
        case .reported(let texts):
            return zip(pages, texts).map { page, text in
                let json = try? JSONParser.parse(text)
                let observations = json?["observations"]?.arrayValue?.compactMap(BrowserObservation.init(json:)) ?? []
                let fatal = json == nil ? "the page's report was not JSON" : json?["fatal"]?.stringValue
                return PageReport(origin: page.origin, observations: observations, fatal: fatal)
            }
        case .exited(let status):
            let tail = process.outputTail()
            throw VisitFailure(description: "\(browser.path) exited (wait status \(status)) before the page reported\(tail.isEmpty ? "" : ": \(tail)")")
        case .timedOut:
            let tail = process.outputTail()
            throw VisitFailure(description: "no report from the page within \(timeout.components.seconds) s\(tail.isEmpty ? "" : "; the browser said: \(tail)")")
        }
    }

    /// Headless, no sandbox (CI runs as root), and nothing that talks to the network by itself.
    static let flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
        "--disable-features=Translate,MediaRouter,OptimizationHints",
    ]
}
