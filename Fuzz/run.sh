#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a given time, one after the other.
#
#   Fuzz/run.sh [seconds-per-target] [target…]
#
# Targets: fuzz-http-parser, fuzz-wire-decoder, fuzz-path-parser (default: all three).
# Seconds default to 60. Work goes to .build/fuzz-work/<target>/ (corpus/ starts as a copy
# of Fuzz/corpus/<target>/, crashes/ receives crash inputs, fuzz.log the full output);
# FUZZ_KEEP_CORPUS=1 continues from the corpus of the previous run instead.
# Exit status: 0 when no target crashed, 1 when one did, 2 on a usage or build error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ALL_TARGETS=(fuzz-http-parser fuzz-wire-decoder fuzz-path-parser)
SECONDS_PER_TARGET="${1:-60}"
if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" -eq 0 ]; then
    echo "usage: Fuzz/run.sh [seconds-per-target] [target…]" >&2
    exit 2
fi
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

BUILD=.build/fuzz
MODULES="$BUILD/release/Modules"
BIN=.build/fuzz-bin
WORK=.build/fuzz-work

# Which package modules each target links, and its dictionary and longest input.
modules_of() { case "$1" in fuzz-http-parser) echo "WebhookKit WebhookKitHTTP" ;; *) echo "WebhookKit" ;; esac; }
dict_of() { case "$1" in fuzz-http-parser) echo http ;; fuzz-wire-decoder) echo json ;; fuzz-path-parser) echo path ;; esac; }
max_len_of() { case "$1" in fuzz-path-parser) echo 640 ;; *) echo 4096 ;; esac; }

for target in "${TARGETS[@]}"; do
    if [ ! -f "Fuzz/Targets/$target.swift" ]; then
        echo "unknown target $target (known: ${ALL_TARGETS[*]})" >&2
        exit 2
    fi
done

# 1. The library modules, instrumented for coverage and AddressSanitizer, in their own
#    build path so the normal build is untouched. -enable-testing lets targets reach
#    internal API through @testable import.
echo "== building instrumented library modules in $BUILD"
swift build -c release --build-path "$BUILD" --target WebhookKitHTTP \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing >"$BUILD.log" 2>&1 \
    || { cat "$BUILD.log" >&2; exit 2; }

# 2. Each target: its Swift file plus Fuzz/Support, linked with libFuzzer's main.
mkdir -p "$BIN"
for target in "${TARGETS[@]}"; do
    echo "== linking $target"
    objects=()
    libraries=()
    for module in $(modules_of "$target"); do
        objects+=("$BUILD"/release/"$module".build/*.o)
        [ "$module" = WebhookKitHTTP ] && libraries+=(-lssl -lcrypto)
    done
    swiftc -O -swift-version 6 -parse-as-library -sanitize=fuzzer,address -use-ld=lld \
        -I "$MODULES" -I Sources/COpenSSL \
        Fuzz/Support/*.swift "Fuzz/Targets/$target.swift" "${objects[@]}" "${libraries[@]}" \
        -o "$BIN/$target"
done

# 3. Run each target in turn (one process, one core) and collect its final statistics.
stat_of() { grep -o "stat::$1: *[0-9]*" "$2" | tail -1 | grep -o '[0-9]*$' || echo "?"; }
last_of() { grep -E '^#[0-9]+' "$1" | grep -o "$2: *[0-9]*" | tail -1 | grep -o '[0-9]*$' || echo "?"; }

summary=()
status=0
for target in "${TARGETS[@]}"; do
    dir="$WORK/$target"
    mkdir -p "$dir/crashes"
    if [ "${FUZZ_KEEP_CORPUS:-0}" != 1 ] || [ ! -d "$dir/corpus" ]; then
        rm -rf "$dir/corpus"
        mkdir -p "$dir/corpus"
        cp "Fuzz/corpus/$target/"* "$dir/corpus/"
    fi
    before=$(find "$dir/crashes" -type f | wc -l)
    echo "== running $target for ${SECONDS_PER_TARGET}s (log: $dir/fuzz.log)"
    set +e
    # The Swift runtime's backtracer would take over SIGABRT/SIGILL from libFuzzer (and
    # trips AddressSanitizer); libFuzzer and ASan print the stack instead.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" "$BIN/$target" "$dir/corpus" \
        -dict="Fuzz/dict/$(dict_of "$target").dict" \
        -max_len="$(max_len_of "$target")" \
        -max_total_time="$SECONDS_PER_TARGET" \
        -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 \
        -artifact_prefix="$dir/crashes/" >"$dir/fuzz.log" 2>&1
    code=$?
    set -e
    after=$(find "$dir/crashes" -type f | wc -l)
    crashes=$((after - before))
    if [ "$code" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        status=1
        echo "!! $target stopped with status $code; input saved in $dir/crashes/:"
        grep -E 'fuzz invariant failed|ERROR: (AddressSanitizer|libFuzzer)|Fatal error|SUMMARY' "$dir/fuzz.log" | head -5 || true
    fi
    summary+=("$(printf '%-18s %12s %8s %6s %7s %7s %8s' "$target" \
        "$(stat_of number_of_executed_units "$dir/fuzz.log")" \
        "$(stat_of average_exec_per_sec "$dir/fuzz.log")" \
        "$(last_of "$dir/fuzz.log" cov)" "$(last_of "$dir/fuzz.log" ft)" \
        "$(find "$dir/corpus" -type f | wc -l)" "$crashes")")
done

echo
printf '%-18s %12s %8s %6s %7s %7s %8s\n' target executions exec/s cov ft corpus crashes
for line in "${summary[@]}"; do echo "$line"; done
exit "$status"
