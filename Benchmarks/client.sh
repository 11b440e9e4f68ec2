#!/usr/bin/env bash
# Client benchmark: HTTPClientTransport vs Node's https.Agent({keepAlive: true}), both
# POSTing the same notification to the same nginx (`return 200`, TLS, keep-alive) on
# loopback with 32 connections. Prints a Markdown table with the ratio.
# Usage: Benchmarks/client.sh [MESSAGES] [CONNECTIONS]
set -euo pipefail
MESSAGES="${1:-100000}"
CONNECTIONS="${2:-32}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/webhookkit-client-bench.XXXXXX)"
NGINX_PID=""
cleanup() {
    if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is required (apt-get install -y nginx-light)" >&2; exit 1; }
command -v node >/dev/null || { echo "node is required" >&2; exit 1; }

echo "building release..." >&2
(cd "$ROOT" && swift build -c release --product webhookkit-bench >&2)
BENCH="$(cd "$ROOT" && swift build -c release --show-bin-path)/webhookkit-bench"

# A dev CA and a server certificate for localhost.
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/ca.key"
openssl req -x509 -new -key "$WORK/ca.key" -sha256 -days 2 -subj "/CN=WebhookKit Bench CA" -out "$WORK/ca.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/server.key"
openssl req -new -key "$WORK/server.key" -subj "/CN=localhost" -out "$WORK/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$WORK/ext.cnf"
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 2 -sha256 \
    -extfile "$WORK/ext.cnf" -out "$WORK/server.pem" 2>/dev/null

# A free port, then nginx on it in its own prefix.
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
mkdir -p "$WORK/nginx"
cat > "$WORK/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    keepalive_requests 10000000;
    keepalive_timeout 120s;
    server {
        listen 127.0.0.1:$PORT ssl;
        server_name localhost;
        ssl_certificate $WORK/server.pem;
        ssl_certificate_key $WORK/server.key;
        location / { return 200 "ok\n"; }
    }
}
CONF
/usr/sbin/nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
NGINX_PID=$!
for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
    sleep 0.05
done

URL="https://localhost:$PORT/hooks/bench"
echo "running webhookkit ($MESSAGES messages, $CONNECTIONS connections)..." >&2
OURS="$("$BENCH" client --url "$URL" --ca "$WORK/ca.pem" --messages "$MESSAGES" --connections "$CONNECTIONS" | grep '^RESULT')"
echo "running node..." >&2
THEIRS="$(node "$ROOT/Benchmarks/peers/node-dispatcher.js" "$URL" "$WORK/ca.pem" "$MESSAGES" "$CONNECTIONS" | grep '^RESULT')"

read -r _ _ OURS_RATE OURS_P50 OURS_P99 OURS_FAIL <<<"$OURS"
read -r _ _ NODE_RATE NODE_P50 NODE_P99 NODE_FAIL <<<"$THEIRS"
RATIO="$(python3 -c "print(f'{$OURS_RATE / $NODE_RATE:.2f}')")"
echo
echo "Client: $MESSAGES POSTs, $CONNECTIONS keep-alive TLS connections, nginx \`return 200\` on loopback, $(nproc) cores"
echo
echo "| client | messages/s | p50 ms | p99 ms | failures | ratio |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| WebhookKit HTTPClientTransport | $OURS_RATE | $OURS_P50 | $OURS_P99 | $OURS_FAIL | ${RATIO}× |"
echo "| Node https.Agent keepAlive | $NODE_RATE | $NODE_P50 | $NODE_P99 | $NODE_FAIL | 1.00× |"
