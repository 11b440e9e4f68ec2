import WebhookKit
import WebhookKitCLI
import WebhookKitHTTP
import WebhookKitTesting

/// The demo's receiving side: the reference receiver on a free loopback port (with the
/// dev CA's certificate for localhost), storing into SQLite, with `/basic` expecting Basic
/// credentials and `/token` a token; and a second receiver whose certificate is
/// self-signed, which the dispatcher must refuse.
struct DemoReceivers {
    let trusted: HTTPServer
    let selfSigned: HTTPServer
    let store: NotificationStoreFile
    let basic: WebhookAuthorization
    let token: WebhookAuthorization

    static func start(directory: String, authority: DevCertificateAuthority) throws -> DemoReceivers {
        let certificate = try authority.issue(name: "receiver")
        let rogue = try authority.selfSigned(name: "self-signed")
        let store = try NotificationStoreFile.open(path: directory + "/receiver.sqlite")
        var generator = SystemRandomNumberGenerator()
        let basic = WebhookAuthorization.basic(username: "demo", password: "pw-\(generator.next())")
        let token = WebhookAuthorization.token("demo-token-\(generator.next())")
        let byPath = [
            "/basic": WebhookReceiver(configuration: .init(authorization: basic, store: store.store)),
            "/token": WebhookReceiver(configuration: .init(authorization: token, store: store.store)),
        ]
        let trusted = try HTTPServer(
            configuration: .init(tls: TLSServerConfiguration(certificateChainPath: certificate.certificatePath, privateKeyPath: certificate.privateKeyPath)),
            handler: HTTPClosureHandler { request in
                guard let receiver = byPath[String(request.path)] else { return .text("not found\n", status: 404) }
                let answer = await receiver.handle(method: request.method, headers: request.headers, body: request.body)
                return HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body)
            }
        )
        let open = WebhookReceiver(configuration: .init(authorization: nil))
        let selfSigned = try HTTPServer(
            configuration: .init(tls: TLSServerConfiguration(certificateChainPath: rogue.certificatePath, privateKeyPath: rogue.privateKeyPath)),
            handler: HTTPClosureHandler { request in
                let answer = await open.handle(method: request.method, headers: request.headers, body: request.body)
                return HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body)
            }
        )
        try trusted.start()
        try selfSigned.start()
        return DemoReceivers(trusted: trusted, selfSigned: selfSigned, store: store, basic: basic, token: token)
    }

    func shutdown() async {
        await trusted.shutdown(deadline: .seconds(2))
        await selfSigned.shutdown(deadline: .seconds(2))
    }
}
