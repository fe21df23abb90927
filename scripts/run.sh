#!/usr/bin/env bash
# Runs graphmail locally: the Graph simulator, a mail worker and the API gateway, against the local RabbitMQ
# (started if stopped) and MongoDB at MONGODB_URI or an embedded MongoDB-compatible server kept under data/.
# Ctrl-C stops everything. Settings come from the environment or .env (see .env.example).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -f .env ]]; then
    set -a; source .env; set +a
fi
mkdir -p data/logs
export GRAPHMAIL_API_KEYS="${GRAPHMAIL_API_KEYS:-demo-key}"
export GRAPHMAIL_DEFAULT_ACCOUNT="${GRAPHMAIL_DEFAULT_ACCOUNT:-default}"
export MONGODB_URI="${MONGODB_URI:-}"
# Plain text logs (data/logs/) and every trace recorded; containers default to JSON logs and 10% of traces.
export LOG_FORMAT="${LOG_FORMAT:-text}"
export TRACING_SAMPLING_PROBABILITY="${TRACING_SAMPLING_PROBABILITY:-1.0}"
# Without a configured Graph, the simulator stands in for Graph and for Microsoft's identity platform.
if [[ -z "${GRAPHMAIL_GRAPH_BASE_URL:-}" ]]; then
    export GRAPHMAIL_GRAPH_BASE_URL=http://127.0.0.1:8089/v1.0
    export GRAPHMAIL_IDENTITY_AUTHORITY_HOST=https://localhost:8443
    export GRAPHMAIL_IDENTITY_TRUST_CERTIFICATE_FILE="$PWD/data/simulator-certificate.pem"
    use_simulator=true
fi
# The token cache key: kept under data/ so cached tokens survive restarts.
if [[ -z "${GRAPHMAIL_TOKEN_KEY:-}" ]]; then
    [[ -f data/token.key ]] || echo "local:$(head -c 32 /dev/urandom | base64)" > data/token.key
    chmod 600 data/token.key
    export GRAPHMAIL_TOKEN_KEY="$(cat data/token.key)"
fi

source scripts/lib/rabbitmq.sh
ensure_rabbitmq

echo "Building..."
mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package \
    -pl api-gateway,mail-worker,graph-simulator,tools/embedded-mongo -am

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

await_health() { # name url
    for _ in $(seq 1 90); do
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
    --graphmail.simulator.https-port=8443 \
    --graphmail.simulator.certificate-file="$PWD/data/simulator-certificate.pem" \
    --graphmail.simulator.identity.default-app-permissions=Mail.Send,Mail.ReadWrite
await_health graph-simulator http://127.0.0.1:8089/actuator/health
start mail-worker mail-worker/target/mail-worker-0.1.0-SNAPSHOT-exec.jar
start api-gateway api-gateway/target/api-gateway-0.1.0-SNAPSHOT-exec.jar

await_health mail-worker http://127.0.0.1:8081/actuator/health/readiness
await_health api-gateway http://127.0.0.1:8080/actuator/health/readiness

demo_key="${GRAPHMAIL_API_KEYS%%,*}"
if [[ "${use_simulator:-}" == true ]]; then
    # A demo Microsoft 365 account (client credentials) against the simulator; 409 if it exists already.
    echo sim-secret > data/demo-client-secret
    curl -s -o /dev/null -H "Authorization: Bearer $demo_key" -H 'Content-Type: application/json' \
        -d "{\"id\":\"$GRAPHMAIL_DEFAULT_ACCOUNT\",\"type\":\"application\",\"mailbox\":\"me@graphmail.local\",
             \"tenant\":\"graphmail-demo\",\"clientId\":\"demo-client\",
             \"clientSecretRef\":\"file:$PWD/data/demo-client-secret\"}" \
        http://127.0.0.1:8080/api/v1/accounts
fi
cat <<INFO

graphmail is running (logs in data/logs/, data in data/):
  API           http://127.0.0.1:8080/api/v1/mail
  Swagger UI    http://127.0.0.1:8080/swagger-ui.html
  Health        http://127.0.0.1:8080/actuator/health   http://127.0.0.1:8081/actuator/health
  Metrics       http://127.0.0.1:8080/actuator/prometheus   http://127.0.0.1:8081/actuator/prometheus
  Graph sim.    http://127.0.0.1:8089/_sim/mailboxes/me@graphmail.local/sent
  Accounts      http://127.0.0.1:8080/api/v1/accounts  (demo account: ${GRAPHMAIL_DEFAULT_ACCOUNT})
  Demo API key  ${demo_key}

Try:
  curl -si -H 'Authorization: Bearer ${demo_key}' -H 'Content-Type: application/json' \\
    -d '{"to":["ada@example.com"],"subject":"Hello","body":{"contentType":"html","content":"<p>Hi</p>"}}' \\
    http://127.0.0.1:8080/api/v1/mail

Press Ctrl-C to stop.
INFO
wait -n "${pids[@]}"
echo "A service stopped; see data/logs/" >&2
