#!/usr/bin/env bash
# Client benchmark: HTTPClientTransport vs Node's https.Agent({keepAlive: true}), both
# POSTing the same notification to the same nginx (`return 200`, TLS, keep-alive) on
# loopback with 32 connections. Prints a Markdown table with the ratio.
# Usage: Benchmarks/client.sh [MESSAGES] [CONNECTIONS]
set -euo pipefail
MESSAGES="${1:-100000}"
CONNECTIONS="${2:-32}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/common.sh
source "$ROOT/Benchmarks/lib/common.sh"
bench_start_tls_nginx client

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
