#!/usr/bin/env bash
# The fault-injection suite (FAULTS.md): scripts/faults.sh [quick|full]
# Starts graphmail as separate processes on 127.0.0.1 (embedded MongoDB, Graph simulator, two workers, gateway) with a
# RabbitMQ node of its own (ports from FAULTS_PORT_BASE, default 28000; the broker on 5672 is never touched), submits
# mail under each fault in turn and fails on any accepted message lost, sent twice or left without a final status.
# Needs rabbitmq-server installed (not running). Builds first unless FAULTS_SKIP_BUILD=1; the services' jars only when
# they are older than their sources (scripts/lib/build.sh). Logs and data of each run stay in faults/target/runs/<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-quick}"
case "$mode" in
    quick | full) ;;
    *) echo "usage: scripts/faults.sh [quick|full]" >&2; exit 2 ;;
esac
if ! command -v rabbitmq-server >/dev/null 2>&1; then
    echo "The fault suite starts a RabbitMQ node of its own: install rabbitmq-server first." >&2
    exit 1
fi
if [[ "${FAULTS_SKIP_BUILD:-0}" != 1 ]]; then
    source scripts/lib/build.sh
    if ! services_built; then
        echo "Building..."
        mvn -B -q -ntp -Pfaults -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package \
            -pl api-gateway,mail-worker,graph-simulator,tools/embedded-mongo,faults -am
    elif [[ ! -d faults/target/lib ]] || ! built_after pom.xml faults -- faults/target/faults-0.1.0-SNAPSHOT.jar; then
        # The services' jars are current (scripts/test.sh built them): only the suite itself, which needs none of them.
        echo "Building the fault suite..."
        mvn -B -q -ntp -Pfaults -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package -pl faults
    fi
fi
limit=1200
[[ "$mode" == full ]] && limit=5400
node="graphmail-faults-${FAULTS_PORT_BASE:-28000}@localhost"
# Whatever happens to the suite, its broker node does not outlive it.
stop_node() { rabbitmqctl -n "$node" stop >/dev/null 2>&1 || true; }
stop_node # one left by a run that was killed
trap stop_node EXIT
# A bound for the whole run; TERM lets the suite stop every process it started.
timeout --signal=TERM --kill-after=60 "$limit" java -Xmx256m -Dfaults.root="$PWD" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "faults/target/classes:faults/target/lib/*" io.graphmail.faults.FaultSuite "$mode"
