# shellcheck shell=bash
# Shared by tools/run and tools/test (sourced, not executed): installs the
# Debian 12 packages the build needs, then configures and builds build/.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
#   cs_setup            # cd to the repo root, install, configure, build
#
# Bash only; the caller has `set -euo pipefail`.

# The repository root: this file lives in tools/lib/.
CS_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
CS_BUILD_DIR="build"

# Everything the build and tests need (meson finds doctest through cmake).
CS_PACKAGES=(
  meson ninja-build g++ pkg-config cmake
  libboost-graph-dev libboost-serialization-dev libabsl-dev
  doctest-dev libedit-dev libutf8proc-dev python3 graphviz
  # Sanitizer runtimes for tools/test's ASan/UBSan and TSan builds (gcc 12).
  libasan8 libubsan1 libtsan2
)

cs_log() { echo "[cornerstone] $*" >&2; }

# Installs the packages in CS_PACKAGES that are missing. Offline and fast
# when nothing is missing: `apt-get update` only runs if something is.
cs_install_packages() {
  local missing=() pkg
  for pkg in "${CS_PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if ((EUID != 0)); then
    cs_log "missing packages: ${missing[*]}"
    cs_log "install them as root, then run this again:"
    cs_log "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    return 1
  fi
  cs_log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
}

# Configures a build folder (once) and builds it (or only TARGETS):
#   cs_build_dir DIR "MESON_SETUP_ARGS..." [TARGET...]
# The setup arguments are one word list; they only apply when DIR is first
# configured (afterwards meson keeps its options).
cs_build_dir() {
  local dir="$1" setup_args="$2"
  shift 2
  if [[ ! -f "$dir/build.ninja" ]]; then
    local args
    read -r -d '' -a args <<<"$setup_args" || true  # words over several lines
    if [[ -d "$dir/meson-private" ]]; then
      # A half-configured directory (e.g. an interrupted setup): start over.
      meson setup --wipe "$dir" "${args[@]}"
    else
      meson setup "$dir" "${args[@]}"
    fi
  fi
  ninja -C "$dir" ${CS_JOBS:+-j "$CS_JOBS"} "$@"
}

# Configures build/ (once) and builds it: -O2 with debug symbols, and
# NDEBUG, as a release would ship. Abseil's headers assert their own
# invariants when NDEBUG is not set (a flat_hash_set insert looks the key
# up a second time to check it): on the SF 1 benchmark that made Q05, a
# grouping of 275k names, take 150 ms instead of 92. The sanitizer builds
# keep those assertions.
cs_build() {
  cs_build_dir "$CS_BUILD_DIR" "--buildtype=debugoptimized -Db_ndebug=true"
}

cs_setup() {
  cd "$CS_ROOT" || return 1
  cs_install_packages
  cs_build
}
