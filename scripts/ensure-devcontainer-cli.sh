#!/usr/bin/env bash
# The Dev Containers CLI (the reference implementation behind VS Code's Dev
# Containers extension), for the tests that prove the generated
# devcontainer.json works. Installed from npm once, into a cache directory;
# prints its path.
set -euo pipefail
dir=${ITP_DEV_DEVCONTAINER_CLI_DIR:-$HOME/.cache/itp-dev-test/devcontainer-cli}
bin=$dir/node_modules/.bin/devcontainer
if [ ! -x "$bin" ]; then
  command -v npm >/dev/null || { echo "npm is needed to install @devcontainers/cli" >&2; exit 1; }
  npm install --silent --no-audit --no-fund --prefix "$dir" @devcontainers/cli@0.89 >&2
fi
echo "$bin"
