# shellcheck shell=bash
# Builds the services' executable jars, unless those under target/ are newer than every source and POM they are built
# from (as after scripts/test.sh): CI then starts the stack again without a second build of the same sources.
# Sourced from the repository root. GRAPHMAIL_REBUILD=1 builds regardless.

service_jars=(
    api-gateway/target/api-gateway-0.1.0-SNAPSHOT-exec.jar
    mail-worker/target/mail-worker-0.1.0-SNAPSHOT-exec.jar
    graph-simulator/target/graph-simulator-0.1.0-SNAPSHOT-exec.jar
    tools/embedded-mongo/target/embedded-mongo-0.1.0-SNAPSHOT-exec.jar
)
# What the jars are built from: the modules they hold and the POMs that say how.
service_inputs=(pom.xml common platform graph-simulator mail-worker api-gateway tools/embedded-mongo)

# built_after INPUTS... -- OUTPUTS...: whether every output exists and no file or directory under the inputs' pom.xml
# and src/main changed after the oldest output. A deleted source changes its directory, so it counts too.
built_after() {
    local inputs=() oldest="" output path
    while [[ "$1" != -- ]]; do
        inputs+=("$1")
        shift
    done
    shift
    for output in "$@"; do
        [[ -e "$output" ]] || return 1
        if [[ -z "$oldest" || "$output" -ot "$oldest" ]]; then
            oldest="$output"
        fi
    done
    for path in "${inputs[@]}"; do
        if [[ -f "$path" ]]; then
            [[ "$path" -nt "$oldest" ]] && return 1
        else
            [[ -n "$(find "$path/pom.xml" "$path/src/main" -newer "$oldest" -print -quit 2>/dev/null)" ]] && return 1
        fi
    done
    return 0
}

# Whether the services' jars are current (GRAPHMAIL_REBUILD=1: never).
services_built() {
    [[ "${GRAPHMAIL_REBUILD:-0}" != 1 ]] && built_after "${service_inputs[@]}" -- "${service_jars[@]}"
}

# Packages the services (and what they need), unless their jars are current.
build_services() {
    if services_built; then
        echo "The services' jars are up to date with their sources: not building them again."
        return 0
    fi
    echo "Building..."
    mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package \
        -pl api-gateway,mail-worker,graph-simulator,tools/embedded-mongo -am
}
