#!/usr/bin/env bash
# Receiver throughput over TLS: WebhookKit's HTTPServer vs a Node.js `https` receiver doing
# the same work vs nginx `return 200`, in one run, with the same certificate and load:
# wrk -t1 -c32 -d10s, keep-alive, the same ~450-byte JSON POST with Basic auth.
# Every server gets one thread (one event loop, one nginx worker, Node's one): wrk's
# thread needs a core of its own on a small machine, and servers are compared thread
# for thread.
# Prints a Markdown table with requests/s, p99 latency and the ratio of each peer to
# WebhookKit. Usage: Benchmarks/receiver.sh [DURATION]   (default 10s)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10s}"
root="$(pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk node openssl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

echo "building release…" >&2
swift build -c release --product webhookkit-bench >&2
bench="$(swift build -c release --show-bin-path)/webhookkit-bench"

# One EC P-256 certificate for all three servers.
openssl ecparam -name prime256v1 -genkey -noout -out "$work/key.pem" 2>/dev/null
openssl req -x509 -new -key "$work/key.pem" -sha256 -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -out "$work/cert.pem" 2>/dev/null

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits for "port=N" in a log file and prints N.
wait_port() {
  for _ in $(seq 1 100); do
    if grep -q '^port=' "$1" 2>/dev/null; then grep -m1 '^port=' "$1" | cut -d= -f2; return; fi
    sleep 0.1
  done
  echo "server did not start; log:" >&2; cat "$1" >&2; exit 1
}

# Runs wrk against a port; prints "requests_per_second p99".
measure() {
  local port="$1" out
  # A short warm-up so every server has its TLS sessions and caches in place.
  wrk -t1 -c32 -d2s -s Benchmarks/peers/receiver-post.lua "https://127.0.0.1:$port/" >/dev/null
  out="$(wrk -t1 -c32 -d"$duration" --latency -s Benchmarks/peers/receiver-post.lua "https://127.0.0.1:$port/")"
  echo "$out" >&2
  if echo "$out" | grep -q 'Non-2xx'; then echo "non-2xx responses" >&2; exit 1; fi
  local rps p99
  rps="$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')"
  p99="$(echo "$out" | awk '$1 == "99%" {print $2}')"
  echo "$rps $p99"
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

echo "== WebhookKit HTTPServer" >&2
"$bench" receiver --cert "$work/cert.pem" --key "$work/key.pem" --loops 1 >"$work/swift.log" 2>&1 &
pid=$!; pids+=("$pid")
read -r swift_rps swift_p99 < <(measure "$(wait_port "$work/swift.log")")
swift_rss="$(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")"
stop "$pid"

echo "== Node.js https" >&2
node Benchmarks/peers/node-receiver.js "$work/cert.pem" "$work/key.pem" 0 >"$work/node.log" 2>&1 &
pid=$!; pids+=("$pid")
read -r node_rps node_p99 < <(measure "$(wait_port "$work/node.log")")
node_rss="$(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")"
stop "$pid"

echo "== nginx return 200" >&2
nginx_port="$(free_port)"
mkdir -p "$work/nginx"
sed -e "s#@PREFIX@#$work/nginx#g" -e "s#@PORT@#$nginx_port#g" \
    -e "s#@CERT@#$work/cert.pem#g" -e "s#@KEY@#$work/key.pem#g" \
    Benchmarks/peers/nginx-receiver.conf >"$work/nginx/nginx.conf"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" >"$work/nginx.log" 2>&1 &
pid=$!; pids+=("$pid")
for _ in $(seq 1 50); do
  (echo >"/dev/tcp/127.0.0.1/$nginx_port") 2>/dev/null && break
  sleep 0.1
done
read -r nginx_rps nginx_p99 < <(measure "$nginx_port")
stop "$pid"

ratio() { python3 -c "print(f'{float($1) / float($2):.2f}')"; }
echo
echo "Receiver over TLS, wrk -t1 -c32 -d$duration, keep-alive, $(nproc) cores"
echo
echo "| server | req/s | p99 | peak RSS MiB | WebhookKit ÷ server |"
echo "|---|---:|---:|---:|---:|"
echo "| WebhookKit HTTPServer (auth + JSON decode + 200) | $swift_rps | $swift_p99 | $swift_rss | 1.00 |"
echo "| Node.js https (auth + JSON.parse + 200) | $node_rps | $node_p99 | $node_rss | $(ratio "$swift_rps" "$node_rps") |"
echo "| nginx return 200 | $nginx_rps | $nginx_p99 | - | $(ratio "$swift_rps" "$nginx_rps") |"
echo
echo "Goals: ≥ 2.00 vs Node.js, ≥ 0.70 vs nginx."
