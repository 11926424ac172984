#!/usr/bin/env bash
# The WebGPU path (`--backend webgpu`) on every CI run, without a GPU: Mesa's lavapipe, a
# software Vulkan driver, stands in for one. It computes correctly and 8-20x slower than wasm,
# so this is a correctness check of the GPU code path, never a speed figure.
#
#   bash scripts/webgpu-ci.sh      (after npm ci; called by .ci/run)
#
# 1. the optional peers (webgpu = Dawn, tfjs-backend-webgpu) into a private npm prefix: the
#    checkout's package.json, package-lock.json and node_modules stay as npm ci left them;
# 2. Mesa 25 lavapipe from Debian bookworm-backports (Debian 12's own Mesa 22.3.6 is refused
#    by Dawn), fetched with a private apt state and unpacked with dpkg -x into a private dir:
#    the machine's apt sources and installed packages are not touched. The archive is the one
#    the machine's apt is configured with (scripts/lib/apt-sources.sh: a company mirror works,
#    and apt.conf.d's proxy settings apply), or SCANCONV_DEBIAN_MIRROR;
# 3. test/webgpu/*.test.ts: the Flax fixtures (block, llm, generate) with --backend webgpu,
#    exact agreement of the two forms, the threshold against Flax, `auto` refusing lavapipe,
#    and the no-adapter error.
# Downloads and Mesa's shader cache are kept in ~/.cache (SCANCONV_WEBGPU_CACHE,
# MESA_SHADER_CACHE_DIR) so later runs need no network and compile no shaders.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
say() { printf '[webgpu-ci] %s\n' "$*"; }
run() { say "\$ $*"; "$@"; }

cache=${SCANCONV_WEBGPU_CACHE:-$HOME/.cache/scanconv-webgpu}
mkdir -p "$cache"

# 1. Optional peers. --legacy-peer-deps: not their own tfjs-core; they must register on the
#    checkout's (found through NODE_PATH, below), or tfjs would hold two backend registries.
peers=$cache/npm-webgpu-0.6.2-tfjs-4.22.0
if [ ! -f "$peers/node_modules/webgpu/dist/linux-x64/dawn.node" ] || [ ! -f "$peers/node_modules/@tensorflow/tfjs-backend-webgpu/package.json" ]; then
  rm -rf "$peers"
  run npm install --prefix "$peers" --no-save --no-package-lock --legacy-peer-deps --no-audit --no-fund webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0
else
  say "optional peers: cached in $peers"
fi

# 2. Lavapipe. `apt-get install --download-only` with private lists and sources resolves what
#    THIS machine lacks (on a bare Debian 12: LLVM, xcb, wayland libraries...) and only
#    downloads it; nothing is installed.
lvp=$cache/lavapipe
libdir=$lvp/root/usr/lib/x86_64-linux-gnu
lvp_ok() { [ -f "$libdir/libvulkan_lvp.so" ] && ! LD_LIBRARY_PATH="$libdir" ldd "$libdir/libvulkan_lvp.so" | grep -q 'not found'; }
if ! lvp_ok; then
  # shellcheck source=lib/apt-sources.sh
  . scripts/lib/apt-sources.sh
  mirror=${SCANCONV_DEBIAN_MIRROR:-$(debian_uri)}
  if [ -z "$mirror" ]; then
    say "no Debian bookworm archive in this machine's apt sources (apt-config Dir::Etc::SourceList, SourceParts); set SCANCONV_DEBIAN_MIRROR to one"
    exit 2
  fi
  say "Debian archive: $mirror"
  rm -rf "$lvp" && mkdir -p "$lvp"/{lists/partial,debs/partial,cache,parts,prefs}
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  printf 'deb [signed-by=%s] %s bookworm main\ndeb [signed-by=%s] %s bookworm-backports main\n' "$keyring" "$mirror" "$keyring" "$mirror" > "$lvp/sources.list"
  apt=(apt-get -q -o "Dir::Etc::SourceList=$lvp/sources.list" -o "Dir::Etc::SourceParts=$lvp/parts"
    -o "Dir::Etc::Preferences=$lvp/prefs/none" -o "Dir::Etc::PreferencesParts=$lvp/prefs"
    -o "Dir::State::Lists=$lvp/lists" -o "Dir::Cache=$lvp/cache" -o "Dir::Cache::archives=$lvp/debs"
    -o APT::Architecture=amd64 -o APT::Architectures=amd64 -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  run "${apt[@]}" update
  run "${apt[@]}" install --download-only --no-install-recommends -y \
    mesa-vulkan-drivers/bookworm-backports libdrm2/bookworm-backports libdrm-amdgpu1/bookworm-backports libvulkan1/bookworm
  for deb in "$lvp"/debs/*.deb; do dpkg -x "$deb" "$lvp/root"; done
  rm -rf "$lvp"/{lists,cache}
  if ! lvp_ok; then
    say "lavapipe cannot load; missing libraries:"
    LD_LIBRARY_PATH="$libdir" ldd "$libdir/libvulkan_lvp.so" | grep 'not found' || true
    exit 1
  fi
else
  say "lavapipe: cached in $lvp"
fi
say "lavapipe packages: $(cd "$lvp/debs" && ls -- *.deb | tr '\n' ' ')"
# The ICD file names its library relative to the loader's search path: make it absolute.
icd=$lvp/lvp_icd.json
sed "s#\"library_path\": \"[^\"]*\"#\"library_path\": \"$libdir/libvulkan_lvp.so\"#" "$lvp/root/usr/share/vulkan/icd.d/lvp_icd.json" > "$icd"

# 3. The environment the WebGPU tests run in, printed so a failure can be reproduced.
runtime=$(mktemp -d) # Mesa wants a private XDG_RUNTIME_DIR (0700)
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR=$runtime
export NODE_PATH="$peers/node_modules:$PWD/node_modules"
export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export VK_DRIVER_FILES=$icd VK_ICD_FILENAMES=$icd
export MESA_SHADER_CACHE_DIR=${MESA_SHADER_CACHE_DIR:-$HOME/.cache/scanconv-mesa}
mkdir -p "$MESA_SHADER_CACHE_DIR"
say "env: NODE_PATH=$NODE_PATH"
say "env: LD_LIBRARY_PATH=$LD_LIBRARY_PATH VK_DRIVER_FILES=$VK_DRIVER_FILES"
say "env: MESA_SHADER_CACHE_DIR=$MESA_SHADER_CACHE_DIR ($(du -sh "$MESA_SHADER_CACHE_DIR" | cut -f1) cached)"
say "setup took $((SECONDS - started)) s"

[ -f dist/cli/main.js ] || run npm run build:dist
t0=$SECONDS
run node --import tsx --test --test-reporter=spec test/webgpu/*.test.ts
say "WebGPU tests passed in $((SECONDS - t0)) s (total $((SECONDS - started)) s)"
