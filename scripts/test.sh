#!/usr/bin/env bash
# The project's test command (README, and .ci/run). It sets up what the
# tests need on a fresh machine, then runs the checks and the whole suite.
# Safe to run again: it reuses whatever is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
cargo --version
rustup component list --installed 2>/dev/null | grep -qE '^(rustfmt|clippy)' || rustup component add rustfmt clippy

step "docker engine, local registries (open and htpasswd), test images, sshd and stunnel (remote engines), Dev Containers CLI, kubernetes-validate, opentelemetry-proto and check-jsonschema, cargo-deb"
scripts/ensure-docker.sh
scripts/ensure-registry.sh
scripts/ensure-images.sh
scripts/ensure-remote-tools.sh
scripts/ensure-cargo-deb.sh
ITP_DEV_DEVCONTAINER_CLI=$(scripts/ensure-devcontainer-cli.sh)
ITP_DEV_KUBERNETES_VALIDATE=$(scripts/ensure-k8s-validate.sh)
ITP_DEV_PY_TOOLS=$(scripts/ensure-py-tools.sh)
export ITP_DEV_DEVCONTAINER_CLI ITP_DEV_KUBERNETES_VALIDATE ITP_DEV_PY_TOOLS

step "format"
cargo fmt --all -- --check

step "lints"
cargo clippy --all-targets --features system-tests --locked -- -D warnings

step "tests"
mkdir -p target
status=0
# The cluster tests run on their own below, with the cluster up only then:
# a kubelet and its pods load a small machine, and the rest of the suite
# has timing-sensitive tests.
cargo test --all-targets --features system-tests --locked --no-fail-fast -- --skip k8s_cluster:: --skip podman:: 2>&1 \
  | tee target/test.log || status=1

step "podman: the engine tests that run against Podman's Docker-compatible API too"
podman_host=$(scripts/ensure-podman.sh)
ITP_DEV_TEST_PODMAN_HOST=$podman_host cargo test --features system-tests --locked --test it podman:: 2>&1 \
  | tee -a target/test.log || status=1
# The engine suites again, every command and docker CLI call on Podman.
ITP_DEV_TEST_ENGINE_HOST=$podman_host cargo test --features system-tests --locked --test it -- \
  docker_up:: docker_down:: docker_status:: docker_faults:: docker_daily:: 2>&1 \
  | tee -a target/test.log || status=1
scripts/ensure-podman.sh stop

step "kubernetes: a real single-node cluster (built once, cached), and the tests against it"
kubeconfig=$(scripts/ensure-kubernetes.sh start)
trap 'scripts/ensure-kubernetes.sh stop' EXIT
ITP_DEV_TEST_KUBECONFIG=$kubeconfig cargo test --features system-tests --locked --test it k8s_cluster 2>&1 \
  | tee -a target/test.log || status=1
scripts/ensure-kubernetes.sh stop
trap - EXIT

grep -E '^test result:' target/test.log | awk '{p+=$4; f+=$6; i+=$8} END {printf "\ntotal: %d passed, %d failed, %d skipped\n", p, f, i}'
exit $status
