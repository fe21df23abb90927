#!/usr/bin/env bash
# Checks the deployment and monitoring files without running anything:
#   Prometheus config, alert rules and their unit tests (promtool; every alert must have a test that fires it),
#   the Grafana dashboards' JSON and every PromQL expression in them, the Grafana provisioning YAML, and
#   docker-compose.yml. scrape-check.sh checks the same files against the running services.
# Installs nothing. A missing tool skips its checks with a message; any failed check exits 1.
#
#   bash monitoring/check.sh [--strict]
#
# Tools: promtool (Debian package "prometheus"), python3 (+ python3-yaml), docker-compose or docker compose.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1

prom_dir=monitoring/prometheus
dashboards_dir=monitoring/grafana/dashboards
provisioning_dir=monitoring/grafana/provisioning
datasource_ref='${datasource}'

source scripts/lib/checks.sh
work="$checks_work"

# Writes every PromQL expression of the dashboards into a rules file promtool can check. Grafana's
# interval variables are not PromQL, so they are replaced by a fixed range first. Also fails when a
# dashboard lacks a uid, or is not importable into any Grafana: it must have a templating variable
# "datasource" of type datasource for Prometheus, and every panel, query and query variable must use it
# (${datasource}) rather than a fixed datasource uid.
dashboard_exprs_to_rules() {
    python3 - "$datasource_ref" "$work/dashboard_exprs.yml" "$dashboards_dir"/*.json <<'PY'
import json, re, sys

uid, out_path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
problems, exprs = [], []

def check_templating(dashboard, source):
    variables = dashboard.get("templating", {}).get("list", [])
    chooser = [v for v in variables if v.get("name") == "datasource"]
    if not chooser or chooser[0].get("type") != "datasource" or chooser[0].get("query") != "prometheus":
        problems.append(f"{source}: no templating variable 'datasource' of type datasource for prometheus")
    for variable in variables:
        if variable.get("type") == "query" and (variable.get("datasource") or {}).get("uid") != uid:
            problems.append(f"{source}: variable '{variable.get('name')}' does not use datasource {uid}")

def walk(panels, source, prefix):
    for panel in panels:
        walk(panel.get("panels", []), source, prefix)
        ds = panel.get("datasource")
        if panel.get("type") != "row" and (not ds or ds.get("uid") != uid):
            problems.append(f"{source}: panel '{panel.get('title')}' does not use datasource {uid}")
        for target in panel.get("targets", []):
            if target.get("datasource", {}).get("uid") != uid:
                problems.append(f"{source}: a query of panel '{panel.get('title')}' does not use datasource {uid}")
            expr = re.sub(r"\$__(rate_interval|interval|range)", "5m", target.get("expr", ""))
            exprs.append((f"{prefix}_panel{panel.get('id')}_{target.get('refId')}", expr))

for path in files:
    with open(path) as f:
        dashboard = json.load(f)
    if not dashboard.get("uid"):
        problems.append(f"{path}: no uid")
    check_templating(dashboard, path)
    walk(dashboard.get("panels", []), path, re.sub(r"[^a-zA-Z0-9_]", "_", dashboard.get("uid") or "dashboard"))

with open(out_path, "w") as out:
    out.write("groups:\n  - name: dashboard-expressions\n    rules:\n")
    for name, expr in exprs:
        out.write(f"      - record: {name}\n        expr: {json.dumps(expr)}\n")
print(f"{len(exprs)} expressions from {len(files)} dashboard(s); a failure names <dashboard uid>_panel<id>_<refId>")
for problem in problems:
    print(problem)
sys.exit(1 if problems or not exprs else 0)
PY
}

# Every alert of alerts.yml needs a unit test in alerts_test.yml in which it fires.
alerts_have_tests() {
    python3 - "$prom_dir/alerts.yml" "$prom_dir/alerts_test.yml" <<'PY'
import sys, yaml

with open(sys.argv[1]) as f:
    alerts = [r["alert"] for g in yaml.safe_load(f)["groups"] for r in g["rules"] if "alert" in r]
with open(sys.argv[2]) as f:
    tests = yaml.safe_load(f)["tests"]
fires = {case["alertname"] for test in tests for case in test.get("alert_rule_test", []) if case.get("exp_alerts")}
untested = [a for a in alerts if a not in fires]
print(f"{len(alerts) - len(untested)} of {len(alerts)} alerts have a test in which they fire")
for alert in untested:
    print(f"no test fires {alert}")
sys.exit(1 if untested else 0)
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
    check "dashboards have a uid and use the \${datasource} variable, no fixed datasource uid" dashboard_exprs_to_rules
    if python3 -c 'import yaml' 2>/dev/null; then
        check "Grafana provisioning YAML parses ($provisioning_dir)" \
            parse_yaml "$provisioning_dir"/datasources/*.yml "$provisioning_dir"/dashboards/*.yml
        check "every alert has a unit test that fires it" alerts_have_tests
    else
        skip "Grafana provisioning YAML parses" "python3 has no yaml module (Debian: python3-yaml)"
        skip "every alert has a unit test that fires it" "python3 has no yaml module (Debian: python3-yaml)"
    fi
    if have promtool; then
        check "dashboard PromQL expressions and the \${datasource} variable" check_dashboard_promql
    else
        skip "dashboard PromQL expressions" "promtool not found"
    fi
else
    skip "dashboards parse as JSON" "python3 not found"
    skip "Grafana provisioning YAML parses" "python3 not found"
    skip "dashboard PromQL expressions" "python3 not found"
fi

# docker-compose.yml has no default for its secrets (${VAR:?...}): the file is validated with a throwaway env file
# that gives each a placeholder, and must be refused without one.
compose_env="$work/compose.env"
compose_secrets=(GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS GRAPHMAIL_TOKEN_KEY RABBITMQ_PASSWORD GRAFANA_ADMIN_PASSWORD)
for secret in "${compose_secrets[@]}"; do
    echo "$secret=check-placeholder"
done >"$compose_env"
# docker-compose config accepts a service that depends on one of a profile the run leaves out; compose then
# refuses to start. Checked here instead.
compose_profile_dependencies() {
    python3 - docker-compose.yml <<'PY'
import sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
bad = [f"{name} depends on {dep}, which only runs with profile(s) {services[dep]['profiles']}"
       for name, svc in services.items() if not svc.get("profiles")
       for dep in (svc.get("depends_on") or []) if services.get(dep, {}).get("profiles")]
print("\n".join(bad) or f"{len(services)} services; none that always runs depends on a profile's service")
sys.exit(1 if bad else 0)
PY
}
# Closed by default: every published port listens on 127.0.0.1 (the gateway's API on GRAPHMAIL_BIND_ADDRESS,
# 127.0.0.1 unless set), no management port (9080, 9081) is published, and anonymous Grafana is off.
compose_closed_by_default() {
    python3 - docker-compose.yml <<'PY'
import re, sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
bad, published = [], 0
for name, svc in services.items():
    for port in svc.get("ports") or []:
        published += 1
        spec = str(port)
        loopback = spec.startswith("127.0.0.1:") or (
            name == "api-gateway" and spec.startswith("${GRAPHMAIL_BIND_ADDRESS:-127.0.0.1}:"))
        if not loopback:
            bad.append(f"{name}: port {spec} is not bound to 127.0.0.1")
        if re.search(r":(9080|9081)$", spec):
            bad.append(f"{name}: publishes a management port ({spec})")
anonymous = str((services.get("grafana", {}).get("environment") or {}).get("GF_AUTH_ANONYMOUS_ENABLED", ""))
if anonymous not in ("false", "${GRAFANA_ANONYMOUS_ENABLED:-false}"):
    bad.append(f"grafana: anonymous access is not off by default ({anonymous})")
print("\n".join(bad) or f"{published} published ports, all on 127.0.0.1; no management port; anonymous Grafana off")
sys.exit(1 if bad else 0)
PY
}
if have python3 && python3 -c 'import yaml' 2>/dev/null; then
    check "compose services outside profiles depend only on services outside profiles" compose_profile_dependencies
    check "compose is closed by default (ports on 127.0.0.1, no management port, no anonymous Grafana)" \
        compose_closed_by_default
else
    skip "compose profile dependencies" "python3 with PyYAML not found"
    skip "compose is closed by default" "python3 with PyYAML not found"
fi

compose=()
if have docker-compose; then
    compose=(docker-compose)
elif have docker && docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
fi
# Each secret left out in turn: compose must refuse the file, naming the variable.
compose_requires_secrets() {
    local secret
    for secret in "${compose_secrets[@]}"; do
        grep -v "^$secret=" "$compose_env" >"$work/missing.env"
        if env -u "$secret" -u COMPOSE_PROFILES "${compose[@]}" --env-file "$work/missing.env" -f docker-compose.yml \
            --profile demo config -q >"$work/missing.out" 2>&1; then
            echo "accepted without $secret"
            return 1
        fi
        grep -q "$secret" "$work/missing.out" || { cat "$work/missing.out"; return 1; }
        echo "refused without $secret"
    done
}
if [[ ${#compose[@]} -gt 0 ]]; then
    # Variables of the calling environment would win over the env file; the check uses the file's alone.
    unset_secrets=()
    for secret in "${compose_secrets[@]}"; do unset_secrets+=(-u "$secret"); done
    check "${compose[*]} config -q" env "${unset_secrets[@]}" -u COMPOSE_PROFILES "${compose[@]}" --env-file "$compose_env" \
        -f docker-compose.yml config -q
    check "${compose[*]} --profile demo config -q" env "${unset_secrets[@]}" -u COMPOSE_PROFILES "${compose[@]}" \
        --env-file "$compose_env" -f docker-compose.yml --profile demo config -q
    check "${compose[*]} config refuses to run without each secret" compose_requires_secrets
else
    skip "docker-compose config" "neither docker-compose nor docker compose found"
fi

# --strict (CI): a check skipped for a missing tool fails the run.
summarize "monitoring checks" "${1:-}"
