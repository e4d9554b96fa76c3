#!/usr/bin/env bash
# For the pull and push tests: a registry on 127.0.0.1:5000 holding the test
# image. Run after scripts/ensure-docker.sh (scripts/test.sh does both).
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# A real registry (distribution v2, Debian's docker-registry) on
# 127.0.0.1:5000 for the pull and push tests; the engine allows plain HTTP to
# 127.0.0.0/8 registries. Started only when nothing answers there.
command -v curl >/dev/null || apt_install curl ca-certificates
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
if ! curl -fsS http://127.0.0.1:5000/v2/itp-test/busybox/tags/list 2>/dev/null | grep -q '"2"'; then
  docker tag itp-test/busybox:2 127.0.0.1:5000/itp-test/busybox:2
  docker push -q 127.0.0.1:5000/itp-test/busybox:2 >/dev/null
  echo "pushed 127.0.0.1:5000/itp-test/busybox:2"
fi


# A second registry on 127.0.0.1:5001 behind htpasswd basic auth (user
# `itp-test`, password `itp-registry-pw-7`), for the private-registry tests:
# credentials from a helper, a pull Secret, a failing login.
command -v htpasswd >/dev/null 2>&1 || apt_install apache2-utils
private_up() { [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:5001/v2/ 2>/dev/null)" = 401 ]; }
if ! private_up; then
  reg_dir=${ITP_DEV_REGISTRY_DIR:-/tmp/itp-dev-registry}-private
  mkdir -p "$reg_dir/data"
  htpasswd -Bbn itp-test itp-registry-pw-7 >"$reg_dir/htpasswd"
  cat >"$reg_dir/config.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $reg_dir/data
http:
  addr: 127.0.0.1:5001
auth:
  htpasswd:
    realm: itp-test
    path: $reg_dir/htpasswd
YAML
  nohup docker-registry serve "$reg_dir/config.yml" >"$reg_dir/log" 2>&1 &
  for _ in $(seq 1 60); do private_up && break; sleep 0.25; done
  private_up || { echo "the private docker-registry did not answer on 127.0.0.1:5001; its log:"; tail -20 "$reg_dir/log"; exit 1; }
  echo "registry: 127.0.0.1:5001, htpasswd (data in $reg_dir)"
fi
