#!/usr/bin/env bash
# Checks that a second scripts/run.sh, while a stack of this checkout holds data/run.lock, says so and exits at once
# without building, starting, cleaning or truncating anything. Holds the lock itself when no stack runs, so it needs
# none; against a running stack it checks what run.sh itself would write (the running services write the rest).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data/logs
exec 8>>data/run.lock
if flock -n 8; then
    watched() { find data -maxdepth 2 -type f -printf '%p %s %T@\n' | sort; }
else
    echo "A stack is running from this checkout; checking against it."
    watched() {
        find data -maxdepth 1 -type f \( -name run.lock -o -name demo-client-secret -o -name token.key \
            -o -name simulator-certificate.pem \) -printf '%p %T@\n' | sort
        # Logs only grow while their services run; run.sh would truncate them.
        for log in data/logs/*.log; do [[ -e "$log" ]] && echo "$log $(head -c 4096 "$log" | md5sum)"; done
    }
fi
before="$(watched)"
if output="$(timeout 60 scripts/run.sh 2>&1)"; then
    echo "FAIL: run.sh started although data/run.lock is held" >&2
    exit 1
fi
if ! grep -q "already running" <<<"$output"; then
    echo "FAIL: run.sh did not say a stack is running: $output" >&2
    exit 1
fi
if [[ "$(watched)" != "$before" ]]; then
    echo "FAIL: run.sh changed files under data/:" >&2
    diff <(echo "$before") <(watched) >&2 || true
    exit 1
fi
echo "OK: a second run.sh refused to start and left data/ (logs included) as it was."
