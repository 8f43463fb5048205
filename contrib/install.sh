#!/bin/sh
# Installs a prebuilt prayer-guide: no Rust needed.
#
#   curl --proto '=https' --tlsv1.2 -sSf https://github.com/OWNER/prayer-guide/releases/latest/download/install.sh | sh
#
# It downloads exactly two files: the archive for this machine
# (prayer-guide-<target>.tar.gz) and its .sha256, checks the checksum, and puts the program in
# $PRAYER_GUIDE_INSTALL_DIR (default ~/.local/bin). Nothing else is changed: no PATH edits, no
# root. The release workflow fills in the download address; PRAYER_GUIDE_DOWNLOAD_BASE overrides it
# (a mirror, or a folder: file:///srv/mirror).
set -eu

base=${PRAYER_GUIDE_DOWNLOAD_BASE:-@DOWNLOAD_BASE@}
dest=${PRAYER_GUIDE_INSTALL_DIR:-$HOME/.local/bin}

fail() {
    echo "prayer-guide install: $*" >&2
    exit 1
}

case "$base" in
    @*) fail "this copy of install.sh has no download address: use the one attached to a release, or set PRAYER_GUIDE_DOWNLOAD_BASE" ;;
esac

os=${PRAYER_GUIDE_OS:-$(uname -s)}
arch=${PRAYER_GUIDE_ARCH:-$(uname -m)}
case "$os/$arch" in
    Linux/x86_64 | Linux/amd64) target=x86_64-unknown-linux-gnu ;;
    Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-gnu ;;
    Darwin/arm64 | Darwin/aarch64) target=aarch64-apple-darwin ;;
    Darwin/x86_64) target=x86_64-apple-darwin ;;
    *) fail "no prebuilt program for $os on $arch: install from source with cargo (see the manual, docs/src/install.md)" ;;
esac

if command -v curl >/dev/null 2>&1; then
    fetch() { curl --proto '=https,file' --tlsv1.2 -fsSL "$1" -o "$2"; }
elif command -v wget >/dev/null 2>&1; then
    fetch() { wget -q -O "$2" "$1"; }
else
    fail "needs curl or wget to download"
fi
if command -v sha256sum >/dev/null 2>&1; then
    sha256() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
    sha256() { shasum -a 256 "$1" | cut -d' ' -f1; }
else
    fail "needs sha256sum or shasum to check the download"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
name=prayer-guide-$target
echo "downloading $base/$name.tar.gz" >&2
fetch "$base/$name.tar.gz" "$work/$name.tar.gz" || fail "could not download $base/$name.tar.gz"
fetch "$base/$name.tar.gz.sha256" "$work/$name.tar.gz.sha256" || fail "could not download $base/$name.tar.gz.sha256"
expected=$(cut -d' ' -f1 < "$work/$name.tar.gz.sha256")
actual=$(sha256 "$work/$name.tar.gz")
[ -n "$expected" ] && [ "$expected" = "$actual" ] \
    || fail "the download is damaged or not what was published (SHA-256 $actual, expected $expected): nothing was installed"

tar -xzf "$work/$name.tar.gz" -C "$work"
[ -f "$work/$name/prayer-guide" ] || fail "the archive has no $name/prayer-guide: nothing was installed"
mkdir -p "$dest"
# Copy beside, then rename: a running prayer-guide keeps its old file, and a failed copy leaves
# the installed one as it was.
cp "$work/$name/prayer-guide" "$dest/.prayer-guide.new"
chmod 755 "$dest/.prayer-guide.new"
mv -f "$dest/.prayer-guide.new" "$dest/prayer-guide"
version=$("$dest/prayer-guide" --version 2>/dev/null) || fail "installed $dest/prayer-guide, but it does not run on this machine"
echo "installed $version in $dest/prayer-guide" >&2
case ":$PATH:" in
    *":$dest:"*) ;;
    *) echo "note: $dest is not on your PATH; add it, or run $dest/prayer-guide" >&2 ;;
esac
