#!/usr/bin/env bash
# Scrape check: proves the dashboards and alerts match what the services really export.
#
# Starts graphmail locally with scripts/run.sh (embedded MongoDB, the Graph simulator, a worker and the gateway)
# on its own RabbitMQ virtual host, and a real Prometheus that scrapes the gateway, the worker and RabbitMQ with
# the jobs of prometheus/prometheus.yml and loads prometheus/alerts.yml. It then drives traffic that produces
# every event the dashboards show (sends, a 429, a permanent failure, an ambiguous send, a dead letter, a broker
# refusing the gateway, mailbox syncs, push sync: notified rounds, lifecycle notifications, a failed renewal, forged
# notifications, the notification endpoint's rate limit, webhooks delivered and an endpoint disabled, a hard bounce,
# a suppression), evaluates every query of every dashboard panel over the run and every
# series selector of every alert rule, and fails naming the panel or alert that found no data.
# Everything it started is stopped on exit; the virtual host is deleted, and the rabbitmq_prometheus plugin is
# disabled again if it was off.
#
#   bash monitoring/scrape-check.sh
#
# Needs: prometheus (Debian package "prometheus"), a local rabbitmq-server (rabbitmqctl, rabbitmq-plugins),
# java, mvn, curl, python3 with PyYAML. Ports 8080, 8081, 9080, 9081 (the management ports, which Prometheus
# scrapes), 8089, 8443, 27017, 15692 and 19090 (SCRAPE_CHECK_PORT) are used. Takes about five minutes once the
# modules are built.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

prom_port="${SCRAPE_CHECK_PORT:-19090}"
vhost=graphmail-scrape-check
api_key=scrape-check-key
max_attempts=2
interval=2s
work="$(mktemp -d)"
run_pid=""
prom_pid=""
plugin_enabled_here=false

log() { printf '[scrape-check %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

show_logs() {
    local f
    for f in "$work/run.log" data/logs/api-gateway.log data/logs/mail-worker.log data/logs/graph-simulator.log \
        "$work/prometheus.log"; do
        [[ -s "$f" ]] || continue
        echo "----- last lines of $f"
        tail -n 25 "$f"
    done
    # CI shows the end of the output: the check's own verdict goes last.
    if [[ -s "$work/check.log" ]]; then
        echo "----- the check's own output (last lines)"
        tail -n 30 "$work/check.log"
    fi
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [[ $status -ne 0 ]] && show_logs
    log "stopping"
    if [[ -n "$prom_pid" ]]; then
        kill "$prom_pid" 2>/dev/null || true
        wait "$prom_pid" 2>/dev/null || true
    fi
    if [[ -n "$run_pid" ]]; then
        # scripts/run.sh runs in its own process group (setsid): the group holds it, its build and its services.
        kill -TERM -- "-$run_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 -- "-$run_pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$run_pid" 2>/dev/null || true
        wait "$run_pid" 2>/dev/null || true
    fi
    rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
    if [[ "$plugin_enabled_here" == true ]]; then
        rabbitmq-plugins -q disable rabbitmq_prometheus >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "scrape check: $*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

await() { # description seconds command...
    local what=$1 seconds=$2
    shift 2
    for _ in $(seq 1 "$seconds"); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 1
    done
    fail "timed out after ${seconds}s waiting for $what"
}

for tool in prometheus rabbitmqctl rabbitmq-plugins java mvn curl python3 setsid; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (prometheus: apt-get install prometheus)"
done
python3 -c 'import yaml' 2>/dev/null || fail "python3 has no yaml module (apt-get install python3-yaml)"
# scripts/run.sh reads .env, whose settings (broker, API keys, Graph) would replace the check's own.
[[ -f .env ]] && fail "scripts/run.sh would read .env and use its settings instead of the check's; move it aside (mv .env .env.off)"
for port in 8080 8081 9080 9081 8089 8443 27017 "$prom_port"; do
    port_open "$port" && fail "port $port is in use; stop what listens there (scripts/run.sh?) first"
done

source scripts/lib/rabbitmq.sh
ensure_rabbitmq

# Per-queue metrics come from rabbitmq_prometheus's /metrics/detailed endpoint (RabbitMQ 3.10+).
if ! port_open 15692; then
    log "enabling rabbitmq_prometheus"
    rabbitmq-plugins -q enable rabbitmq_prometheus >/dev/null
    plugin_enabled_here=true
    await "RabbitMQ's Prometheus endpoint on port 15692" 30 curl -fs http://127.0.0.1:15692/metrics
fi

rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
rabbitmqctl -q add_vhost "$vhost" >/dev/null
rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null

# Prometheus before 2.43 drops a whole scrape that carries an exemplar on a histogram's _count, which Micrometer
# writes with tracing on; such a Prometheus (Debian 12 ships 2.42) gets exemplars on buckets and counters only.
# Push sync on: Graph (the simulator) posts change notifications to the gateway over plain HTTP, the workers check
# their subscriptions every few seconds (the subscription gauge is reported from the first check on), and the
# notification endpoint takes 10 POSTs a second, so that a short burst finds its rate limit.
push_json='"graphmail.push.public-base-url":"http://127.0.0.1:8080","graphmail.push.allow-http":"true",'
push_json+='"graphmail.push.check-every":"5s","graphmail.notifications.requests-per-second":"10",'
# Webhooks may call the check's receiver, a plain-HTTP server on the loopback address.
push_json+='"graphmail.webhooks.allow-http":"true","graphmail.webhooks.allowed-hosts":"127.0.0.1"'
spring_json="{$push_json}"
prom_version="$(prometheus --version 2>&1 | sed -n 's/^prometheus, version \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')"
read -r prom_major prom_minor <<<"${prom_version:-0 0}"
if (( prom_major < 2 || (prom_major == 2 && prom_minor < 43) )); then
    log "Prometheus $prom_major.$prom_minor < 2.43: the services put exemplars on buckets and counters only"
    spring_json="{$push_json,"'"management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes":"false"}'
fi

log "starting graphmail (scripts/run.sh builds the modules first unless their jars are current; its output: data/logs/)"
SPRING_APPLICATION_JSON="$spring_json" \
RABBITMQ_URI="amqp://guest:guest@127.0.0.1:5672/$vhost" \
GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS="$api_key" \
GRAPHMAIL_WORKER_RETRY_MAX_ATTEMPTS="$max_attempts" \
GRAPHMAIL_WORKER_RETRY_INITIAL_BACKOFF=1s \
GRAPHMAIL_SYNC_LAG_REFRESH=2s \
GRAPHMAIL_START_TIMEOUT="${GRAPHMAIL_START_TIMEOUT:-300}" \
    setsid bash scripts/run.sh >"$work/run.log" 2>&1 </dev/null &
run_pid=$!

for _ in $(seq 1 600); do
    grep -q '^graphmail is running' "$work/run.log" && break
    kill -0 "$run_pid" 2>/dev/null || fail "scripts/run.sh stopped before graphmail was running"
    sleep 1
done
grep -q '^graphmail is running' "$work/run.log" || fail "graphmail was not running after 10 minutes"
log "graphmail is running"

python3 monitoring/scrape_check.py config --prometheus-yml monitoring/prometheus/prometheus.yml \
    --alerts monitoring/prometheus/alerts.yml --port "$prom_port" --vhost "$vhost" --interval "$interval" \
    --out "$work/prometheus.yml"
promtool check config "$work/prometheus.yml" >/dev/null
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prom_pid=$!
await "Prometheus to be ready" 60 curl -fs "http://127.0.0.1:$prom_port/-/ready"
since=$(date +%s)
sleep 5

python3 monitoring/scrape_check.py traffic --api-key "$api_key" --vhost "$vhost" --max-attempts "$max_attempts" \
    2>&1 | tee "$work/check.log"

log "waiting for the last events to be scraped"
sleep 8

python3 monitoring/scrape_check.py verify --prometheus "http://127.0.0.1:$prom_port" --since "$since" \
    --dashboards monitoring/grafana/dashboards --alerts monitoring/prometheus/alerts.yml 2>&1 | tee "$work/check.log"
