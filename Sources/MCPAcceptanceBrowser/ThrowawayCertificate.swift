import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// A self-signed certificate made for one run: a fresh P-256 key, valid for the run's page
/// hosts only, and trusted by the browser for that key alone
/// (`--ignore-certificate-errors-spki-list`). Nothing is written to disk or to any trust store.
struct ThrowawayCertificate: Sendable {
    /// The TLS context that serves it.
    let context: NIOSSLContext
    /// Base64 of the SHA-256 of the key's SubjectPublicKeyInfo: the value Chromium's
    /// `--ignore-certificate-errors-spki-list` takes.
    let publicKeyHash: String

    /// A certificate for `hosts`, valid from an hour ago for a day.
    init(hosts: [String]) throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("mcp-acceptance browser probe") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames(hosts.map { GeneralName.dnsName($0) })
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem)))
        context = try NIOSSLContext(configuration: configuration)
        publicKeyHash = Data(SHA256.hash(data: key.publicKey.derRepresentation)).base64EncodedString()
    }
}
