#!/usr/bin/env bash
# Runs every test (unit and integration) with formatting checks and coverage, then prints overall line coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/rabbitmq.sh
ensure_rabbitmq

# Two modules at a time: platform's tests need only common and test-backends, so they run beside the simulator's; the
# delay queues' test, which waits minutes on the broker, has a module nothing depends on (delay-queue-tests), so the
# worker's and the gateway's build and tests run beside it. The gateway's tests that need a running worker are in
# full-stack-tests, so the gateway's others run beside the worker's; the full-stack ones come last. The worker's tests
# run in two JVMs (its pom).
mvn -B -ntp -T 2 verify "$@"

report=coverage/target/site/jacoco-aggregate/jacoco.csv
if [[ -f "$report" ]]; then
    awk -F, 'NR > 1 { missed += $8; covered += $9 }
        END { printf "Overall line coverage: %.1f%% (%d of %d lines)\n", 100 * covered / (missed + covered), covered, missed + covered }' "$report"
fi
