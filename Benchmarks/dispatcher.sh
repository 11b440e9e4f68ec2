#!/usr/bin/env bash
# Dispatcher throughput over TLS: 50 webhooks × 1,000 devices, notifications published as
# fast as the dispatcher accepts them and delivered with the native transport to nginx
# `return 200` (keep-alive), with the in-memory and the SQLite outbox; compared in the same run with a Node.js
# keep-alive client POSTing the same number of ready-made bodies (the Node peer does no
# routing, serialization or ordering, so it is the most a Node dispatcher could reach).
# Then the peak memory with 1,000,000 messages queued for an endpoint that is down.
# Usage: Benchmarks/dispatcher.sh [NOTIFICATIONS] [RUNS]      (defaults 100000, 3)
set -euo pipefail
NOTIFICATIONS="${1:-100000}"
RUNS="${2:-3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/common.sh
source "$ROOT/Benchmarks/lib/common.sh"
bench_start_tls_nginx dispatcher
URL="https://localhost:$PORT/"

ours_rate=(); ours_p50=(); ours_p99=(); node_rate=(); node_p50=(); node_p99=()
sql_rate=(); sql_p50=(); sql_p99=()
field() { sed -E "s/.*$1=([0-9.]+).*/\\1/" <<<"$2"; }
for run in $(seq 1 "$RUNS"); do
    echo "run $run/$RUNS: webhookkit, in-memory outbox..." >&2
    line="$("$BENCH" dispatcher --url "$URL" --ca "$WORK/ca.pem" --webhooks 50 --devices 1000 --notifications "$NOTIFICATIONS")"
    echo "  $line" >&2
    ours_rate+=("$(field delivered_per_second "$line")"); ours_p50+=("$(field p50_ms "$line")"); ours_p99+=("$(field p99_ms "$line")")
    echo "run $run/$RUNS: webhookkit, SQLite outbox..." >&2
    line="$("$BENCH" dispatcher --url "$URL" --ca "$WORK/ca.pem" --webhooks 50 --devices 1000 --notifications "$NOTIFICATIONS" --store sqlite)"
    echo "  $line" >&2
    sql_rate+=("$(field delivered_per_second "$line")"); sql_p50+=("$(field p50_ms "$line")"); sql_p99+=("$(field p99_ms "$line")")
    echo "run $run/$RUNS: node..." >&2
    read -r _ _ rate p50 p99 _ < <(node "$ROOT/Benchmarks/peers/node-dispatcher.js" "${URL}hook/0" "$WORK/ca.pem" "$NOTIFICATIONS" 32 | grep '^RESULT')
    echo "  node $rate/s p50 $p50 p99 $p99" >&2
    node_rate+=("$rate"); node_p50+=("$p50"); node_p99+=("$p99")
done
OURS_RATE="$(bench_median "${ours_rate[@]}")"
NODE_RATE="$(bench_median "${node_rate[@]}")"
RATIO="$(python3 -c "print(f'{$OURS_RATE / $NODE_RATE:.2f}')")"
SQL_RATE="$(bench_median "${sql_rate[@]}")"
SQL_RATIO="$(python3 -c "print(f'{$SQL_RATE / $NODE_RATE:.2f}')")"

echo "measuring memory with 1,000,000 queued..." >&2
MEMORY="$("$BENCH" dispatcher --queued 1000000 --devices 1000)"
PEAK_MIB="$(sed -E 's/.*peak_rss_mib=([0-9]+).*/\1/' <<<"$MEMORY")"

echo
echo "Dispatcher: $NOTIFICATIONS notifications, 50 webhooks × 1,000 devices, TLS keep-alive to nginx, median of $RUNS runs, $(nproc) cores"
echo
echo "| dispatcher | delivered/s | p50 ms | p99 ms | ratio | goal | met |"
echo "|---|---:|---:|---:|---:|---|---|"
echo "| WebhookKit Dispatcher (in-memory outbox) | $OURS_RATE | $(bench_median "${ours_p50[@]}") | $(bench_median "${ours_p99[@]}") | ${RATIO}× | ≥ 3× Node | $(python3 -c "print('yes' if $RATIO >= 3 else 'no')") |"
echo "| WebhookKit Dispatcher (SQLite outbox, durable) | $SQL_RATE | $(bench_median "${sql_p50[@]}") | $(bench_median "${sql_p99[@]}") | ${SQL_RATIO}× | ≥ 2× Node | $(python3 -c "print('yes' if $SQL_RATIO >= 2 else 'no')") |"
echo "| Node https.Agent keepAlive (32 sockets) | $NODE_RATE | $(bench_median "${node_p50[@]}") | $(bench_median "${node_p99[@]}") | 1.00× | | |"
echo
echo "WebhookKit latency is publish → 200, time queued included; Node latency is per request."
echo
echo "| queued for a down endpoint | peak RSS | goal | met |"
echo "|---|---:|---|---|"
echo "| 1,000,000 messages | ${PEAK_MIB} MiB | ≤ 1024 MiB | $([ "$PEAK_MIB" -le 1024 ] && echo yes || echo no) |"
