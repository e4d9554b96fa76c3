#!/usr/bin/env bash
# Python tools the tests check our output with, from PyPI, in one venv:
# opentelemetry-proto (the official protobuf bindings of OTLP; the test
# collector decodes our traces with them) and check-jsonschema (GitHub's
# workflow schema, vendored in it, for .github/workflows and docs/ci.md).
# Prints the venv's python.
set -euo pipefail
venv=${ITP_DEV_PY_TOOLS_VENV:-$HOME/.cache/itp-dev-test/py-tools}
if ! "$venv/bin/python" -c 'import opentelemetry.proto.collector.trace.v1.trace_service_pb2' 2>/dev/null \
  || [ ! -x "$venv/bin/check-jsonschema" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q opentelemetry-proto check-jsonschema >&2
fi
echo "$venv/bin/python"
