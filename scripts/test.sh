#!/usr/bin/env bash
# Runs every test (unit and integration) with formatting checks and coverage, then prints overall line coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/rabbitmq.sh
ensure_rabbitmq

mvn -B -ntp verify "$@"

report=coverage/target/site/jacoco-aggregate/jacoco.csv
if [[ -f "$report" ]]; then
    awk -F, 'NR > 1 { missed += $8; covered += $9 }
        END { printf "Overall line coverage: %.1f%% (%d of %d lines)\n", 100 * covered / (missed + covered), covered, missed + covered }' "$report"
fi
