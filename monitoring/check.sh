#!/usr/bin/env bash
# Checks the deployment and monitoring files without running anything:
#   Prometheus config, alert rules and their unit tests (promtool), the Grafana dashboard JSON and
#   every PromQL expression in it, the Grafana provisioning YAML, and docker-compose.yml.
# Installs nothing. A missing tool skips its checks with a message; any failed check exits 1.
#
#   bash monitoring/check.sh
#
# Tools: promtool (Debian package "prometheus"), python3 (+ python3-yaml), docker-compose or docker compose.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1

prom_dir=monitoring/prometheus
dashboards_dir=monitoring/grafana/dashboards
provisioning_dir=monitoring/grafana/provisioning
datasource_uid=graphmail-prometheus

passed=0
failed=0
skipped=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

have() { command -v "$1" >/dev/null 2>&1; }

# check NAME COMMAND...: runs the command, shows its output indented, counts the outcome.
check() {
    local name="$1"
    shift
    echo "== $name"
    if "$@" >"$work/out" 2>&1; then
        sed 's/^/   /' "$work/out"
        echo "   PASS"
        passed=$((passed + 1))
    else
        sed 's/^/   /' "$work/out"
        echo "   FAIL"
        failed=$((failed + 1))
    fi
}

skip() {
    echo "== $1"
    echo "   SKIP: $2"
    skipped=$((skipped + 1))
}

# Writes every PromQL expression of the dashboards into a rules file promtool can check. Grafana's
# interval variables are not PromQL, so they are replaced by a fixed range first. Also fails when a
# dashboard lacks a uid or a panel uses a datasource other than the provisioned one.
dashboard_exprs_to_rules() {
    python3 - "$datasource_uid" "$work/dashboard_exprs.yml" "$dashboards_dir"/*.json <<'PY'
import json, re, sys

uid, out_path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
problems, exprs = [], []

def walk(panels, source):
    for panel in panels:
        walk(panel.get("panels", []), source)
        ds = panel.get("datasource")
        if panel.get("type") != "row" and (not ds or ds.get("uid") != uid):
            problems.append(f"{source}: panel '{panel.get('title')}' does not use datasource uid {uid}")
        for target in panel.get("targets", []):
            if target.get("datasource", {}).get("uid") != uid:
                problems.append(f"{source}: a query of panel '{panel.get('title')}' does not use datasource uid {uid}")
            expr = re.sub(r"\$__(rate_interval|interval|range)", "5m", target.get("expr", ""))
            exprs.append((f"panel{panel.get('id')}_{target.get('refId')}", expr))

for path in files:
    with open(path) as f:
        dashboard = json.load(f)
    if not dashboard.get("uid"):
        problems.append(f"{path}: no uid")
    walk(dashboard.get("panels", []), path)

with open(out_path, "w") as out:
    out.write("groups:\n  - name: dashboard-expressions\n    rules:\n")
    for name, expr in exprs:
        out.write(f"      - record: {name}\n        expr: {json.dumps(expr)}\n")
print(f"{len(exprs)} expressions from {len(files)} dashboard(s); a failure names panel<id>_<refId>")
for problem in problems:
    print(problem)
sys.exit(1 if problems or not exprs else 0)
PY
}

check_dashboard_promql() {
    dashboard_exprs_to_rules && promtool check rules "$work/dashboard_exprs.yml"
}

parse_json() {
    local f
    for f in "$dashboards_dir"/*.json; do
        python3 -m json.tool "$f" >/dev/null || return 1
        echo "$f parses"
    done
}

parse_yaml() {
    python3 - "$@" <<'PY'
import sys, yaml
for path in sys.argv[1:]:
    with open(path) as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict) or doc.get("apiVersion") != 1:
        sys.exit(f"{path}: expected a mapping with apiVersion: 1")
    print(f"{path} parses")
PY
}

if have promtool; then
    check "promtool check config $prom_dir/prometheus.yml" promtool check config "$prom_dir/prometheus.yml"
    check "promtool check rules $prom_dir/alerts.yml" promtool check rules "$prom_dir/alerts.yml"
    check "promtool test rules $prom_dir/alerts_test.yml" promtool test rules "$prom_dir/alerts_test.yml"
else
    for what in "check config" "check rules" "test rules"; do
        skip "promtool $what" "promtool not found (Debian: apt-get install prometheus)"
    done
fi

if have python3; then
    check "dashboards parse as JSON ($dashboards_dir)" parse_json
    if python3 -c 'import yaml' 2>/dev/null; then
        check "Grafana provisioning YAML parses ($provisioning_dir)" \
            parse_yaml "$provisioning_dir"/datasources/*.yml "$provisioning_dir"/dashboards/*.yml
    else
        skip "Grafana provisioning YAML parses" "python3 has no yaml module (Debian: python3-yaml)"
    fi
    if have promtool; then
        check "dashboard PromQL expressions and datasource uids" check_dashboard_promql
    else
        skip "dashboard PromQL expressions" "promtool not found"
    fi
else
    skip "dashboards parse as JSON" "python3 not found"
    skip "Grafana provisioning YAML parses" "python3 not found"
    skip "dashboard PromQL expressions" "python3 not found"
fi

if have docker-compose; then
    check "docker-compose -f docker-compose.yml config -q" docker-compose -f docker-compose.yml config -q
elif have docker && docker compose version >/dev/null 2>&1; then
    check "docker compose -f docker-compose.yml config -q" docker compose -f docker-compose.yml config -q
else
    skip "docker-compose config" "neither docker-compose nor docker compose found"
fi

echo
echo "monitoring checks: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
