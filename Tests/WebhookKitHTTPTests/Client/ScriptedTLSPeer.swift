import Foundation

/// A Python `ssl` server that answers each request (in arrival order, across connections)
/// with the next scripted raw response.
///
/// Special responses: `ECHO` answers 200 with the request head and body as the body,
/// `SILENT` never answers, `CLOSE` closes without answering, `ADLER` answers 200 with
/// the body's length and Adler-32 checksum (`"<length> <adler32>"`). `{conn}` in a response is
/// replaced by the connection's number (1, 2, …), so tests can see reuse.
struct ScriptedTLSPeer: Sendable {
    let process: PeerProcess
    let port: Int

    /// `readDelay`: seconds the peer pauses before each read of a body, to make a sender wait.
    init(certificate: String, key: String, responses: [String], fallback: String = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ipv6: Bool = false, readDelay: Double = 0) throws {
        let spec = try JSONSerialization.data(withJSONObject: ["responses": responses, "fallback": fallback, "ipv6": ipv6, "readDelay": readDelay])
        process = try PeerProcess(["python3", "-c", Self.script, certificate, key, String(decoding: spec, as: UTF8.self)])
        guard let port = Int(process.firstLine()) else {
            process.stop()
            throw ClientTestNetwork.Timeout(description: "scripted TLS peer did not start")
        }
        self.port = port
    }

    func stop() { process.stop() }

    static let script = #"""
import json, socket, ssl, sys, threading, time, zlib
cert, key, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
family = socket.AF_INET6 if spec["ipv6"] else socket.AF_INET
srv = socket.socket(family, socket.SOCK_STREAM)
srv.bind(("::1" if spec["ipv6"] else "127.0.0.1", 0))
srv.listen(64)
print(srv.getsockname()[1], flush=True)
lock = threading.Lock()
state = {"requests": 0, "connections": 0}

def read_request(s, buf):
    while b"\r\n\r\n" not in buf:
        data = s.recv(65536)
        if not data:
            return None, buf
        buf += data
    head, rest = buf.split(b"\r\n\r\n", 1)
    rest = bytearray(rest)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        time.sleep(spec["readDelay"])
        data = s.recv(65536)
        if not data:
            return None, b""
        rest += data
    return head + b"\r\n\r\n" + bytes(rest[:length]), bytes(rest[length:])

def handle(sock, number):
    try:
        s = ctx.wrap_socket(sock, server_side=True)
    except Exception:
        sock.close()
        return
    buf = b""
    try:
        while True:
            request, buf = read_request(s, buf)
            if request is None:
                break
            with lock:
                index = state["requests"]
                state["requests"] += 1
            responses = spec["responses"]
            response = responses[index] if index < len(responses) else spec["fallback"]
            if response == "SILENT":
                time.sleep(3600)
            if response == "CLOSE":
                break
            if response == "ADLER":
                body = request.split(b"\r\n\r\n", 1)[1]
                answer = b"%d %d" % (len(body), zlib.adler32(body))
                s.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(answer) + answer)
                continue
            if response == "ECHO":
                s.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(request) + request)
                continue
            s.sendall(response.replace("{conn}", str(number)).encode("latin-1"))
            if "Connection: close" in response or response.startswith("HTTP/1.0"):
                break
    except Exception:
        pass
    try:
        s.close()
    except Exception:
        pass

while True:
    client, _ = srv.accept()
    with lock:
        state["connections"] += 1
        number = state["connections"]
    threading.Thread(target=handle, args=(client, number), daemon=True).start()
"""#
}
