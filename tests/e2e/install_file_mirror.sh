#!/usr/bin/env bash
# A local directory as the mirror (README "Configuration": GOVER_MIRROR=file:///path/): the scheme
# in any case (FILE:// is file://, as URL schemes are case-insensitive), and a directory whose
# name holds a space, which must work for the archive as it does for the index.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"

LOCAL="$WORK/local mirror"
mkdir -p "$LOCAL"
INDEX_DIR=$LOCAL
for v in 1.21.0 1.22.5; do
    go_toolchain_synthetic "$v" "$LOCAL/go$v.linux-amd64.tar.gz"
    index_add "$v" "go$v.linux-amd64.tar.gz"
done
index_write "$LOCAL"
GV_CA=
PLATFORM=(--platform linux-amd64)

GV_MIRROR="file://$LOCAL/" gv install 1.21.0 "${PLATFORM[@]}" 2>"$WORK/err" ||
    fail_check "file:// mirror with a space: $(cat "$WORK/err")"
[[ -f $GOVER_HOME/versions/1.21.0/VERSION ]] || fail_check "file:// mirror with a space: not installed"

GV_MIRROR="FILE://$LOCAL" gv install 1.22.5 "${PLATFORM[@]}" 2>"$WORK/err" ||
    fail_check "FILE:// mirror: $(cat "$WORK/err")"
[[ -f $GOVER_HOME/versions/1.22.5/VERSION ]] || fail_check "FILE:// mirror: not installed"
out=$(GV_MIRROR="FILE://$LOCAL" gv list-remote "${PLATFORM[@]}" 2>"$WORK/err") ||
    fail_check "FILE:// list-remote: $(cat "$WORK/err")"
[[ $out == "$(printf '1.22.5\n1.21.0')" ]] || fail_check "FILE:// list-remote: [$out]"

invariants_report
