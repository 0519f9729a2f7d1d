#!/usr/bin/env bash
# gover's main job in one command: build gover, install a Go toolchain and run `go version`
# through gover's shim. From go.dev when it is reachable; otherwise (a machine without internet)
# from a local nginx HTTPS mirror serving Debian's Go 1.19 repackaged as go.dev's
# go1.19.8.linux-amd64.tar.gz — the same mirror and toolchain the end-to-end tests use.
# The store is build/demo-home unless GOVER_HOME is set.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/deps.sh build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target gover gover-shim
gover=$root/build/cmd/gover/gover
export GOVER_HOME=${GOVER_HOME:-$root/build/demo-home}
export GOVER_SHIM_PATH=$root/build/shims/gover-shim

spec=latest
if ! timeout 20 "$gover" list-remote latest >/dev/null 2>&1; then
  echo "demo: go.dev is not reachable; serving Debian's Go 1.19 from a local HTTPS mirror" >&2
  scripts/deps.sh test
  # shellcheck source=tests/support/mirror.sh
  source tests/support/mirror.sh
  # shellcheck source=tests/support/go_toolchain.sh
  source tests/support/go_toolchain.sh
  archive=$(go_toolchain_real "$root/build/test-cache")
  mirror_root=$root/build/demo-mirror
  rm -rf "$mirror_root" && mkdir -p "$mirror_root"
  ln -s "$archive" "$mirror_root/$(basename "$archive")"
  INDEX_DIR=$mirror_root
  index_add 1.19.8 "$(basename "$archive")" linux amd64 "$(cat "$archive.sha256")" \
    "$(stat -L -c %s "$archive")"
  index_write "$mirror_root"
  mirror_start "$mirror_root"
  trap mirror_stop EXIT
  export GOVER_MIRROR=$MIRROR_URL SSL_CERT_FILE=$MIRROR_CA
  spec=1.19.8
fi

"$gover" install "$spec"
"$gover" use --global "$spec"
echo "demo: PATH=$GOVER_HOME/shims:\$PATH; go version says:" >&2
PATH=$GOVER_HOME/shims:$PATH go version
