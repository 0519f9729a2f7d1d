#!/usr/bin/env bash
# A shim that leads back to a shim through a program that runs `go` as a child (not exec: the
# same-pid guard cannot see it) stops once GOVER_SHIM_DEPTH reaches 20, exits 127 and names the
# loop, instead of forking until the process limit (README "Exit codes"). Both ways in: a
# `system` go that is a wrapper script, and GOVER_AUTO_INSTALL=1 with bin/gover a wrapper that
# calls a shim. Each run is bounded by `timeout`: a regression fails, it does not hang.
set -euo pipefail
# shellcheck source=tests/support/shim_env.sh
source "${GOVER_SOURCE_DIR:?}/tests/support/shim_env.sh"

fake_toolchain 1.21.0
link_shims go gofmt go1.21.0
P=$E2E_TMP/project
mkdir -p "$P/bin"
cd "$P"
export PWD=$P

# --- system: a wrapper script that runs go from PATH (the shim again) -------------------------------
printf '#!/bin/sh\ngo "$@"\n' >bin/go
chmod +x bin/go
run_capture timeout 60 env PATH="$SHIMS:$PWD/bin:/usr/bin:/bin" GOVER_VERSION=system \
    "$SHIMS/go" version
expect_eq "system loop: status" 127 "$RC"
expect_contains "system loop: names the loop" \
    "gover: error: \`system\` resolves back to a gover shim through $P/bin/go" "$ERR"
expect_eq "system loop: one error line" 1 "$(grep -c 'gover: error:' <<<"$ERR")"

# a wrapper that runs go only a few levels deep is not a loop
cat >bin/go <<WRAPPER
#!/bin/sh
n=\$(cat "$P/count" 2>/dev/null || echo 0)
echo \$((n + 1)) >"$P/count"
if [ "\$n" -lt 5 ]; then go "\$@"; else echo "system go after \$n"; fi
WRAPPER
run_capture timeout 60 env PATH="$SHIMS:$PWD/bin:/usr/bin:/bin" GOVER_VERSION=system \
    "$SHIMS/go" version
expect_eq "bounded nesting: status" 0 "$RC"
expect_eq "bounded nesting: output" "system go after 5" "$OUT"

# --- GOVER_AUTO_INSTALL=1: bin/gover is a wrapper that calls a shim -------------------------------
printf 'golang 1.19.3\n' >"$P/.tool-versions"
printf '#!/bin/sh\ngo version\n' >"$GOVER_HOME/bin/gover"
chmod +x "$GOVER_HOME/bin/gover"
run_capture timeout 60 env PATH="$SHIMS:/usr/bin:/bin" GOVER_AUTO_INSTALL=1 "$SHIMS/go" version
expect_eq "auto-install loop: status" 127 "$RC"
expect_contains "auto-install loop: names the loop" \
    "resolves back to a gover shim through $GOVER_HOME/bin/gover" "$ERR"

e2e_finish
