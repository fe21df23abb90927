# shellcheck shell=bash
# The harness of deploy/check.sh and monitoring/check.sh: named checks whose output is shown indented, counted
# as passed, failed or skipped. Source it, call check and skip, end with summarize.

passed=0
failed=0
skipped=0
checks_work="$(mktemp -d)"
trap 'rm -rf "$checks_work"' EXIT

have() { command -v "$1" >/dev/null 2>&1; }

# check NAME COMMAND...: runs the command, shows its output indented, counts the outcome.
check() {
    local name="$1"
    shift
    echo "== $name"
    if "$@" >"$checks_work/out" 2>&1; then
        sed 's/^/   /' "$checks_work/out"
        echo "   PASS"
        passed=$((passed + 1))
    else
        sed 's/^/   /' "$checks_work/out"
        echo "   FAIL"
        failed=$((failed + 1))
    fi
}

# skip NAME WHY: a check that could not run here.
skip() {
    echo "== $1"
    echo "   SKIP: $2"
    skipped=$((skipped + 1))
}

# summarize TITLE [--strict]: prints the counts; returns 1 if a check failed, or with --strict was skipped.
summarize() {
    echo
    echo "$1: $passed passed, $failed failed, $skipped skipped"
    if [[ "${2:-}" == "--strict" && "$skipped" -gt 0 ]]; then
        echo "--strict: a skipped check counts as failed"
        return 1
    fi
    [ "$failed" -eq 0 ]
}
