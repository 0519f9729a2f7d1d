#!/usr/bin/env bash
# Makes a release: the source tarball (git archive) and the Homebrew formula that builds it.
#
#   packaging/release.sh [--ref REF] [--version X.Y.Z] [--repo OWNER/NAME] [--url URL] [--out DIR]
#
#   --ref      what to archive; default: the tag vX.Y.Z if --version is given and the tag
#              exists, else HEAD
#   --version  default: the project(gover VERSION ...) line of CMakeLists.txt at REF
#   --repo     the GitHub repository; default: from the origin remote. Gives the formula's
#              homepage and the default --url
#   --url      where the tarball will be downloaded from; default:
#              https://github.com/REPO/releases/download/vX.Y.Z/gover-X.Y.Z.tar.gz
#   --out      output directory; default: dist/ in the source tree
#
# Writes OUT/gover-X.Y.Z.tar.gz (top directory gover-X.Y.Z/), OUT/gover-X.Y.Z.tar.gz.sha256 and
# OUT/gover.rb (packaging/homebrew/gover.rb.in with url and sha256 filled in). Upload the
# tarball to the release, then copy gover.rb to the tap's Formula/ directory.
set -euo pipefail

die() {
    echo "release.sh: error: $*" >&2
    exit 1
}

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ref="" version="" repo="" url="" out="$src/dist"
while (($#)); do
    case $1 in
    --ref | --version | --repo | --url | --out)
        (($# >= 2)) || die "$1 needs a value"
        declare "${1#--}=$2"
        shift 2
        ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
done

git -C "$src" rev-parse --git-dir >/dev/null 2>&1 || die "$src is not a git repository"

if [[ -z $ref ]]; then
    if [[ -n $version ]] && git -C "$src" rev-parse -q --verify "refs/tags/v$version" >/dev/null; then
        ref="v$version"
    else
        ref=HEAD
    fi
fi
git -C "$src" rev-parse -q --verify "$ref^{commit}" >/dev/null || die "no commit '$ref' in $src"

if [[ -z $version ]]; then
    version=$(git -C "$src" show "$ref:CMakeLists.txt" |
        sed -n 's/^project(gover VERSION \([0-9][0-9.]*\).*/\1/p')
    [[ -n $version ]] || die "no 'project(gover VERSION ...)' line in CMakeLists.txt at $ref"
fi
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "version '$version' is not X.Y.Z"

if [[ -z $repo ]]; then
    origin=$(git -C "$src" remote get-url origin 2>/dev/null || true)
    if [[ $origin =~ github\.com[:/]([^/]+/[^/]+)$ ]]; then
        repo=${BASH_REMATCH[1]%.git}
    else
        die "cannot tell the GitHub repository from the origin remote (pass --repo OWNER/NAME)"
    fi
fi
[[ $repo =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || die "--repo '$repo' is not OWNER/NAME"
homepage="https://github.com/$repo"
name="gover-$version"
[[ -n $url ]] || url="$homepage/releases/download/v$version/$name.tar.gz"
[[ $url == https://* ]] || die "--url '$url' is not an https URL"

mkdir -p "$out"
out=$(cd "$out" && pwd)
tarball="$out/$name.tar.gz"
git -C "$src" archive --format=tar.gz --prefix="$name/" -o "$tarball" "$ref"

if command -v sha256sum >/dev/null; then
    sha=$(sha256sum "$tarball" | cut -d' ' -f1)
else
    sha=$(shasum -a 256 "$tarball" | cut -d' ' -f1)
fi
[[ $sha =~ ^[0-9a-f]{64}$ ]] || die "could not compute the SHA-256 of $tarball"
printf '%s  %s\n' "$sha" "$name.tar.gz" >"$tarball.sha256"

# The template comes from the archived commit, so formula and tarball always match.
template=$(git -C "$src" show "$ref:packaging/homebrew/gover.rb.in") ||
    die "no packaging/homebrew/gover.rb.in at $ref"
formula=${template//@HOMEPAGE@/$homepage}
formula=${formula//@URL@/$url}
formula=${formula//@SHA256@/$sha}
formula=${formula//@VERSION@/$version}
if [[ $formula =~ @[A-Z0-9_]+@ ]]; then
    die "the formula template has a placeholder this script does not fill: ${BASH_REMATCH[0]}"
fi
printf '%s\n' "$formula" >"$out/gover.rb"
if command -v ruby >/dev/null; then
    ruby -c "$out/gover.rb" >/dev/null || die "the rendered formula $out/gover.rb is not valid Ruby"
fi

echo "$tarball"
echo "$tarball.sha256  ($sha)"
echo "$out/gover.rb"
