#!/usr/bin/env bash
# Checks the container and Kubernetes files without a Docker engine or a cluster:
#   docker/*.Dockerfile  dockerlinter (best-practice rules, ShellCheck on every RUN) and dockerfile-utils (syntax,
#                        instruction flags), then the project's rules (deploy/tools/dockerfiles.mjs)
#   deploy/kubernetes/   every object against its Kubernetes, KEDA or Prometheus Operator schema with unknown
#                        fields rejected, and the references between objects (deploy/tools/manifests.mjs);
#                        with kubectl, also every kustomize variant rendered and validated
#
#   bash deploy/check.sh
#
# Needs node with npm, and shellcheck (Debian package "shellcheck"). Installs the npm tools pinned in
# deploy/tools/package-lock.json into deploy/tools/node_modules when missing or out of date. Any failed check
# exits 1; only the optional kubectl rendering is skipped when its tool is missing.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
tools=deploy/tools
bin="$tools/node_modules/.bin"

source scripts/lib/checks.sh
work="$checks_work"

# npm ci is fast from npm's cache; it runs no install scripts (dockerlinter's would download ShellCheck,
# which comes from Debian here).
install_tools() {
    if [ -f "$tools/node_modules/.package-lock.json" ] \
        && [ ! "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
        echo "up to date"
        return 0
    fi
    npm ci --prefix "$tools" --ignore-scripts --no-audit --no-fund --loglevel=error
}

# dockerlinter exits 1 on any finding (-e info); dockerfile-utils exits 0 on warnings, so any output fails.
lint_dockerfile() {
    "$bin/dockerlinter" -f "$1" -s sh -e info || return 1
    "$bin/dockerfile-utils" lint "$1" >"$work/utils" 2>&1
    local status=$?
    cat "$work/utils"
    [ "$status" -eq 0 ] && [ ! -s "$work/utils" ] && echo "no findings"
}

# Renders the default kustomization and each other component choice, then validates what came out (patches
# included) against the schemas.
render_variants() {
    local variant dir out files=()
    for variant in keda hpa prometheus-operator; do
        dir="$work/kubernetes-$variant"
        cp -r deploy/kubernetes "$dir"
        case "$variant" in
            hpa) sed -i 's|^  - components/keda$|  - components/hpa|' "$dir/kustomization.yaml" ;;
            prometheus-operator)
                sed -i 's|^  # - components/prometheus-operator.*|  - components/prometheus-operator|' "$dir/kustomization.yaml" ;;
        esac
        out="$work/rendered-$variant.yaml"
        kubectl kustomize "$dir" >"$out" || return 1
        echo "components/$variant: $(grep -c '^kind:' "$out") objects"
        files+=("$out")
    done
    node "$tools/manifests.mjs" "$root" "${files[@]}"
}

if ! have node || ! have npm; then
    echo "deploy checks need node and npm" >&2
    exit 1
fi
if ! have shellcheck; then
    echo "deploy checks need shellcheck (Debian: apt-get install shellcheck)" >&2
    exit 1
fi

check "npm ci in $tools" install_tools
if [ "$failed" -gt 0 ]; then
    summarize "deploy checks"
    exit 1
fi

for dockerfile in docker/*.Dockerfile; do
    check "lint $dockerfile" lint_dockerfile "$dockerfile"
done
check "Dockerfile rules (one per service, layers, non-root, health check, compose)" \
    node "$tools/dockerfiles.mjs" "$root"
check "Kubernetes manifests: schemas, unknown fields, references (deploy/kubernetes)" \
    node "$tools/manifests.mjs" "$root"
if have kubectl; then
    check "kubectl kustomize: every component choice renders and validates" render_variants
else
    skip "kubectl kustomize" "kubectl not found; the kustomizations' files and references were checked above"
fi

summarize "deploy checks"
