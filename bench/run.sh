#!/usr/bin/env bash
# Runs graphmail's benchmarks on this machine:
# bench/run.sh [accept|accept-processes|chunk-publish|pipeline|pipeline-processes|pacing|memory|sync|push|webhooks|all]
# Builds the bench module and what it needs first (skip with BENCH_SKIP_BUILD=1); extra JVM options in BENCH_OPTS,
# e.g. BENCH_OPTS='-Dbench.messages=2000'. Everything runs on 127.0.0.1, in a throwaway RabbitMQ virtual host.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    (cd .. && mvn -B -q -Pbench -pl bench,graph-simulator,tools/embedded-mongo -am package -DskipTests)
fi

run() {
    echo
    echo "### $1 ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
    # A bound for every run; TERM lets the JVM delete its virtual host and stop what it started.
    local started=$SECONDS status=0
    timeout --signal=TERM "${2:-240}" java -Xmx1g -Dspring.main.banner-mode=off ${BENCH_OPTS:-} \
        -cp "target/classes:target/lib/*" "io.graphmail.bench.$1" || status=$?
    echo "($1 took $((SECONDS - started)) s$([[ $status != 0 ]] && echo ", exit status $status"))"
    return "$status"
}

case "${1:-all}" in
    # Warmed up: twelve full batches first (about 40 s), so that the timed POSTs hold little of the JIT's compiling;
    # `all` keeps one and prints the JIT columns. Under heavy load: BENCH_TIMEOUT=600 bench/run.sh accept
    accept) BENCH_OPTS="-Dbench.accept.warmupBatches=12 ${BENCH_OPTS:-}" run AcceptRate "${BENCH_TIMEOUT:-240}" ;;
    # The same with the gateway and MongoDB in processes of their own and a RabbitMQ node of its own (needs
    # rabbitmq-server installed, not running): twelve warm-up batches, about 3 minutes.
    accept-processes) BENCH_OPTS="-Dbench.root=.. ${BENCH_OPTS:-}" run ProcessAccept 900 ;;
    # The publishing thread's CPU per message of a confirmed chunk, graphmail's publisher against the template's path.
    chunk-publish) run ChunkPublishCost ;;
    pipeline) run Pipeline ;;
    # Every service in its own JVM and a RabbitMQ node of its own (needs rabbitmq-server installed, not running);
    # the full form (8,000 warm-up, 5,000 messages, 2 and 1 workers), about 14 minutes.
    pipeline-processes) BENCH_OPTS="-Dbench.root=.. ${BENCH_OPTS:-}" run ProcessPipeline 1800 ;;
    # The 10-minute run: BENCH_TIMEOUT=900 BENCH_OPTS=-Dbench.pacing.seconds=600 bench/run.sh pacing
    pacing) run Pacing "${BENCH_TIMEOUT:-240}" ;;
    memory) run Memory ;;
    sync) run SyncIngest ;;
    # About 4.5 minutes by default: 2 minutes of push, 1 of polling, start-up and draining.
    push) run PushLatency 480 ;;
    # About 8 minutes (489 s at load 2-10): a warm-up and six cases of 1,000 events at 50 a second.
    webhooks) run WebhookLatency 600 ;;
    all)
        status=0
        for benchmark in AcceptRate Pipeline; do run "$benchmark" || status=$?; done
        # Pacing and push in shortened forms (2.5 and about 3 minutes), to keep `all` under 15 minutes.
        BENCH_OPTS="-Dbench.pacing.seconds=150 ${BENCH_OPTS:-}" run Pacing || status=$?
        for benchmark in Memory SyncIngest; do run "$benchmark" || status=$?; done
        BENCH_OPTS="-Dbench.push.seconds=100 ${BENCH_OPTS:-}" run PushLatency 480 || status=$?
        # The webhook benchmark's shortened form (about 2.5 minutes): 200 events at 20 a second per case.
        BENCH_OPTS="-Dbench.webhooks.events=200 -Dbench.webhooks.perSecond=20 -Dbench.webhooks.warmup=40 ${BENCH_OPTS:-}" \
            run WebhookLatency 420 || status=$?
        # The services in their own processes, sized to keep `all` under 15 minutes: 1,000 messages, one worker.
        BENCH_OPTS="-Dbench.root=.. -Dbench.messages=1000 -Dbench.warmup=300 -Dbench.workerCounts=1 ${BENCH_OPTS:-}" \
            run ProcessPipeline 420 || status=$?
        exit "$status"
        ;;
    *) echo "usage: bench/run.sh [accept|chunk-publish|pipeline|pipeline-processes|pacing|memory|sync|push|webhooks|all]" >&2; exit 2 ;;
esac
