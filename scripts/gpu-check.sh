#!/usr/bin/env bash
# Package what a bare GPU machine needs (../shared/docs/GPU.md) and print the one command that
# runs the GPU check there. Run here (needs npm and apt); the GPU machine needs nothing else.
#
#   bash scripts/gpu-check.sh            # build .gpu/ and .gl/ (both ignored by git)
#   bash scripts/gpu-check.sh --local    # also run the bundle here with --backend wasm (smoke test)
#
# The bundle also runs on Mesa lavapipe (no GPU; slow, so without the notebook-size bench): with
# the variables scripts/webgpu-ci.sh prints (LD_LIBRARY_PATH, VK_DRIVER_FILES),
#   node .gpu/app/gpu-check.js --backend webgpu --fixtures-only
# On webgpu the forms and the adapter probe run in child processes of the same Node binary
# (process.execPath), so the bundle's worker.js must stay next to gpu-check.js.
#
# Then, on the GPU machine (carry .gpu and .gl), run the command this prints.
set -euo pipefail
cd "$(dirname "$0")/.."
# Keep the packaged pieces out of git (in a worktree, .git is a file: ask git where).
exclude=$(git rev-parse --git-path info/exclude) && mkdir -p "$(dirname "$exclude")"
for d in /.gpu/ /.gl/ /.gpu-deps/; do grep -qx "$d" "$exclude" 2>/dev/null || echo "$d" >> "$exclude"; done

# 1. The WebGPU pieces (optional peers of scanconv), in their own prefix so the project's
#    node_modules stays as npm ci made it; without their peers, so tfjs-core is the project's one.
deps=.gpu-deps
[ -f $deps/node_modules/webgpu/package.json ] ||
  npm install --prefix $deps --no-save --no-package-lock --legacy-peer-deps webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0
[ -d dist ] || npm run build:dist

# 2. One bundle for the check and one for the verify worker, side by side (the worker is found
#    as ./worker.js next to the code that starts it). The tfjs packages stay outside the bundle:
#    scanconv loads them with require (src/model/tf.ts), so they must resolve at run time, from
#    .gpu/node_modules, as ONE tfjs-core instance that every backend registers on. Only their
#    Node entry files travel. webgpu stays external too: it is native.
rm -rf .gpu && mkdir -p .gpu/app
NODE_PATH="$PWD/$deps/node_modules:$PWD/node_modules" npx esbuild scripts/gpu-check.ts src/verify/worker.ts --bundle --platform=node --format=esm --target=node20 \
  --outdir=.gpu/app --entry-names='[name]' --external:webgpu --external:'@tensorflow/*' \
  --banner:js="import { createRequire as __cr } from 'module'; import { fileURLToPath as __fu } from 'url'; import { dirname as __dn } from 'path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);" --log-level=warning
printf '{"type": "module", "version": "%s"}\n' "$(node -p 'require("./package.json").version')" > .gpu/package.json
carry() { # carry PACKAGE_DIR FILE...: copy a package's package.json and the named files
  local src=$1 dst=.gpu/node_modules/${1#*node_modules/}; shift
  mkdir -p "$dst" && cp "$src/package.json" "$dst/"
  for f in "$@"; do mkdir -p "$dst/$(dirname "$f")" && cp "$src"/$f "$dst/$(dirname "$f")/"; done
}
carry node_modules/@tensorflow/tfjs-core dist/tf-core.node.js
carry node_modules/@tensorflow/tfjs-backend-wasm dist/tf-backend-wasm.node.js 'dist/*.wasm'
carry $deps/node_modules/@tensorflow/tfjs-backend-webgpu dist/tf-backend-webgpu.node.js
carry $deps/node_modules/webgpu '*.js' dist/linux-x64/dawn.node
# 3. Node itself, compressed (the GPU machine has no Node.js), and Dawn's binding compressed too
#    (21 MB -> about 6): what travels to the GPU machine is limited to 64 MiB.
xz -T2 -6 -c "$(command -v node)" > .gpu/node.xz
xz -T2 -6 .gpu/node_modules/webgpu/dist/linux-x64/dawn.node

# 4. The Vulkan loader and glvnd libraries as Debian packages for amd64.
if ! ls .gl/*.deb >/dev/null 2>&1; then
  lists=$(mktemp -d) && mkdir -p .gl "$lists/partial"
  o="-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=$lists -oDebug::NoLocking=1"
  apt-get $o update -qq
  (cd .gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
  rm -rf "$lists"
fi
du -sh .gpu .gl

cat <<'CMD'

Run on the GPU machine (device tool: carry [".gpu", ".gl"], timeout 480):
for f in .gl/*.deb; do dpkg -x $f /; done; ldconfig; export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json; xz -dc .gpu/node.xz > /tmp/node && chmod +x /tmp/node; xz -d .gpu/node_modules/webgpu/dist/linux-x64/dawn.node.xz; nvidia-smi -L; /tmp/node .gpu/app/gpu-check.js --backend webgpu --out $OUT
CMD

if [ "${1:-}" = "--local" ]; then
  node .gpu/app/gpu-check.js --backend wasm
fi
