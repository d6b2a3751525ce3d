import MCPProxy
import Synchronization

/// The state of one stdio connection: negotiated version and requests in flight.
final class StdioSession: Sendable {
    let engine: FastMCPEngine
    let writer: DescriptorWriter
    let trustForwardedIdentity: Bool
    private let version = Mutex<String>(ProtocolVersion.latestLegacy)
    private let inFlight = InFlightRequests()

    init(engine: FastMCPEngine, writer: DescriptorWriter, trustForwardedIdentity: Bool = false) {
        self.engine = engine
        self.writer = writer
        self.trustForwardedIdentity = trustForwardedIdentity
    }

    func write(_ message: JSONValue) async {
        var bytes = JSONWriter.bytes(message)
        bytes.append(UInt8(ascii: "\n"))
        await writer.write(bytes)
    }

    func reject(_ reason: String) async {
        await write(JSONRPCEncoding.error(id: nil, .invalidRequest(reason)))
    }

    func receive(_ line: [UInt8]) async {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        let document: JSONValue
        do {
            document = try JSONParser.parse(line)
        } catch {
            await write(JSONRPCEncoding.error(id: nil, .parseError(error.description)))
            return
        }
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage.classify(document)
        } catch {
            await write(JSONRPCEncoding.error(id: document["id"].flatMap(JSONRPCID.init), error))
            return
        }
        switch message {
        case .response:
            return
        case .notification(let notification):
            if notification.method == "notifications/cancelled", let id = notification.params?["requestId"].flatMap(JSONRPCID.init) {
                inFlight.cancel(id)
            }
            await engine.handle(notification, context: context(id: nil, meta: notification.params?["_meta"]?.objectValue ?? [:]))
        case .request(let request):
            serve(request)
        }
    }

    private func context(id: JSONRPCID?, meta: [String: JSONValue]) -> MCPRequestContext {
        let version = self.version.withLock { $0 }
        return MCPRequestContext(
            principal: trustForwardedIdentity ? ForwardedIdentity.decode(meta) : nil, requestID: id, era: .legacy2025, protocolVersion: version, meta: meta,
            sink: { [weak self] notification in await self?.write(notification.json) })
    }

    private func serve(_ request: JSONRPCRequest) {
        let context = context(id: request.id, meta: request.meta ?? [:])
        let engine = self.engine
        inFlight.start(request.id) {
            let reply: JSONValue?
            do {
                let result = try await engine.handle(request, context: context)
                if request.method == "initialize", let version = result["protocolVersion"]?.stringValue {
                    self.version.withLock { $0 = version }
                }
                reply = JSONRPCEncoding.result(id: request.id, result)
            } catch let error as JSONRPCError {
                reply = JSONRPCEncoding.error(id: request.id, error)
            } catch let error as InsufficientScopeError {
                reply = JSONRPCEncoding.error(id: request.id, error.jsonRPCError)
            } catch is CancellationError {
                reply = nil  // a cancelled request gets no reply
            } catch {
                reply = JSONRPCEncoding.error(id: request.id, .internalError("Internal error: \(error)"))
            }
            if let reply { await self.write(reply) }
        }
    }

    /// Waits for the requests still in flight (input ended).
    func finish() async {
        await inFlight.drain()
    }
}
