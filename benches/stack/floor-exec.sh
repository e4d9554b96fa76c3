#!/usr/bin/env bash
# The floor of `exec CONTAINER -- true`: the three Docker API calls an exec
# needs (create, start attached, inspect for the exit code), made with curl
# on the engine's socket and nothing else.
set -euo pipefail
sock=${DOCKER_SOCK:-/var/run/docker.sock}
id=$(curl -fsS --unix-socket "$sock" -H 'Content-Type: application/json' \
  -d '{"Cmd":["true"],"AttachStdout":true,"AttachStderr":true}' \
  "http://localhost/containers/$1/exec" | sed 's/.*"Id":"\([0-9a-f]*\)".*/\1/')
curl -fsS --unix-socket "$sock" -H 'Content-Type: application/json' \
  -d '{"Detach":false,"Tty":false}' "http://localhost/exec/$id/start" >/dev/null
curl -fsS --unix-socket "$sock" "http://localhost/exec/$id/json" | grep -q '"ExitCode":0'
