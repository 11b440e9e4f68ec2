import Foundation

/// A Python `ssl` reverse proxy in front of an HTTPS receiver that, for chosen requests,
/// forwards the request (so the receiver stores it), then sends only half of the
/// response and resets the connection (`SO_LINGER` 0): the answer is lost after the
/// message was stored.
///
/// Requests number 0, `every`, 2·`every` … below `until` are cut; the rest pass intact.
struct ResettingTLSProxy: Sendable {
    let process: PeerProcess
    let port: Int

    init(certificate: String, key: String, upstreamPort: Int, trustAnchors: String, every: Int, until: Int) throws {
        process = try PeerProcess([
            "python3", "-c", Self.script, certificate, key, String(upstreamPort), trustAnchors, String(every), String(until),
        ])
        guard let port = Int(process.firstLine()) else {
            process.stop()
            throw ClientTestNetwork.Timeout(description: "resetting proxy did not start")
        }
        self.port = port
    }

    func stop() { process.stop() }

    static let script = #"""
import http.client, socket, ssl, struct, sys, threading
cert, key, upstream, anchors, every, until = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
client_ctx = ssl.create_default_context(cafile=anchors)
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 0))
srv.listen(128)
print(srv.getsockname()[1], flush=True)
lock = threading.Lock()
counter = [0]

def read_request(s, buf):
    while b"\r\n\r\n" not in buf:
        data = s.recv(65536)
        if not data:
            return None, None, None, buf
        buf += data
    head, rest = buf.split(b"\r\n\r\n", 1)
    lines = head.split(b"\r\n")
    method, target, _ = lines[0].split(b" ", 2)
    headers, length = [], 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name, value = name.strip(), value.strip()
        if name.lower() == b"content-length":
            length = int(value)
        if name.lower() not in (b"host", b"content-length", b"connection"):
            headers.append((name.decode("latin-1"), value.decode("latin-1")))
    while len(rest) < length:
        data = s.recv(65536)
        if not data:
            return None, None, None, b""
        rest += data
    return (method.decode(), target.decode()), headers, rest[:length], rest[length:]

def handle(sock):
    try:
        s = ctx.wrap_socket(sock, server_side=True)
    except Exception:
        sock.close()
        return
    up = http.client.HTTPSConnection("localhost", upstream, context=client_ctx, timeout=10)
    buf = b""
    try:
        while True:
            line, headers, body, buf = read_request(s, buf)
            if line is None:
                break
            with lock:
                index = counter[0]
                counter[0] += 1
            up.request(line[0], line[1], body=body, headers=dict(headers))
            reply = up.getresponse()
            payload = reply.read()
            raw = b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (
                reply.status, reply.reason.encode("latin-1"), len(payload)) + payload
            if index < until and index % every == 0:
                s.sendall(raw[: len(raw) // 2])
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                break
            s.sendall(raw)
    except Exception:
        pass
    try:
        s.close()
    except Exception:
        pass
    up.close()

while True:
    client, _ = srv.accept()
    threading.Thread(target=handle, args=(client,), daemon=True).start()
"""#
}
