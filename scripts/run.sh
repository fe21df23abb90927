#!/usr/bin/env bash
# Runs graphmail locally: the Graph simulator, a mail worker and the API gateway, against the local RabbitMQ
# (started if stopped) and MongoDB at MONGODB_URI or an embedded MongoDB-compatible server kept under data/.
# Ctrl-C stops everything. Settings come from the environment or .env (see .env.example).
#
# Closed by default: every service listens on 127.0.0.1 only (GRAPHMAIL_BIND_ADDRESS=0.0.0.0 opens them to the
# network), and the gateway accepts one admin API key made for this run (client "operator") and printed at the end,
# unless GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS (or the deprecated GRAPHMAIL_API_KEYS) names the keys. Actuator (health, metrics) is on the management ports 9080 and 9081
# (GATEWAY_MANAGEMENT_PORT, WORKER_MANAGEMENT_PORT), never on the API port.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -f .env ]]; then
    set -a; source .env; set +a
fi
mkdir -p data/logs
# One stack per checkout: a second run would truncate the running stack's logs and fight over its ports and data.
# The lock stays held by the services themselves until the last of them stops.
exec 9>>data/run.lock
if ! flock -n 9; then
    echo "graphmail is already running from $PWD (data/run.lock is held): stop it first (Ctrl-C where it runs)." >&2
    exit 1
fi
bind_address="${GRAPHMAIL_BIND_ADDRESS:-127.0.0.1}"
# Where this script and the printed URLs reach the services: loopback when they listen on every interface.
case "$bind_address" in
    0.0.0.0 | :: | "[::]") host=127.0.0.1 ;;
    *) host="$bind_address" ;;
esac
url_host="$host"
[[ "$url_host" == *:* ]] && url_host="[$url_host]"
gateway_port="${GATEWAY_PORT:-8080}"
gateway_management_port="${GATEWAY_MANAGEMENT_PORT:-9080}"
worker_management_port="${WORKER_MANAGEMENT_PORT:-9081}"
# A key for this run only, unless keys are configured: a well-known key would open the API to anyone who can
# reach it.
if [[ -z "${GRAPHMAIL_API_KEYS:-}" && -z "${GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS:-}" ]]; then
    GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    generated_key=true
fi
if [[ -n "${GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS:-}" ]]; then
    export GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS
    export GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_SCOPES="${GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_SCOPES:-admin}"
fi
export GRAPHMAIL_DEFAULT_ACCOUNT="${GRAPHMAIL_DEFAULT_ACCOUNT:-default}"
export MONGODB_URI="${MONGODB_URI:-}"
# Plain text logs (data/logs/) and every trace recorded; containers default to JSON logs and 10% of traces.
export LOG_FORMAT="${LOG_FORMAT:-text}"
export TRACING_SAMPLING_PROBABILITY="${TRACING_SAMPLING_PROBABILITY:-1.0}"
# Without a configured Graph, the simulator stands in for Graph and for Microsoft's identity platform.
if [[ -z "${GRAPHMAIL_GRAPH_BASE_URL:-}" ]]; then
    tls_host=localhost
    [[ "$host" == 127.0.0.1 ]] || tls_host="$url_host"
    export GRAPHMAIL_GRAPH_BASE_URL="http://$url_host:8089/v1.0"
    export GRAPHMAIL_IDENTITY_AUTHORITY_HOST="https://$tls_host:8443"
    export GRAPHMAIL_IDENTITY_TRUST_CERTIFICATE_FILE="$PWD/data/simulator-certificate.pem"
    # The demo account's client secret (the simulator's), under the secret alias "demo" that both services know.
    echo sim-secret > data/demo-client-secret
    chmod 600 data/demo-client-secret
    export GRAPHMAIL_ACCOUNTS_SECRETS_DEMO_FILE="$PWD/data/demo-client-secret"
    use_simulator=true
fi
# The token cache key: kept under data/ so cached tokens survive restarts.
if [[ -z "${GRAPHMAIL_TOKEN_KEY:-}" ]]; then
    [[ -f data/token.key ]] || echo "local:$(head -c 32 /dev/urandom | base64)" > data/token.key
    chmod 600 data/token.key
    export GRAPHMAIL_TOKEN_KEY="$(cat data/token.key)"
fi
# The key webhook signing secrets are stored under: kept under data/ so registered webhooks survive restarts.
if [[ -z "${GRAPHMAIL_WEBHOOKS_ENCRYPTION_KEY:-}" ]]; then
    [[ -f data/webhooks.key ]] || head -c 32 /dev/urandom | base64 > data/webhooks.key
    chmod 600 data/webhooks.key
    GRAPHMAIL_WEBHOOKS_ENCRYPTION_KEY="$(cat data/webhooks.key)"
    export GRAPHMAIL_WEBHOOKS_ENCRYPTION_KEY
fi

port_in_use() { # host port
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}
ports=("$gateway_port" "$gateway_management_port" "${WORKER_PORT:-8081}" "$worker_management_port" 8089 8443)
[[ -z "$MONGODB_URI" ]] && ports+=(27017)
for port in "${ports[@]}"; do
    if port_in_use "$host" "$port"; then
        echo "Port $port on $host is taken by another program; free it first." >&2
        exit 1
    fi
done

source scripts/lib/rabbitmq.sh
ensure_rabbitmq

source scripts/lib/build.sh
build_services

pids=()
stop_all() {
    trap - INT TERM EXIT
    echo "Stopping..."
    kill "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

start() { # name jar [args...]
    local name=$1 jar=$2
    shift 2
    java -jar "$jar" "$@" >"data/logs/$name.log" 2>&1 &
    pids+=($!)
}

# How long each service may take to become healthy; a busy machine may need longer than the default.
start_timeout="${GRAPHMAIL_START_TIMEOUT:-90}"
await_health() { # name url
    for _ in $(seq 1 "$start_timeout"); do
        curl -fs "$2" >/dev/null 2>&1 && return 0
        sleep 1
    done
    echo "$1 did not become healthy; see data/logs/$1.log" >&2
    exit 1
}

if [[ -z "$MONGODB_URI" ]]; then
    start embedded-mongo tools/embedded-mongo/target/embedded-mongo-0.1.0-SNAPSHOT-exec.jar data/mongo.mv 27017
    export MONGODB_URI="mongodb://127.0.0.1:27017/graphmail"
fi
start graph-simulator graph-simulator/target/graph-simulator-0.1.0-SNAPSHOT-exec.jar \
    --server.address="$bind_address" \
    --graphmail.simulator.https-port=8443 \
    --graphmail.simulator.certificate-file="$PWD/data/simulator-certificate.pem" \
    --graphmail.simulator.certificate-hostnames="localhost,127.0.0.1,$host" \
    --graphmail.simulator.snapshot.file="$PWD/data/simulator-mailboxes.json" \
    --graphmail.simulator.identity.default-app-permissions=Mail.Send,Mail.ReadWrite
await_health graph-simulator "http://$url_host:8089/actuator/health"
start mail-worker mail-worker/target/mail-worker-0.1.0-SNAPSHOT-exec.jar \
    --server.address="$bind_address" --management.server.address="$bind_address" \
    --management.server.port="$worker_management_port"
start api-gateway api-gateway/target/api-gateway-0.1.0-SNAPSHOT-exec.jar \
    --server.address="$bind_address" --server.port="$gateway_port" \
    --management.server.address="$bind_address" --management.server.port="$gateway_management_port"

await_health mail-worker "http://$url_host:$worker_management_port/actuator/health/readiness"
await_health api-gateway "http://$url_host:$gateway_management_port/actuator/health/readiness"

api="http://$url_host:$gateway_port"
demo_key="${GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS:-${GRAPHMAIL_API_KEYS:-}}"
demo_key="${demo_key%%,*}"
if [[ "${use_simulator:-}" == true ]]; then
    # A demo Microsoft 365 account (client credentials) against the simulator; 409 if it exists already.
    # One kept from before secret aliases names its secret file directly, which no longer resolves: register it anew.
    if curl -s -H "Authorization: Bearer $demo_key" "$api/api/v1/accounts/$GRAPHMAIL_DEFAULT_ACCOUNT" \
        | grep -q '"clientSecretRef":"file:'; then
        curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $demo_key" \
            "$api/api/v1/accounts/$GRAPHMAIL_DEFAULT_ACCOUNT"
    fi
    curl -s -o /dev/null -H "Authorization: Bearer $demo_key" -H 'Content-Type: application/json' \
        -d "{\"id\":\"$GRAPHMAIL_DEFAULT_ACCOUNT\",\"type\":\"application\",\"mailbox\":\"me@graphmail.local\",
             \"tenant\":\"graphmail-demo\",\"clientId\":\"demo-client\",
             \"clientSecretRef\":\"demo\"}" \
        "$api/api/v1/accounts"
fi
key_note="from GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS"
[[ -z "${GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS:-}" ]] && key_note="from GRAPHMAIL_API_KEYS (deprecated)"
[[ "${generated_key:-}" == true ]] && key_note="made for this run; set GRAPHMAIL_SECURITY_CLIENTS_OPERATOR_KEYS to keep one"
cat <<INFO

graphmail is running on ${bind_address} (logs in data/logs/, data in data/):
  API           $api/api/v1/mail
  Swagger UI    $api/swagger-ui.html
  Health        http://$url_host:$gateway_management_port/actuator/health   http://$url_host:$worker_management_port/actuator/health
  Metrics       http://$url_host:$gateway_management_port/actuator/prometheus   http://$url_host:$worker_management_port/actuator/prometheus
                (actuator answers on the management ports only, never on the API port)
  Graph sim.    http://$url_host:8089/_sim/mailboxes/me@graphmail.local/sent
  Accounts      $api/api/v1/accounts  (demo account: ${GRAPHMAIL_DEFAULT_ACCOUNT})
  API key       ${demo_key}  (${key_note})

Try:
  curl -si -H 'Authorization: Bearer ${demo_key}' -H 'Content-Type: application/json' \\
    -d '{"to":["ada@example.com"],"subject":"Hello","body":{"contentType":"html","content":"<p>Hi</p>"}}' \\
    $api/api/v1/mail

Press Ctrl-C to stop.
INFO
wait -n "${pids[@]}"
echo "A service stopped; see data/logs/" >&2
