#!/usr/bin/env bash
# Completing versions for `gover install` never touches the network: `gover complete remote`
# answers from the cached index only. Before any fetch it offers nothing (and sends no request);
# after `gover list-remote` has cached the mirror's index it offers those versions, newest first,
# with the mirror gone.
# shellcheck disable=SC2016 # the inner shells' scripts are single-quoted on purpose
set -euo pipefail
source "$GOVER_SOURCE_DIR/tests/support/shell_env.sh"
source "$GOVER_SOURCE_DIR/tests/support/mirror.sh"
mirror_require
shell_env_setup
trap 'mirror_stop; rm -rf -- "$SHELL_TMP"' EXIT

shell_env_write_index "$SHELL_TMP/mirror"
mirror_start "$SHELL_TMP/mirror"
run() { shell_run GOVER_MIRROR="$MIRROR_URL" SSL_CERT_FILE="$MIRROR_CA" "$@"; }

expect_eq "nothing cached: no remote words" "" "$(run gover complete remote)"
expect_eq "nothing cached: no platforms" "" "$(run gover complete platforms)"
expect_eq "completing sent no request" 0 "$(mirror_request_count)"

run gover list-remote >/dev/null
requests=$(mirror_request_count)
[[ $requests -ge 1 ]] || shell_env_fail "gover list-remote made no request to the mirror"

expected=$(printf '1.23rc1\n1.22.5\n1.21.0')
expect_eq "cached: this platform's versions, newest first, old pre-releases left out" \
    "$expected" "$(run gover complete remote)"
expect_eq "completing from the cache sent no request" "$requests" "$(mirror_request_count)"
expect_eq "cached: the platforms with archives" "$(printf '%s\n' "$HOST_GOOS-$HOST_GOARCH" plan9-mips | sort)" \
    "$(run gover complete platforms)"

mirror_stop
expect_eq "the mirror gone: still answered from the cache" "$expected" "$(run gover complete remote)"

SCRIPT='eval "$(gover init bash)"; COMP_WORDS=(gover install 1.2); COMP_CWORD=2; _gover
printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "'
expect_eq "bash completes install from the cache" "1.21.0 1.22.5 1.23rc1 " \
    "$(run bash --norc --noprofile -c "$SCRIPT")"

# Another mirror has its own cache: nothing is borrowed from the first.
expect_eq "another mirror's cache is not used" "" \
    "$(shell_run GOVER_MIRROR=https://127.0.0.1:1/other/ gover complete remote)"
echo "PASS: shell_complete_cache"
