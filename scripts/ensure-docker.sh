#!/usr/bin/env bash
# Make sure a Docker engine answers, and that the images the tests use exist.
# A user's own engine is used as it is; only when `docker info` fails (as on
# a fresh CI machine) is Debian's docker.io installed and dockerd started.
# Nothing is pulled: test images are built locally from Debian packages.
set -euo pipefail

log=${ITP_DEV_DOCKERD_LOG:-/tmp/itp-dev-dockerd.log}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  if [ -z "${apt_updated:-}" ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

if ! docker info >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "installing Debian's docker.io"
    apt_install docker.io
  fi
  echo "starting dockerd (log: $log)"
  # vfs works on any filesystem, including inside containers without overlayfs.
  as_root sh -c "nohup dockerd --storage-driver=vfs >'$log' 2>&1 &"
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { echo "dockerd did not answer within 60 s; its log:"; tail -20 "$log"; exit 1; }
fi
echo "docker engine: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

# A 2 MB image with sh, httpd, wget and nc: FROM scratch plus busybox-static.
if ! docker image inspect itp-test/busybox:1 >/dev/null 2>&1; then
  if ! dpkg -s busybox-static >/dev/null 2>&1; then apt_install busybox-static; fi
  ctx=$(mktemp -d)
  cp /bin/busybox "$ctx/busybox"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n' >"$ctx/Dockerfile"
  # (the legacy builder's deprecation notice on stderr is noise here)
  docker build -q -t itp-test/busybox:1 "$ctx" >/dev/null 2>"$ctx/err" || { cat "$ctx/err"; exit 1; }
  rm -rf "$ctx"
  echo "built itp-test/busybox:1"
fi

# A real registry (distribution v2, Debian's docker-registry) on
# 127.0.0.1:5000 for the pull and push tests; the engine allows plain HTTP to
# 127.0.0.0/8 registries. Started only when nothing answers there.
registry_up() { curl -fsS -o /dev/null http://127.0.0.1:5000/v2/ 2>/dev/null; }
if ! registry_up; then
  if ! command -v docker-registry >/dev/null 2>&1; then apt_install docker-registry; fi
  reg_dir=${ITP_DEV_REGISTRY_DIR:-/tmp/itp-dev-registry}
  mkdir -p "$reg_dir/data"
  cat >"$reg_dir/config.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $reg_dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
YAML
  nohup docker-registry serve "$reg_dir/config.yml" >"$reg_dir/log" 2>&1 &
  for _ in $(seq 1 60); do registry_up && break; sleep 0.25; done
  registry_up || { echo "docker-registry did not answer on 127.0.0.1:5000; its log:"; tail -20 "$reg_dir/log"; exit 1; }
  echo "registry: 127.0.0.1:5000 (data in $reg_dir)"
fi
if ! curl -fsS http://127.0.0.1:5000/v2/itp-test/busybox/tags/list 2>/dev/null | grep -q '"1"'; then
  docker tag itp-test/busybox:1 127.0.0.1:5000/itp-test/busybox:1
  docker push -q 127.0.0.1:5000/itp-test/busybox:1 >/dev/null
  echo "pushed 127.0.0.1:5000/itp-test/busybox:1"
fi

# The repository's example profile uses `busybox:latest`. With no registry
# reachable (as on CI here) it cannot be pulled, so the local build stands in.
if ! docker image inspect busybox:latest >/dev/null 2>&1; then
  docker pull -q busybox:latest >/dev/null 2>&1 || docker tag itp-test/busybox:1 busybox:latest
fi
