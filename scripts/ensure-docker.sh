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

# A 2 MB image with sh, httpd, wget and nc: FROM scratch plus busybox-static,
# with the few files tools expect of a Linux image (/etc/passwd names root,
# /tmp exists): the Dev Containers CLI execs in as a named user.
if ! docker image inspect itp-test/busybox:2 >/dev/null 2>&1; then
  if ! dpkg -s busybox-static >/dev/null 2>&1; then apt_install busybox-static; fi
  ctx=$(mktemp -d)
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /etc /tmp /root && chmod 1777 /tmp \
 && echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd \
 && echo 'root:x:0:' > /etc/group
DOCKERFILE
  # (the legacy builder's deprecation notice on stderr is noise here)
  docker build -q -t itp-test/busybox:2 "$ctx" >/dev/null 2>"$ctx/err" || { cat "$ctx/err"; exit 1; }
  rm -rf "$ctx"
  echo "built itp-test/busybox:2"
fi

# The repository's example profile uses `busybox:latest`. With no registry
# reachable (as on CI here) it cannot be pulled, so the local build stands in.
if ! docker image inspect busybox:latest >/dev/null 2>&1; then
  docker pull -q busybox:latest >/dev/null 2>&1 || docker tag itp-test/busybox:2 busybox:latest
fi
