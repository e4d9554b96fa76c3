#!/usr/bin/env bash
# `itp-dev k8s` against the real single-node cluster of
# scripts/ensure-kubernetes.sh, beside kubectl doing the same work:
#   cold push   a fresh namespace to Ready (3 services: a StatefulSet with a
#               volume and a secret env file, a web server that waits for it,
#               a dev container); peer: none (kubectl apply does not wait)
#   warm push   nothing changed; peer: `kubectl apply --server-side` of the
#               same objects (rendered) in a namespace of its own
#   status      peer: `kubectl get deployments,statefulsets`
#   exec true   in the dev pod; peer: `kubectl exec`
#
#   benches/k8s.sh            # ~3 minutes
#
# Needs hyperfine (apt-get install hyperfine). Starts the cluster, and
# stops it at the end. Timings live here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 1; }
bash scripts/ensure-docker.sh >/dev/null
bash scripts/ensure-images.sh >/dev/null
cargo build --release --locked -q
itp=$root/target/release/itp-dev
export KUBECONFIG
KUBECONFIG=$(scripts/ensure-kubernetes.sh start)
trap 'scripts/ensure-kubernetes.sh stop; kubectl delete namespace -l app.kubernetes.io/managed-by=itp-dev --wait=false >/dev/null 2>&1 || true' EXIT

work=$(mktemp -d /tmp/itp-k8s-bench.XXXX)
out=$work/results
mkdir -p "$out" "$work/p"
profile() { # namespace
  cat <<TOML
version = 1
name = "bench"
[dev]
image = "itp-test/busybox:2"
workdir = "/workspace"
[services.db]
image = "itp-test/busybox:2"
command = ["httpd", "-f", "-p", "5432", "-h", "/data"]
env_file = ["db.env"]
volumes = ["db-data:/data"]
ports = ["5432"]
healthcheck = { command = "nc -w 1 127.0.0.1 5432 </dev/null", interval = "1s" }
[services.web]
image = "itp-test/busybox:2"
command = ["httpd", "-f", "-p", "80"]
ports = ["18080:80"]
depends_on = { db = "healthy" }
[kubernetes]
namespace = "$1"
local_images = true
TOML
}
echo "DB_PASSWORD=bench-secret" >"$work/p/db.env"
hf() { # name, then hyperfine arguments
  local name=$1
  shift
  hyperfine -N --style basic --export-json "$out/$name.json" "$@" 2>&1 | grep -E "^(Benchmark|  Time)" || true
}

echo "== cold push to Ready (3 runs, a fresh namespace each)"
for i in 1 2 3; do
  profile "bench-cold-$i-$$" >"$work/p/itp-dev.toml"
  /usr/bin/time -f "%e" -o "$work/cold-$i" "$itp" -C "$work/p" -q k8s push --timeout 180s
  echo "  run $i: $(cat "$work/cold-$i") s"
done
python3 - "$work" "$out" <<'PY'
import json, pathlib, sys
work, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
times = [float((work / f"cold-{i}").read_text()) for i in (1, 2, 3)]
(out / "cold-push.json").write_text(json.dumps({"results": [{"command": "itp-dev", "times": times}]}))
PY

ns=bench-warm-$$
profile "$ns" >"$work/p/itp-dev.toml"
"$itp" -C "$work/p" -q k8s push --timeout 180s
# kubectl's copy: the same objects, rendered for a namespace of its own.
"$itp" -C "$work/p" -q k8s render --namespace "$ns-kubectl" >"$work/kubectl.yaml"
kubectl apply --server-side -f "$work/kubectl.yaml" >/dev/null
echo "== warm push (nothing changed)"
hf warm-push -n itp-dev "$itp -C $work/p -q k8s push" \
  -n "kubectl apply" "kubectl apply --server-side -f $work/kubectl.yaml"
echo "== status"
hf status -n itp-dev "$itp -C $work/p -q k8s status" \
  -n "kubectl get" "kubectl get deployments,statefulsets -n $ns"
echo "== exec true"
pod=$(kubectl get pods -n "$ns" -l app.kubernetes.io/name=dev -o name | head -1)
hf exec -n itp-dev "$itp -C $work/p -q k8s exec dev -- true" \
  -n "kubectl exec" "kubectl exec -n $ns $pod -- true"

python3 benches/report.py "$out" cold-push warm-push status exec
