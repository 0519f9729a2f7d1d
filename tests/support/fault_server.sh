# shellcheck shell=bash
# Starts tests/support/fault_server.py (HTTPS on 127.0.0.1, certificates from mirror.sh's CA).
# Source mirror.sh first.
#   fault_server_start <root_dir> <mode>   exports FAULT_URL (https://127.0.0.1:<port>/dl/),
#                                          FAULT_CA, FAULT_LOG; see fault_server.py for modes
#   fault_server_stop                      safe to call twice and from an EXIT trap
# Needs python3 (Debian: apt-get install python3); fault_server_require exits 77 without it.

FAULT_PYTHON=${FAULT_PYTHON:-}
FAULT_PID=""
FAULT_DIR=""

fault_server_require() {
    if [[ -z $FAULT_PYTHON ]]; then
        FAULT_PYTHON=$(command -v python3 || true)
    fi
    if [[ -z $FAULT_PYTHON ]]; then
        echo "SKIP: python3 not found (apt-get install python3)" >&2
        exit 77
    fi
    mirror_require
}

fault_server_start() {
    local root=$1 mode=$2
    fault_server_require
    FAULT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gover-fault.XXXXXX")
    _mirror_make_certs "$FAULT_DIR" || {
        echo "fault_server_start: cannot make certificates" >&2
        return 1
    }
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    "$FAULT_PYTHON" "$here/fault_server.py" --root "$root" --mode "$mode" \
        --cert "$FAULT_DIR/server.pem" --key "$FAULT_DIR/server.key" \
        --port-file "$FAULT_DIR/port" --log "$FAULT_DIR/requests.log" \
        2>"$FAULT_DIR/stderr.log" &
    FAULT_PID=$!
    local i
    for i in $(seq 1 100); do
        [[ -s $FAULT_DIR/port ]] && break
        if ! kill -0 "$FAULT_PID" 2>/dev/null; then
            echo "fault_server_start: the server died:" >&2
            cat "$FAULT_DIR/stderr.log" >&2
            return 1
        fi
        sleep 0.05
    done
    [[ -s $FAULT_DIR/port ]] || return 1
    touch "$FAULT_DIR/requests.log"
    export FAULT_URL="https://127.0.0.1:$(cat "$FAULT_DIR/port")/dl/"
    export FAULT_CA="$FAULT_DIR/ca.pem"
    export FAULT_LOG="$FAULT_DIR/requests.log"
}

fault_server_stop() {
    if [[ -n $FAULT_PID ]]; then
        kill "$FAULT_PID" 2>/dev/null
        wait "$FAULT_PID" 2>/dev/null
        FAULT_PID=""
    fi
    if [[ -n $FAULT_DIR ]]; then
        rm -rf "$FAULT_DIR"
        FAULT_DIR=""
    fi
}
