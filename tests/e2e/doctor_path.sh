#!/usr/bin/env bash
# `gover doctor` on PATH problems: another go before the shims (a fake /usr/local/go), a go
# built for another architecture (crafted ELF header), two gover binaries, shims not on PATH,
# and the probe seeing the other toolchain really run.
set -euo pipefail
source "${GOVER_SOURCE_DIR:-$(dirname "$0")/../..}/tests/support/doctor_e2e.sh"
de_setup

de_version 1.22.5
de_shims go gofmt go1.22.5
echo 1.22.5 >"$GOVER_HOME/global"

# An ELF header for the other architecture: e_machine 183 (aarch64) or 62 (x86_64).
other_arch=arm64 machine='\267\000'
[[ $DE_ARCH == arm64 ]] && other_arch=amd64 machine='\076\000'
elf() {
    printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\002\000'"$machine"'\001\000\000\000'
    head -c 104 /dev/zero
}

# 1. A go earlier on PATH than the shims, really running when typed.
usr_local_go=$DE_TMP/usr-local-go/bin
mkdir -p "$usr_local_go"
printf '#!/bin/sh\nprintf "go1.19.0\\n/usr/local/go\\n%s\\n" %s\n' '%s' "$DE_ARCH" >"$usr_local_go/go"
chmod +x "$usr_local_go/go"
printf 'eval "$(gover init bash)"\nexport PATH=%s:$PATH\n' "$usr_local_go" >"$HOME/.bashrc"
DE_PATH=$usr_local_go:$GOVER_HOME/shims:$DE_TOOLS
de_doctor --json
de_expect_eq "shadowed: exit status" 1 "$DE_RC"
de_expect path-shadow warning
de_expect_contains "shadow fix names the line" "$HOME/.bashrc:2" "$(de_text path-shadow fix)"
de_expect probe error
de_expect_contains "probe message" "GOVERSION is go1.19.0" "$(de_text probe)"
de_expect startup-path warning
de_expect_none shims-path

# 2. A go for another architecture anywhere on PATH.
arm_dir=$DE_TMP/foreign/bin
mkdir -p "$arm_dir"
elf >"$arm_dir/go"
chmod +x "$arm_dir/go"
printf 'eval "$(gover init bash)"\n' >"$HOME/.bashrc"
DE_PATH=$GOVER_HOME/shims:$DE_TOOLS:$arm_dir
de_doctor --json
de_expect go-arch error
de_expect_contains "go-arch message" "built for $other_arch" "$(de_text go-arch)"
de_expect_none path-shadow
de_expect_none probe

# 3. Binaries in GOBIN for another architecture.
mkdir -p "$DE_TMP/gobin"
elf >"$DE_TMP/gobin/gopls"
chmod +x "$DE_TMP/gobin/gopls"
DE_ENV=(GOBIN=$DE_TMP/gobin)
de_doctor --json
de_expect gobin-arch warning
DE_ENV=()

# 4. Two gover binaries, one of them for another architecture.
mkdir -p "$DE_TMP/g1" "$DE_TMP/g2"
ln -s "$GOVER_BIN" "$DE_TMP/g1/gover"
elf >"$DE_TMP/g2/gover"
chmod +x "$DE_TMP/g2/gover"
DE_PATH=$GOVER_HOME/shims:$DE_TMP/g1:$DE_TMP/g2:$DE_TOOLS
de_doctor --json
de_expect gover-path warning
[[ $(de_findings | grep -c '^gover-path ') == 2 ]] || de_fail "expected two gover-path findings"

# 5. The shims not on PATH at all.
DE_PATH=$DE_TOOLS
de_doctor --json
de_expect shims-path warning
de_expect probe error
de_expect_contains "no go at all" "no go could be started" "$(de_text probe)"
echo "doctor_path: ok"
