import Foundation

/// nginx answering `return 200` over TLS with keep-alive, in a temporary prefix of its own.
struct NginxPeer: Sendable {
    let process: PeerProcess
    let port: Int
    let prefix: String

    init(certificate: String, key: String) throws {
        var lastError: any Error = ClientTestNetwork.Timeout(description: "nginx did not start")
        for _ in 0..<3 {
            let port = ClientTestNetwork.freePort()
            let prefix = NSTemporaryDirectory() + "webhookkit-nginx-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
            let config = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(prefix)/body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                keepalive_requests 1000000;
                server {
                    listen 127.0.0.1:\(port) ssl;
                    server_name localhost;
                    ssl_certificate \(certificate);
                    ssl_certificate_key \(key);
                    location / { return 200 "delivered\\n"; }
                }
            }
            """
            try config.write(toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
            let process = try PeerProcess(["/usr/sbin/nginx", "-p", prefix, "-c", prefix + "/nginx.conf", "-e", prefix + "/error.log"])
            do {
                try ClientTestNetwork.waitUntilAccepting(port: port, process: process)
                self.process = process
                self.port = port
                self.prefix = prefix
                return
            } catch {
                process.stop()
                try? FileManager.default.removeItem(atPath: prefix)
                lastError = error
            }
        }
        throw lastError
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(atPath: prefix)
    }
}
