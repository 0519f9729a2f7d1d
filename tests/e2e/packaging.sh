#!/usr/bin/env bash
# Packaging, as far as it can be checked on Linux:
#  1. `cmake --install` into a temp prefix gives bin/gover, libexec/gover/gover-shim, the three
#     completions at their conventional paths and share/man/man1/gover.1, and the man page
#     names every command the CLI has.
#  2. packaging/release.sh (on a throwaway git copy of the source) makes a tarball, its sha256,
#     and a formula with url/sha256 filled that `ruby -c` accepts.
#  3. The formula, loaded by tests/support/formula_stub.rb: its CMake flags are ones this
#     project's configure uses (configured from the release tarball), the files it installs
#     exist in the tarball, and its `test do` block passes against the install from step 1.
#  4. cpack makes a .tar.gz and a .deb; as root (only), the .deb installs with dpkg -i, and
#     /usr/bin/gover --version runs; the package is removed afterwards.
set -euo pipefail
source "$GOVER_SOURCE_DIR/tests/support/shell_env.sh"
shell_env_setup
[[ -n ${GOVER_BUILD_DIR:-} && -f $GOVER_BUILD_DIR/CMakeCache.txt ]] ||
    shell_env_fail "GOVER_BUILD_DIR is not a configured build directory"

deb_installed=""
cleanup() {
    if [[ -n $deb_installed ]]; then
        dpkg -r gover >/dev/null 2>&1 || echo "WARNING: dpkg -r gover failed" >&2
    fi
    rm -rf -- "$SHELL_TMP"
}
trap cleanup EXIT

version=$(sed -n 's/^project(gover VERSION \([0-9.]*\).*/\1/p' "$GOVER_SOURCE_DIR/CMakeLists.txt")
commands=$("$GOVER_BIN" complete commands | cut -f1)
[[ -n $commands ]] || shell_env_fail "gover complete commands listed nothing"

# --- 1. cmake --install ---------------------------------------------------------------------
prefix="$SHELL_TMP/prefix"
cmake --install "$GOVER_BUILD_DIR" --prefix "$prefix" >"$SHELL_TMP/install.log" ||
    { cat "$SHELL_TMP/install.log" >&2; shell_env_fail "cmake --install failed"; }
for f in bin/gover libexec/gover/gover-shim; do
    [[ -x $prefix/$f ]] || shell_env_fail "cmake --install made no executable $f"
    echo "ok: installs $f"
done
declare -A completion_files=(
    [share/bash-completion/completions/gover]=gover.bash
    [share/zsh/site-functions/_gover]=gover.zsh
    [share/fish/vendor_completions.d/gover.fish]=gover.fish
)
for f in "${!completion_files[@]}"; do
    cmp -s "$prefix/$f" "$GOVER_SOURCE_DIR/packaging/completions/${completion_files[$f]}" ||
        shell_env_fail "cmake --install did not install the completion $f"
    echo "ok: installs $f"
done
man="$prefix/share/man/man1/gover.1"
[[ -f $man ]] || shell_env_fail "cmake --install made no share/man/man1/gover.1"
expect_eq "the installed gover runs" "gover $version" "$(env -i "$prefix/bin/gover" --version)"

# Every command, as a .TP/.BR entry of the COMMANDS section (not just the word anywhere).
for cmd in $commands; do
    grep -Eq "^\.(B|BR) \"?$cmd( |\"|$)" "$man" || shell_env_fail "the man page does not describe 'gover $cmd'"
    echo "ok: the man page describes $cmd"
done
for line in 'eval "$(gover init zsh)"' 'eval "$(gover init bash)"' 'gover init fish | source'; do
    grep -qF -- "$line" "$man" || shell_env_fail "the man page does not show the init line '$line'"
    echo "ok: the man page shows $line"
done
if command -v groff >/dev/null; then
    groff -ww -man -z "$man" 2>"$SHELL_TMP/groff.err" ||
        shell_env_fail "groff cannot format gover.1: $(cat "$SHELL_TMP/groff.err")"
    [[ ! -s $SHELL_TMP/groff.err ]] || shell_env_fail "groff -ww warns about gover.1: $(cat "$SHELL_TMP/groff.err")"
    echo "ok: groff -ww -man formats the man page without warnings"
fi
if command -v man >/dev/null && man --help 2>&1 | grep -q -- '--local-file'; then
    MANWIDTH=100 man --local-file "$man" >"$SHELL_TMP/man.txt" 2>"$SHELL_TMP/man.err" ||
        shell_env_fail "man cannot render gover.1: $(cat "$SHELL_TMP/man.err")"
    [[ ! -s $SHELL_TMP/man.err ]] || shell_env_fail "man warns about gover.1: $(cat "$SHELL_TMP/man.err")"
    echo "ok: the man page renders without warnings"
fi

# --- 2. release.sh on a throwaway git copy ----------------------------------------------------
command -v git >/dev/null || shell_env_fail "git is needed for the release script test"
copy="$SHELL_TMP/src"
mkdir -p "$copy"
# The source as it is now (committed or not), without build trees or git metadata.
tar -C "$GOVER_SOURCE_DIR" --exclude='./build*' --exclude=./.git --exclude=./dist \
    --exclude=./.cache -cf - . | tar -C "$copy" -xf -
git -C "$copy" init -q
git -C "$copy" add -A
git -C "$copy" -c user.name=test -c user.email=test@example.invalid commit -q -m release
dist="$SHELL_TMP/dist"
"$copy/packaging/release.sh" --repo example/gover --out "$dist" >"$SHELL_TMP/release.log" ||
    { cat "$SHELL_TMP/release.log" >&2; shell_env_fail "release.sh failed"; }
tarball="$dist/gover-$version.tar.gz"
formula="$dist/gover.rb"
[[ -f $tarball && -f $formula ]] || shell_env_fail "release.sh made no $tarball or $formula"
sha=$(sha256sum "$tarball" | cut -d' ' -f1)
expect_eq "the .sha256 file holds the tarball's hash" "$sha  gover-$version.tar.gz" \
    "$(cat "$tarball.sha256")"
expect_lacks "no placeholder is left in the formula" "@SHA256@" "$(cat "$formula")"
if grep -Eq '@[A-Z0-9_]+@' "$formula"; then shell_env_fail "a placeholder is left in $formula"; fi
tar -tzf "$tarball" >"$SHELL_TMP/tarball.list"
grep -qx "gover-$version/CMakeLists.txt" "$SHELL_TMP/tarball.list" ||
    shell_env_fail "the tarball has no gover-$version/CMakeLists.txt"
echo "ok: the tarball holds the source under gover-$version/"
set +e
"$copy/packaging/release.sh" --repo example/gover --out "$dist" --ref no-such-ref 2>"$SHELL_TMP/err" >/dev/null
status=$?
set -e
expect_eq "release.sh refuses an unknown ref" 1 "$status"
expect_contains "and says which" "no-such-ref" "$(cat "$SHELL_TMP/err")"

command -v ruby >/dev/null || { echo "SKIP: ruby not found (apt-get install ruby): formula checks" >&2; exit 77; }
ruby -c "$formula" >/dev/null || shell_env_fail "ruby -c rejects the rendered formula"
echo "ok: ruby -c accepts the formula"

# --- 3. the formula ---------------------------------------------------------------------------
stub="$GOVER_SOURCE_DIR/tests/support/formula_stub.rb"
ruby "$stub" describe "$formula" "$SHELL_TMP/brew-prefix" >"$SHELL_TMP/facts" ||
    shell_env_fail "the formula does not load"
fact() { sed -n "s/^$1 //p" "$SHELL_TMP/facts"; }
expect_eq "formula url" "https://github.com/example/gover/releases/download/v$version/gover-$version.tar.gz" "$(fact url)"
expect_eq "formula sha256 is the tarball's" "$sha" "$(fact sha256)"
deps=$(fact depends_on | tr '\n' ' ')
expect_contains "formula depends on cmake build" " cmake build " " $deps"
# Every package the CMake build looks for (outside the tests) is a dependency, under its
# Homebrew name; header-only ones are needed at build time only. ZLIB is looked for only in
# builds without ISA-L (the formula has isa-l), and macOS has zlib in its SDK.
declare -A brew_name=(
    [tl-expected]="tl-expected build" [nlohmann_json]="nlohmann-json build"
    [CLI11]="cli11 build" [PkgConfig]="pkg-config build" [libisal]="isa-l"
    [CURL]="curl" [LibArchive]="libarchive" [OpenSSL]="openssl@3" [Threads]="" [ZLIB]=""
)
found=$(cat "$GOVER_SOURCE_DIR/CMakeLists.txt" "$GOVER_SOURCE_DIR"/cmake/*.cmake \
    "$GOVER_SOURCE_DIR"/{lib/*,cmd/*,shims,packaging}/CMakeLists.txt 2>/dev/null |
    sed -n -e 's/.*find_package(\([A-Za-z0-9_.-]*\).*/\1/p' \
        -e 's/.*pkg_check_modules([A-Za-z0-9_]* *\(IMPORTED_TARGET \)\{0,1\}\([A-Za-z0-9_.-]*\).*/\2/p' |
    sort -u)
[[ -n $found ]] || shell_env_fail "found no find_package in the CMake files"
for pkg in $found; do
    [[ -v brew_name[$pkg] ]] ||
        shell_env_fail "CMake looks for $pkg: add its Homebrew formula to gover.rb.in and to this test"
    [[ -z ${brew_name[$pkg]} ]] && continue
    expect_contains "formula depends on ${brew_name[$pkg]} (CMake finds $pkg)" " ${brew_name[$pkg]} " " $deps"
done
expect_contains "the caveats start with the init line's purpose" "shims" "$(fact caveats)"

# The configure command, with std_cmake_args pointing at a temp prefix.
configure=$(fact system | grep -m1 $'^cmake\x1f-S') || shell_env_fail "the formula runs no 'cmake -S'"
IFS=$'\x1f' read -r -a configure_args <<<"$configure"
install_cmd=$(fact system | grep -c $'^cmake\x1f--install\x1fbuild$' || true)
expect_eq "the formula installs with cmake --install build" 1 "$install_cmd"
formula_defines=()
for arg in "${configure_args[@]}"; do
    if [[ $arg == -D* ]]; then
        name=${arg#-D}
        name=${name%%=*}
        formula_defines+=("$name")
    fi
done
# Configure the release tarball exactly so (the build itself is the one step 1 installed).
mkdir -p "$SHELL_TMP/unpacked"
tar -C "$SHELL_TMP/unpacked" -xzf "$tarball"
(
    cd "$SHELL_TMP/unpacked/gover-$version"
    # Keg-only roots are Homebrew paths; here the system's copies are the ones to find.
    args=()
    for arg in "${configure_args[@]:1}"; do
        [[ $arg == *=/stub/opt/* ]] && arg=${arg%%=*}=/usr
        args+=("$arg")
    done
    cmake "${args[@]}" -G Ninja >"$SHELL_TMP/configure.log" 2>&1
) || { tail -30 "$SHELL_TMP/configure.log" >&2; shell_env_fail "the formula's cmake configure fails"; }
echo "ok: the formula's cmake configure succeeds on the release tarball"
# cmake warns about unused -D variables, listed indented under this header.
unused=$(sed -n '/Manually-specified variables were not used/,$p' "$SHELL_TMP/configure.log" |
    grep -E '^    [A-Za-z_][A-Za-z0-9_]*$' || true)
for name in "${formula_defines[@]}"; do
    case $name in
    GOVER_* | CMAKE_INSTALL_LIBEXECDIR)
        expect_lacks "the project uses the formula's -D$name" "$name" "$unused"
        grep -q "^$name:" "$SHELL_TMP/unpacked/gover-$version/build/CMakeCache.txt" ||
            shell_env_fail "-D$name is not in the configured cache"
        ;;
    esac
done
grep -q '^GOVER_INSTALL_COMPLETIONS:BOOL=OFF' "$SHELL_TMP/unpacked/gover-$version/build/CMakeCache.txt" ||
    shell_env_fail "the formula does not turn off cmake's completions (brew installs them)"

while read -r method from to; do
    grep -qx "gover-$version/$from" "$SHELL_TMP/tarball.list" ||
        shell_env_fail "the formula installs $from, which the tarball lacks"
    echo "ok: $method installs $from (in the tarball) as $to"
done < <(fact install)
expect_eq "the formula installs three completions" 3 "$(fact install | wc -l | tr -d ' ')"

# The formula's `test do`, against the install from step 1 (same paths as the formula's).
mkdir -p "$SHELL_TMP/testpath"
env -i PATH=/usr/bin:/bin HOME="$SHELL_TMP/testpath" \
    ruby "$stub" test "$formula" "$prefix" "$SHELL_TMP/testpath" ||
    shell_env_fail "the formula's test block fails against the installed gover"
echo "ok: the formula's test block passes"

# --- 4. cpack: .tar.gz and .deb -------------------------------------------------------------
command -v cpack >/dev/null || { echo "SKIP: cpack not found" >&2; exit 77; }
[[ -f $GOVER_BUILD_DIR/CPackConfig.cmake ]] || shell_env_fail "no CPackConfig.cmake in the build"
pkgdir="$SHELL_TMP/pkg"
cpack -G TGZ -B "$pkgdir" --config "$GOVER_BUILD_DIR/CPackConfig.cmake" >"$SHELL_TMP/cpack.log" 2>&1 ||
    { cat "$SHELL_TMP/cpack.log" >&2; shell_env_fail "cpack -G TGZ failed"; }
tgz=$(ls "$pkgdir"/gover-"$version"-*.tar.gz)
tar -tzf "$tgz" >"$SHELL_TMP/tgz.list"
for f in bin/gover libexec/gover/gover-shim share/man/man1/gover.1 \
    share/bash-completion/completions/gover share/zsh/site-functions/_gover \
    share/fish/vendor_completions.d/gover.fish; do
    grep -q "/$f$" "$SHELL_TMP/tgz.list" || shell_env_fail "the .tar.gz lacks $f"
done
echo "ok: the .tar.gz holds the binaries, completions and man page"

if ! command -v dpkg-deb >/dev/null; then
    echo "SKIP: dpkg-deb not found (a Debian system is needed for the .deb checks)" >&2
    exit 77
fi
cpack -G DEB -B "$pkgdir" --config "$GOVER_BUILD_DIR/CPackConfig.cmake" >"$SHELL_TMP/cpack.log" 2>&1 ||
    { cat "$SHELL_TMP/cpack.log" >&2; shell_env_fail "cpack -G DEB failed"; }
deb=$(ls "$pkgdir"/gover_"$version"_*.deb)
dpkg-deb -c "$deb" >"$SHELL_TMP/deb.list"
# Debian's own places: zsh reads vendor-completions there, not site-functions.
for f in usr/bin/gover usr/libexec/gover/gover-shim usr/share/man/man1/gover.1 \
    usr/share/bash-completion/completions/gover usr/share/zsh/vendor-completions/_gover \
    usr/share/fish/vendor_completions.d/gover.fish; do
    grep -q " \./$f$" "$SHELL_TMP/deb.list" || shell_env_fail "the .deb lacks /$f"
done
expect_lacks "the .deb has no zsh site-functions" "site-functions" "$(cat "$SHELL_TMP/deb.list")"
echo "ok: the .deb holds the binaries, completions (Debian's paths) and man page"
depends=$(dpkg-deb -f "$deb" Depends)
expect_contains "the .deb depends on libcurl" "libcurl" "$depends"
expect_contains "the .deb depends on libarchive" "libarchive" "$depends"

if [[ $(id -u) != 0 ]]; then
    echo "NOTE: not root: the .deb was built and checked, not installed (dpkg -i needs root)"
    echo "PASS: packaging"
    exit 0
fi
if dpkg -s gover >/dev/null 2>&1 || [[ -e /usr/bin/gover ]]; then
    echo "SKIP: gover is already installed on this machine; not replacing it with the test .deb" >&2
    exit 77
fi
deb_installed=yes
dpkg -i "$deb" >"$SHELL_TMP/dpkg.log" 2>&1 || { cat "$SHELL_TMP/dpkg.log" >&2; shell_env_fail "dpkg -i failed"; }
expect_eq "/usr/bin/gover --version runs from the .deb" "gover $version" \
    "$(env -i PATH=/usr/bin:/bin /usr/bin/gover --version)"
[[ -x /usr/libexec/gover/gover-shim ]] || shell_env_fail "the .deb installed no /usr/libexec/gover/gover-shim"
# The packaged completions load on their own, from the shells' default search paths.
if command -v zsh >/dev/null; then
    : >"$SHELL_TMP/empty.zsh"
    set +e
    out=$(env -i HOME="$HOME" PATH=/usr/bin:/bin TERM=dumb ZSH_COMPLETE_ORDER=setup-first \
        zsh -f "$GOVER_SOURCE_DIR/tests/support/zsh_complete.zsh" "$SHELL_TMP/empty.zsh" 'gover li')
    status=$?
    set -e
    if [[ $status != 77 ]]; then
        expect_eq "zsh autoloads the packaged _gover" "$(printf 'list\nlist-remote\n--')" "$out"
    fi
fi
if command -v fish >/dev/null; then
    # (not --no-config: that empties fish_complete_path; HOME here has no config of its own)
    out=$(env -i HOME="$HOME" PATH=/usr/bin:/bin fish -c \
        'complete -C"gover li" | string replace -r "\t.*" "" | sort | string join " "')
    expect_eq "fish autoloads the packaged completion" "list list-remote" "$out"
fi
dpkg -r gover >/dev/null
deb_installed=""
[[ ! -e /usr/bin/gover ]] || shell_env_fail "dpkg -r left /usr/bin/gover behind"
echo "ok: dpkg -r removes it"
echo "PASS: packaging"
