import WebhookKit
import WebhookKitHTTP

/// Routes the receiver's HTTP requests: `GET /healthz`, `GET /metrics`, and everything
/// else to the receive pipeline (which answers 405 to methods other than POST); times and
/// logs every request.
struct ReceiverHTTPHandler: HTTPHandler {
    let receiver: WebhookReceiver
    let metrics: ReceiverMetrics
    let log: RequestLog

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let started = ContinuousClock.now
        if request.method == "GET" || request.method == "HEAD" {
            switch request.path {
            case "/healthz":
                return logged(request, .text("ok\n"), started: started)
            case "/metrics":
                let response = HTTPResponse(
                    status: 200, headers: ["Content-Type": DeliveryMetricsSnapshot.prometheusContentType],
                    body: Array(metrics.prometheusText().utf8)
                )
                return logged(request, response, started: started)
            default:
                break
            }
        }
        let answer = await receiver.handle(method: request.method, headers: request.headers, body: request.body)
        let latency = ContinuousClock.now - started
        metrics.recordLatency(latency)
        let summary = answer.status == 200
            ? RequestLog.summary(of: request.body, maximumSize: receiver.configuration.decoder.maximumInputSize)
            : RequestLog.Summary()
        log.request(method: request.method, target: request.target, summary: summary, status: answer.status, latency: latency)
        return HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body)
    }

    private func logged(_ request: HTTPRequest, _ response: HTTPResponse, started: ContinuousClock.Instant) -> HTTPResponse {
        log.request(method: request.method, target: request.target, summary: .init(), status: response.status, latency: ContinuousClock.now - started)
        return response
    }
}
