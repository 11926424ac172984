#!/usr/bin/env bash
# Prepare everything the GPU machine's one run needs (../shared/docs/GPU.md; the device tool), then
# print that run. Here: needs npm, apt (for .gl/) and xz. There: needs nothing but what travels.
#   .gpu/ .gl/           the WebGPU bundle, Node and the Vulkan loader (scripts/gpu-check.sh)
#   .device/nm.tar.xz    scanconv's runtime dependencies without tfjs, for bin/scanconv over the
#                        committed dist/ (the GPU machine has no node_modules)
# The run itself is scripts/device-run.sh (Orbax with jax/orbax-checkpoint, then WebGPU).
set -euo pipefail
cd "$(dirname "$0")/.."
exclude=$(git rev-parse --git-path info/exclude) && mkdir -p "$(dirname "$exclude")"
grep -qx /.device/ "$exclude" 2>/dev/null || echo /.device/ >> "$exclude"
bash scripts/gpu-check.sh >/dev/null
mkdir -p .device
# The production dependency closure, tfjs left out (convert, inspect, check and --params-only
# never load it).
npm ls --omit=dev --parseable --all 2>/dev/null | sed "s|^$PWD/||" | grep '^node_modules/' | grep -v '@tensorflow' |
  tar cJf .device/nm.tar.xz --no-recursion -T <(npm ls --omit=dev --parseable --all 2>/dev/null | sed "s|^$PWD/||" | grep '^node_modules/' | grep -v '@tensorflow' | while read -r d; do find "$d" -path "$d/node_modules" -prune -o -print; done)
du -sh .gpu .gl .device
total=$( (git ls-files -z | xargs -0 stat -c %s; find .gpu .gl .device -type f -exec stat -c %s {} +) | awk '{s+=$1} END {printf "%.1f", s/1048576}')
echo "travels: ${total} MiB of 64"
cat <<'CMD'

Run on the GPU machine (device tool: carry [".gpu", ".gl", ".device"], timeout_s 540):
bash scripts/device-run.sh
CMD
