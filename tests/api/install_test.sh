#!/bin/sh
# Installs the build into a temporary root (meson install --destdir), then
# builds the example hosts as an outside developer would: plain c++ / cc
# and `pkg-config --cflags --libs cornerstone`, no meson. Runs them on the
# SoftBank graph and checks the answer. Also links the C++ host statically.
#
# usage: install_test.sh MESON BUILD_ROOT SOURCE_ROOT
set -eu
unset LD_LIBRARY_PATH  # meson test points it at the build tree; use the installed copy
meson=$1
build=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"

"$meson" install -C "$build" --no-rebuild --destdir "$root" >"$tmp/install.log" 2>&1 || {
  cat "$tmp/install.log"
  exit 1
}
pc=$(find "$root" -name cornerstone.pc | head -n 1)
[ -n "$pc" ] || { echo "no cornerstone.pc installed"; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
export PKG_CONFIG_SYSROOT_DIR="$root"
cflags=$(pkg-config --cflags cornerstone)
libs=$(pkg-config --libs cornerstone)
# pkgconf prefixes path variables with the sysroot, pkg-config does not.
in_root() {
  case "$1" in "$root"/*) echo "$1" ;; *) echo "$root$1" ;; esac
}
libdir=$(in_root "$(pkg-config --variable=libdir cornerstone)")
includedir=$(in_root "$(pkg-config --variable=includedir cornerstone)")
echo "pkg-config --cflags --libs cornerstone: $cflags $libs"

for header in cornerstone.h database.h value.h cornerstone_c.h; do
  [ -f "$includedir/cornerstone/$header" ] || {
    echo "missing installed header $header"; exit 1; }
done
[ -f "$libdir/libcornerstone.a" ] || { echo "missing libcornerstone.a"; exit 1; }

c++ -std=c++17 -Wall -Wextra -o "$tmp/softbank_cpp" "$src/tools/examples/softbank.cc" \
  $cflags $libs -Wl,-rpath,"$libdir"
c++ -std=c++20 -Wall -Wextra -o "$tmp/hello" "$src/tools/examples/hello.cc" \
  $cflags $libs -Wl,-rpath,"$libdir"
cc -std=c99 -Wall -Wextra -o "$tmp/softbank_c" "$src/tools/examples/softbank.c" \
  $cflags $libs -Wl,-rpath,"$libdir"
# Static: the archive plus the private dependencies pkg-config lists.
static_libs=$(pkg-config --static --libs-only-other --libs-only-L cornerstone)
private=$(pkg-config --static --libs-only-l cornerstone | sed 's/-lcornerstone//')
c++ -std=c++20 -o "$tmp/softbank_static" "$src/tools/examples/softbank.cc" \
  $cflags $static_libs "$libdir/libcornerstone.a" $private

ldd "$tmp/softbank_c" | grep -q "$libdir/libcornerstone.so" || {
  echo "softbank_c does not load the installed libcornerstone.so"; ldd "$tmp/softbank_c"; exit 1; }

for exe in softbank_cpp softbank_c softbank_static; do
  out=$("$tmp/$exe" "$src/graphs/softbank.cypher")
  echo "$exe:"
  echo "$out"
  echo "$out" | grep -q "answer: OpenAI" || { echo "$exe: wrong answer"; exit 1; }
  echo "$out" | grep -q "MANAGES" || { echo "$exe: no path"; exit 1; }
done
"$tmp/hello" | grep -qx "OpenAI" || { echo "hello: wrong answer"; exit 1; }

# A meson host project finds the installed library with dependency('cornerstone').
mkdir -p "$tmp/host"
cp "$src/tools/examples/hello.cc" "$tmp/host/"
cat >"$tmp/host/meson.build" <<'MESON'
project('host', 'cpp', default_options : ['cpp_std=c++17', 'warning_level=2'])
executable('hello', 'hello.cc', dependencies : dependency('cornerstone'))
MESON
if "$meson" setup "$tmp/host/build" "$tmp/host" >"$tmp/host.log" 2>&1 &&
  "$meson" compile -C "$tmp/host/build" >>"$tmp/host.log" 2>&1; then :; else
  cat "$tmp/host.log"; echo "meson host project failed"; exit 1
fi
LD_LIBRARY_PATH="$libdir" "$tmp/host/build/hello" | grep -qx "OpenAI" || {
  echo "meson host: wrong answer"; exit 1; }
echo "meson host project: dependency('cornerstone') found and linked"
echo "install test passed"
