# shellcheck shell=bash
# Helpers for the `gover doctor` end-to-end tests (tests/e2e/doctor_*.sh): a temp HOME and
# GOVER_HOME, hand-made toolchains (scripts answering `go env`), the real gover-shim, and a
# controlled environment for each run of the real `gover doctor`.
#
#   source "$GOVER_SOURCE_DIR/tests/support/doctor_e2e.sh"
#   de_setup                      # DE_TMP, HOME, GOVER_HOME, DE_WORK, DE_TOOLS; cd $DE_WORK
#   de_version 1.22.5             # versions/1.22.5 with bin/go and bin/gofmt, meta/1.22.5.json
#   de_shims go gofmt go1.22.5    # shims/<name> -> ../bin/gover-shim (a copy of GOVER_SHIM_BIN)
#   DE_PATH=...                   # the PATH gover doctor sees (default: shims, then tools)
#   DE_ENV+=(GOFLAGS=x)           # more variables for it
#   de_doctor --json              # runs it: DE_OUT, DE_ERR, DE_RC
#   de_expect CHECK SEVERITY [fixed]   # a finding in DE_OUT (JSON) of that check and severity
#   de_expect_none CHECK          # no finding of that check

de_fail() {
    echo "FAIL: $*" >&2
    if [[ -n ${DE_OUT:-} || -n ${DE_ERR:-} ]]; then
        printf -- '--- stdout\n%s\n--- stderr\n%s\n' "${DE_OUT:-}" "${DE_ERR:-}" >&2
    fi
    exit 1
}

de_setup() {
    [[ -n ${GOVER_BIN:-} && -x $GOVER_BIN ]] || de_fail "GOVER_BIN is not set to the gover binary"
    [[ -n ${GOVER_SHIM_BIN:-} && -x $GOVER_SHIM_BIN ]] || de_fail "GOVER_SHIM_BIN is not set"
    command -v ruby >/dev/null || {
        echo "SKIP: ruby is needed to read doctor's JSON" >&2
        exit 77
    }
    DE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/gover-doctor-e2e.XXXXXX")
    DE_TMP=$(cd "$DE_TMP" && pwd -P)
    trap 'rm -rf "$DE_TMP"' EXIT
    export HOME=$DE_TMP/home
    export GOVER_HOME=$DE_TMP/gover
    DE_WORK=$DE_TMP/work
    DE_TOOLS=$DE_TMP/tools
    mkdir -p "$HOME" "$GOVER_HOME"/{versions,shims,bin,meta,tmp,locks} "$DE_WORK" "$DE_TOOLS"
    case $(uname -m) in
    x86_64 | amd64) DE_ARCH=amd64 DE_CPU=x86_64 ;;
    aarch64 | arm64) DE_ARCH=arm64 DE_CPU=aarch64 ;;
    *)
        echo "SKIP: the doctor e2e tests know amd64 and arm64 hosts only" >&2
        exit 77
        ;;
    esac
    [[ $(uname -s) == Linux ]] || {
        echo "SKIP: the doctor e2e tests build a Linux setup" >&2
        exit 77
    }
    # A C compiler that names this machine, so cgo findings come only from the tests.
    printf '#!/bin/sh\necho %s-linux-gnu\n' "$DE_CPU" >"$DE_TOOLS/cc"
    chmod +x "$DE_TOOLS/cc"
    cp "$GOVER_SHIM_BIN" "$GOVER_HOME/bin/gover-shim"
    printf 'eval "$(gover init bash)"\n' >"$HOME/.bashrc"
    printf '[ -f ~/.bashrc ] && . ~/.bashrc\n' >"$HOME/.bash_profile"
    DE_PATH=$GOVER_HOME/shims:$DE_TOOLS
    DE_ENV=()
    cd "$DE_WORK"
}

# A toolchain whose go answers `go env GOVERSION GOROOT GOARCH` (and `go env -u VAR` by
# rewriting $GOENV, as go does), with an install record listing its files.
de_version() {
    local v=$1 root=$GOVER_HOME/versions/$1
    mkdir -p "$root/bin"
    cat >"$root/bin/go" <<SCRIPT
#!/bin/sh
if [ "\$1 \$2" = "env GOVERSION" ]; then
    printf 'go$v\n%s\n%s\n' "\$GOROOT" "\${GOARCH:-$DE_ARCH}"
    exit 0
fi
if [ "\$1 \$2" = "env -u" ]; then
    kept=''
    while IFS= read -r line || [ -n "\$line" ]; do
        case "\$line" in "\$3="*) ;; *) kept="\$kept\$line
" ;; esac
    done <"\$GOENV"
    printf '%s' "\$kept" >"\$GOENV"
    exit 0
fi
echo "go$v: unexpected arguments: \$*" >&2
exit 2
SCRIPT
    printf '#!/bin/sh\nexit 0\n' >"$root/bin/gofmt"
    printf 'go%s\n' "$v" >"$root/VERSION"
    chmod +x "$root/bin/go" "$root/bin/gofmt"
    local files='' f size
    for f in bin/go bin/gofmt VERSION; do
        size=$(wc -c <"$root/$f" | tr -d ' ')
        files+="${files:+,}
    {\"path\": \"$f\", \"size\": $size}"
    done
    cat >"$GOVER_HOME/meta/$v.json" <<JSON
{
  "version": "$v",
  "url": "https://example.invalid/go$v.linux-$DE_ARCH.tar.gz",
  "sha256": "$(printf '%064d' 0)",
  "size": 0,
  "installed_at": "2024-06-01T12:00:00Z",
  "platform": "linux-$DE_ARCH",
  "platform_override": false,
  "files": [$files
  ]
}
JSON
}

de_shims() {
    local name
    for name in "$@"; do
        ln -sfn ../bin/gover-shim "$GOVER_HOME/shims/$name"
    done
}

de_doctor() {
    local out=$DE_TMP/.out err=$DE_TMP/.err
    DE_RC=0
    env -i HOME="$HOME" GOVER_HOME="$GOVER_HOME" PATH="$DE_PATH" SHELL=/bin/bash \
        CC="$DE_TOOLS/cc" GOENV="${DE_GOENV:-$DE_TMP/goenv}" GOVER_SHIM_PATH="$GOVER_SHIM_BIN" \
        ${DE_ENV[@]+"${DE_ENV[@]}"} "$GOVER_BIN" doctor "$@" >"$out" 2>"$err" </dev/null || DE_RC=$?
    DE_OUT=$(cat "$out")
    DE_ERR=$(cat "$err")
}

# Prints the findings of DE_OUT as "check severity fixed" lines.
de_findings() {
    ruby -rjson -e '
        JSON.parse(STDIN.read).each { |f|
            %w[check severity message fix].each { |k| raise "no #{k}" unless f[k].is_a?(String) }
            puts [f["check"], f["severity"], f.key?("fixed") ? f["fixed"] : "-"].join(" ")
        }' <<<"$DE_OUT" || de_fail "doctor printed no valid JSON"
}

de_expect() {
    local check=$1 severity=$2 fixed=${3:-}
    local line
    line=$(de_findings | grep -E "^$check $severity " | head -1) ||
        de_fail "expected a $severity finding from $check"
    if [[ -n $fixed && ${line##* } != "$fixed" ]]; then
        de_fail "expected $check fixed=$fixed, got: $line"
    fi
}

de_expect_none() {
    if de_findings | grep -qE "^$1 "; then
        de_fail "expected no finding from $1"
    fi
}

# The message (or, with a second argument "fix", the fix) of the first finding of a check.
de_text() {
    ruby -rjson -e '
        f = JSON.parse(STDIN.read).find { |x| x["check"] == ARGV[0] }
        puts f ? f[ARGV[1]] : ""' "$1" "${2:-message}" <<<"$DE_OUT"
}

de_expect_eq() {
    [[ $2 == "$3" ]] || de_fail "$1: expected [$2], got [$3]"
}

de_expect_contains() {
    [[ $3 == *"$2"* ]] || de_fail "$1: expected [$3] to contain [$2]"
}
