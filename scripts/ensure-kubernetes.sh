#!/usr/bin/env bash
# A real single-node Kubernetes on loopback for the cluster tests:
# etcd (Debian's etcd-server), and kube-apiserver, kube-controller-manager,
# kube-scheduler, a kubelet and kube-proxy v1.20.2 built once from Debian
# bookworm's `kubernetes` source package (it vendors its Go modules, so it
# builds offline with Debian's golang-go). The 1.20 kubelet still has
# dockershim: pods run on the Docker engine scripts/ensure-docker.sh
# started, from local images. Cluster DNS is dnsmasq on the Docker bridge,
# fed with the Services (and headless Services' endpoints) by a loop here:
# CoreDNS is not in Debian. docs/kubernetes.md says what this cluster is
# and is not.
#
#   scripts/ensure-kubernetes.sh build   build the binaries into the cache (once)
#   scripts/ensure-kubernetes.sh start   build if needed, start, wait for Ready;
#                                        prints the kubeconfig path on stdout
#   scripts/ensure-kubernetes.sh stop    stop it and remove the pods' containers
#   scripts/ensure-kubernetes.sh dns-feed   (internal) keeps the DNS records current
#
# Idempotent: what already runs is reused. The cluster loads a 2-core machine
# (a kubelet's housekeeping), so scripts/test.sh starts it only for the
# cluster tests and stops it afterwards.
set -euo pipefail

self=$(readlink -f "$0")
cache=${ITP_DEV_KUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/itp-dev-kube}
run=${ITP_DEV_KUBE_DIR:-/tmp/itp-dev-kube}
bin=$cache/bin
version=1.20.5+really1.20.2
api_port=16443
etcd_port=23790

say() { printf 'kubernetes: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  if [ -z "${apt_updated:-}" ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

build() {
  if [ -x "$bin/kubelet" ] && [ -x "$bin/kube-apiserver" ] && [ -x "$bin/kube-controller-manager" ] \
    && [ -x "$bin/kube-scheduler" ] && [ -x "$bin/kube-proxy" ] && [ -f "$bin/pause.c" ]; then
    return
  fi
  if [ ! -f /etc/apt/sources.list.d/itp-dev-debsrc.sources ]; then
    as_root tee /etc/apt/sources.list.d/itp-dev-debsrc.sources >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt_updated=
  fi
  say "installing the build tools (golang-go, rsync, jq, dpkg-dev)"
  apt_install golang-go rsync jq dpkg-dev
  local src=$cache/src
  mkdir -p "$src"
  if [ ! -d "$src/kubernetes-$version" ]; then
    say "fetching Debian's kubernetes source package (34 MB)"
    (cd "$src" && apt-get source -qq "kubernetes=$version-1.1+deb12u1" >/dev/null)
  fi
  cd "$src/kubernetes-$version"
  # This VM refuses a negative oom_score_adj and runc then fails every
  # container; dockershim asks for -998 on each pod sandbox. Leave it at 0.
  sed -i 's/defaultSandboxOOMAdj int = -998/defaultSandboxOOMAdj int = 0/' pkg/kubelet/dockershim/docker_sandbox.go
  sed -i 's/createConfig.HostConfig.OomScoreAdj = int(rOpts.OomScoreAdj)$/if rOpts.OomScoreAdj > 0 { createConfig.HostConfig.OomScoreAdj = int(rOpts.OomScoreAdj) }/' \
    pkg/kubelet/dockershim/helpers_linux.go
  mkdir -p .go/src/k8s.io "$src/home"
  ln -sfn ../../.. .go/src/k8s.io/kubernetes
  say "building kube-apiserver, controller-manager, scheduler, kubelet, kube-proxy (6-16 min on 2 cores, once; log: $src/build.log)"
  GOPATH=$PWD/.go CGO_ENABLED=0 HOME=$src/home \
    make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler cmd/kubelet cmd/kube-proxy" \
    >"$src/build.log" 2>&1 || { tail -30 "$src/build.log" >&2; exit 1; }
  mkdir -p "$bin"
  cp _output/bin/kube-apiserver _output/bin/kube-controller-manager _output/bin/kube-scheduler _output/bin/kubelet \
    _output/bin/kube-proxy build/pause/linux/pause.c "$bin"/
  say "built into $bin"
}

pidfile_alive() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }

# Starts one component in the background unless its previous start still runs.
daemon() {
  local name=$1; shift
  pidfile_alive "$name" && return
  nohup "$@" >"$run/$name.log" 2>&1 &
  echo $! >"$run/$name.pid"
}

certificates() {
  [ -f "$run/ca.crt" ] && return
  (
    cd "$run"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 365 -subj /CN=itp-dev-test-ca 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout api.key -out api.csr -subj /CN=kube-apiserver 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1\n' >san.ext
    openssl x509 -req -in api.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out api.crt -days 365 -extfile san.ext 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    # admin is in system:masters; dev is a user RBAC gives nothing (forbidden-namespace tests).
    printf 'admintoken,admin,1,"system:masters"\ndevtoken,dev,2\n' >tokens.csv
  )
}

kubeconfigs() {
  cat >"$run/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: itp-dev-test
  cluster: {server: "https://127.0.0.1:$api_port", certificate-authority: "$run/ca.crt"}
users:
- name: admin
  user: {token: admintoken}
- name: dev
  user: {token: devtoken}
contexts:
- name: itp-dev-test-admin
  context: {cluster: itp-dev-test, user: admin}
- name: itp-dev-test-dev
  context: {cluster: itp-dev-test, user: dev}
current-context: itp-dev-test-admin
EOF
  cat >"$run/components.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:$api_port", certificate-authority: "$run/ca.crt"}}]
users: [{name: admin, user: {token: admintoken}}]
contexts: [{name: c, context: {cluster: c, user: admin}}]
current-context: c
EOF
}

api_ready() {
  curl -fsk -H 'Authorization: Bearer admintoken' "https://127.0.0.1:$api_port/readyz" 2>/dev/null | grep -q ok
}

node_ready() {
  kubectl --kubeconfig "$run/kubeconfig" get node localhost \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -q True
}

pause_image() {
  docker image inspect k8s.gcr.io/pause:3.2 >/dev/null 2>&1 && return
  command -v gcc >/dev/null || apt_install gcc libc6-dev
  local ctx
  ctx=$(mktemp -d)
  gcc -Os -static -DVERSION=v3.2 -o "$ctx/pause" "$bin/pause.c"
  printf 'FROM scratch\nCOPY pause /pause\nENTRYPOINT ["/pause"]\n' >"$ctx/Dockerfile"
  docker build -q -t k8s.gcr.io/pause:3.2 "$ctx" >/dev/null 2>"$ctx/log" || { cat "$ctx/log" >&2; exit 1; }
  rm -rf "$ctx"
}

# The bridge the pods are on: where they find the cluster DNS.
bridge_ip() { ip -4 -o addr show docker0 | awk '{print $4}' | cut -d/ -f1; }

# Every second: rewrites dnsmasq's hosts file from the Services, as
# CoreDNS's kubernetes plugin would answer (NAME.NAMESPACE.svc.cluster.local
# is the Service's cluster IP, or a headless Service's ready endpoints);
# and makes released volumes available again, emptied, as a provisioner
# would (the built-in recycler needs an image from a registry).
dns_feed() {
  # A call that fails (the API server busy or restarting) must not end the
  # feed: with set -e one failed kubectl stopped it for good and every
  # Service created after it went unresolved (seen on CI). Errors go to
  # dns-feed.log; the hosts file is replaced only from a complete answer.
  set +e +o pipefail
  local kc=$run/kubeconfig hosts=$run/dns/hosts services headless endpoints
  while true; do
    for pv in $(kubectl --kubeconfig "$kc" get pv -o go-template='{{range .items}}{{if eq .status.phase "Released"}}{{.metadata.name}} {{end}}{{end}}'); do
      dir=$(kubectl --kubeconfig "$kc" get pv "$pv" -o go-template='{{.spec.hostPath.path}}')
      case "$dir" in "$run"/pv/*) find "$dir" -mindepth 1 -delete 2>/dev/null ;; esac
      kubectl --kubeconfig "$kc" patch pv "$pv" --type json -p '[{"op":"remove","path":"/spec/claimRef"}]' >/dev/null
    done
    if services=$(kubectl --kubeconfig "$kc" get svc -A -o go-template='{{range .items}}{{.spec.clusterIP}} {{.metadata.namespace}} {{.metadata.name}}{{"\n"}}{{end}}') \
      && endpoints=$(kubectl --kubeconfig "$kc" get endpoints -A -o go-template='{{range .items}}{{$n := .metadata.name}}{{$ns := .metadata.namespace}}{{range .subsets}}{{range .addresses}}{{$ns}}/{{$n}} {{.ip}}{{"\n"}}{{end}}{{end}}{{end}}'); then
      headless=$(awk '$1 == "None" { print $2 "/" $3 }' <<<"$services")
      {
        awk '$1 != "None" && NF == 3 { print $1, $3 "." $2 ".svc.cluster.local" }' <<<"$services"
        awk -v list="$headless" 'BEGIN { n = split(list, h, "\n"); for (i = 1; i <= n; i++) keep[h[i]] = 1 }
            keep[$1] { split($1, p, "/"); print $2, p[2] "." p[1] ".svc.cluster.local" }' <<<"$endpoints"
      } >"$hosts.new"
      if ! cmp -s "$hosts.new" "$hosts"; then
        mv "$hosts.new" "$hosts"
        [ -f "$run/dnsmasq.pid" ] && kill -HUP "$(cat "$run/dnsmasq.pid")" 2>/dev/null
      fi
    fi
    sleep 1
  done
}

# The feed has answered once: the API server's own Service is in the hosts file.
dns_fed() { grep -q ' kubernetes\.default\.svc\.cluster\.local$' "$run/dns/hosts" 2>/dev/null; }

start() {
  build
  command -v etcd >/dev/null || apt_install etcd-server
  command -v kubectl >/dev/null || apt_install kubernetes-client
  command -v openssl >/dev/null || apt_install openssl
  mkdir -p "$run"
  certificates
  kubeconfigs
  cd "$run"
  daemon etcd etcd --data-dir "$run/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls http://127.0.0.1:23800
  if ! api_ready; then
    say "starting the API server on 127.0.0.1:$api_port"
    daemon apiserver "$bin/kube-apiserver" --etcd-servers="http://127.0.0.1:$etcd_port" --bind-address=127.0.0.1 \
      --secure-port=$api_port --advertise-address=127.0.0.1 --tls-cert-file=api.crt --tls-private-key-file=api.key \
      --client-ca-file=ca.crt --token-auth-file=tokens.csv --authorization-mode=Node,RBAC \
      --service-cluster-ip-range=10.0.0.0/24 --service-account-issuer=https://kubernetes.default.svc \
      --service-account-key-file=sa.pub --service-account-signing-key-file=sa.key --insecure-port=0 \
      --kubelet-preferred-address-types=Hostname
    for _ in $(seq 1 120); do api_ready && break; sleep 0.5; done
    api_ready || { say "the API server did not become ready; its log:"; tail -20 apiserver.log >&2; exit 1; }
  fi
  daemon controller-manager "$bin/kube-controller-manager" --kubeconfig="$run/components.kubeconfig" \
    --service-account-private-key-file=sa.key --root-ca-file=ca.crt --use-service-account-credentials=false \
    --controllers='*,-nodeipam,-attachdetach,-persistentvolume-expander' --leader-elect=false
  daemon scheduler "$bin/kube-scheduler" --kubeconfig="$run/components.kubeconfig" --leader-elect=false
  # Service cluster IPs routed by iptables; --masquerade-all because pods
  # on one Docker bridge would otherwise answer each other past the NAT.
  daemon proxy "$bin/kube-proxy" --kubeconfig="$run/components.kubeconfig" --hostname-override=localhost \
    --proxy-mode=iptables --masquerade-all --cluster-cidr=172.17.0.0/16 --conntrack-max-per-core=0 \
    --metrics-bind-address=127.0.0.1:10249 --healthz-bind-address=127.0.0.1:10256
  command -v dnsmasq >/dev/null || apt_install dnsmasq-base
  local dns
  dns=$(bridge_ip)
  mkdir -p "$run/dns"
  : >"$run/dns/hosts"  # stale records from an earlier start must not pass for a live feed
  if ! pidfile_alive dnsmasq; then
    dnsmasq --keep-in-foreground --no-hosts --addn-hosts="$run/dns/hosts" --listen-address="$dns" \
      --bind-interfaces --pid-file= --log-facility="$run/dnsmasq.log" >/dev/null 2>&1 &
    echo $! >"$run/dnsmasq.pid"
  fi
  daemon dns-feed "$self" dns-feed
  for _ in $(seq 1 60); do dns_fed && break; sleep 0.5; done
  dns_fed || { say "the cluster DNS feed wrote no records; its log:"; tail -20 "$run/dns-feed.log" >&2; exit 1; }
  pause_image
  # itp-dev's dependency waits run busybox:1.36 (`nc`); nothing can be
  # pulled here, so the test busybox stands in when the engine has none.
  if ! docker image inspect busybox:1.36 >/dev/null 2>&1 && docker image inspect itp-test/busybox:2 >/dev/null 2>&1; then
    docker tag itp-test/busybox:2 busybox:1.36
  fi
  mkdir -p "$run/kubelet" "$run/pv"
  # The node is called localhost and the kubelet listens on loopback only:
  # this VM's API server must reach it there (a node IP of 127.0.0.1 is refused).
  daemon kubelet "$bin/kubelet" --kubeconfig="$run/components.kubeconfig" --container-runtime=docker \
    --pod-infra-container-image=k8s.gcr.io/pause:3.2 --fail-swap-on=false --cgroup-driver=cgroupfs \
    --cgroups-per-qos=false --enforce-node-allocatable= --hostname-override=localhost --anonymous-auth=true \
    --authorization-mode=AlwaysAllow --root-dir="$run/kubelet" --address=127.0.0.1 --port=10250 \
    --read-only-port=0 --cgroup-root=/ --image-gc-high-threshold=100 --eviction-hard= \
    --resolv-conf=/etc/resolv.conf --cluster-dns="$dns" --cluster-domain=cluster.local
  for _ in $(seq 1 90); do node_ready && break; sleep 1; done
  node_ready || { say "the node did not become Ready; the kubelet's log:"; tail -20 kubelet.log >&2; exit 1; }
  # No storage provisioner: hostPath volumes that class-less claims bind to.
  for i in $(seq 1 16); do
    printf 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: itp-dev-test-pv%s}\nspec: {capacity: {storage: 50Gi}, accessModes: [ReadWriteOnce, ReadWriteMany], persistentVolumeReclaimPolicy: Retain, hostPath: {path: "%s/pv/%s"}}\n---\n' \
      "$i" "$run" "$i"
  done | kubectl --kubeconfig "$run/kubeconfig" apply -f - >/dev/null
  say "node localhost Ready (kubeconfig: $run/kubeconfig, contexts itp-dev-test-admin and itp-dev-test-dev)"
  echo "$run/kubeconfig"
}

stop() {
  [ -d "$run" ] || return 0
  for name in dns-feed dnsmasq proxy kubelet scheduler controller-manager apiserver etcd; do
    if pidfile_alive "$name"; then kill "$(cat "$run/$name.pid")" 2>/dev/null || true; fi
    rm -f "$run/$name.pid"
  done
  # kube-proxy's iptables chains would outlive it too.
  [ -x "$bin/kube-proxy" ] && "$bin/kube-proxy" --cleanup >/dev/null 2>&1 || true
  # The pods' containers outlive the kubelet; dockershim names them k8s_*.
  docker ps -aq --filter 'name=^k8s_' | xargs -r docker rm -f >/dev/null 2>&1 || true
  say "stopped"
}

case "${1:-start}" in
  build) build ;;
  start) start ;;
  dns-feed) dns_feed ;;
  stop) stop ;;
  *) echo "usage: $0 build|start|stop" >&2; exit 2 ;;
esac
