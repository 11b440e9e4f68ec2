# Shared helpers of the benchmark scripts (sourced, not run). Every server they start
# listens on a free loopback port and is stopped by `bench_cleanup`.

BENCH_PIDS=()

# Stops everything started by these helpers; scripts call it from an EXIT trap.
bench_cleanup() {
    for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${BENCH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# A TCP port on 127.0.0.1 that was free a moment ago.
bench_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Builds the benchmark executable in release mode and sets BENCH to its path.
bench_build() {
    local root="$1"
    echo "building release..." >&2
    (cd "$root" && swift build -c release --product webhookkit-bench >&2)
    BENCH="$(cd "$root" && swift build -c release --show-bin-path)/webhookkit-bench"
}

# Makes a throw-away CA (DIR/ca.pem) and a server certificate for localhost and
# 127.0.0.1 (DIR/server.pem, DIR/server.key).
bench_make_certificates() {
    local dir="$1"
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key"
    openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 2 -subj "/CN=WebhookKit Bench CA" -out "$dir/ca.pem" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/server.key"
    openssl req -new -key "$dir/server.key" -subj "/CN=localhost" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$dir/ext.cnf"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 2 -sha256 \
        -extfile "$dir/ext.cnf" -out "$dir/server.pem" 2>/dev/null
}

# Starts nginx answering `return 200` over TLS on PORT with DIR/server.pem; waits until it
# accepts connections. nginx runs in the foreground of a background job, one worker.
bench_start_nginx() {
    local dir="$1" port="$2" workers="${3:-1}"
    local nginx_bin
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
    [ -x "$nginx_bin" ] || { echo "nginx is required (apt-get install -y nginx-light)" >&2; exit 1; }
    mkdir -p "$dir/nginx"
    cat >"$dir/nginx/nginx.conf" <<CONF
daemon off;
master_process $([ "$workers" -gt 1 ] && echo on || echo off);
worker_processes $workers;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    keepalive_requests 10000000;
    keepalive_timeout 120s;
    server {
        listen 127.0.0.1:$port ssl;
        server_name localhost;
        ssl_certificate $dir/server.pem;
        ssl_certificate_key $dir/server.key;
        location / { return 200 "ok\n"; }
    }
}
CONF
    "$nginx_bin" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" &
    BENCH_PIDS+=("$!")
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return; fi
        sleep 0.05
    done
    echo "nginx did not start:" >&2
    cat "$dir/nginx/error.log" >&2
    exit 1
}

# The start shared by the scripts that measure a client against nginx: a work folder
# ($WORK, removed on exit with everything started), node present, the release build,
# certificates, and nginx `return 200` over TLS on a free port ($PORT).
bench_start_tls_nginx() {
    WORK="$(mktemp -d "/tmp/webhookkit-$1-bench.XXXXXX")"
    trap 'bench_cleanup; rm -rf "$WORK"' EXIT
    command -v node >/dev/null || { echo "node is required" >&2; exit 1; }
    bench_build "$ROOT"
    bench_make_certificates "$WORK"
    PORT="$(bench_free_port)"
    bench_start_nginx "$WORK" "$PORT"
}

# Median of numbers given as arguments.
bench_median() {
    printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
