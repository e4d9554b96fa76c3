#!/usr/bin/env bash
# The programs the remote-engine tests start for themselves on loopback
# (tests/it/remote_engines.rs): OpenSSH's server and client, for
# DOCKER_HOST=ssh://, and stunnel with openssl, a TLS front to the test
# engine for tcp:// with TLS. Installs Debian's packages when missing; starts
# nothing (each test starts its own server on a free port and stops it).
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
command -v stunnel >/dev/null 2>&1 || missing+=(stunnel4)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  as_root apt-get update -qq
  # policy-rc.d 101: the package must not start a system sshd on port 22.
  printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
  as_root chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null || { as_root rm -f /usr/sbin/policy-rc.d; exit 1; }
  as_root rm -f /usr/sbin/policy-rc.d
fi
as_root mkdir -p /run/sshd
