#!/usr/bin/env bash
# PyPI's kubernetes-validate (the official OpenAPI schemas of Kubernetes
# 1.25 to 1.37, with strict variants) in a venv, for the manifest tests.
# Prints the path of its command.
set -euo pipefail
venv=${ITP_DEV_K8S_VALIDATE_VENV:-$HOME/.cache/itp-dev-test/kubernetes-validate}
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q kubernetes-validate >&2
fi
echo "$venv/bin/kubernetes-validate"
