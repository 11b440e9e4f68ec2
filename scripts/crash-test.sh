#!/usr/bin/env bash
# The crash-recovery test at a larger scale, for manual runs: `webhook-dispatcher publish`
# is SIGKILLed KILLS times at random moments while delivering MESSAGES events for 20
# devices, restarted each time; at the end every message must be stored exactly once, in
# per-device publish order, with an empty outbox.
# Usage: scripts/crash-test.sh [MESSAGES] [KILLS]        (defaults 100000, 10)
set -euo pipefail
cd "$(dirname "$0")/.."
export WEBHOOKKIT_CRASH_MESSAGES="${1:-100000}"
export WEBHOOKKIT_CRASH_KILLS="${2:-10}"
swift build --build-tests
swift test --skip-build --filter CrashRecoveryTests 2>&1 | grep -E "crash test|✔|✘|passed|failed"
