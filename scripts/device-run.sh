#!/usr/bin/env bash
# Runs ON the GPU machine (device tool), from the repo root, after `bash scripts/device-check.sh`
# prepared .gpu/, .gl/ and .device/ here. Everything it learns goes to $OUT (logs, a tarball of the
# real Orbax checkpoints, gpu-check.json). Two parts, each timed:
#   1. Orbax (when python3 has jax and orbax-checkpoint): real_orbax.py writes real MaxText-shaped
#      checkpoints; scanconv inspects, checks, unscans each and writes it back as Orbax; Orbax
#      restores what scanconv wrote and compares it bit for bit with the parameters it saved.
#   2. WebGPU: scripts/gpu-check.ts's bundle on the hardware GPU.
# Local dry run of part 1's scanconv steps (no jax): REAL=dir-with-checkpoints bash scripts/device-run.sh --orbax-only
set -uo pipefail
OUT=${OUT:-/tmp/device-out}; mkdir -p "$OUT"
LOG=$OUT/device.log
say() { echo "[device] $*" | tee -a "$LOG"; }
timed() { local t0=$SECONDS; "$@" >>"$LOG" 2>&1; local rc=$?; say "rc=$rc $((SECONDS - t0))s: $*"; return $rc; }

NODE=$(command -v node || true)
if [ -f .gpu/node.xz ] && [ -z "$NODE" ]; then xz -dc .gpu/node.xz > /tmp/node && chmod +x /tmp/node && NODE=/tmp/node; fi
[ -d node_modules ] || { [ -f .device/nm.tar.xz ] && tar xJf .device/nm.tar.xz; }
sc() { "$NODE" bin/scanconv "$@"; }
say "node: $("$NODE" --version 2>&1)  python: $(python3 --version 2>&1)"

orbax_part() {
  local real=${REAL:-/tmp/real} work=/tmp/scwork
  rm -rf "$work" && mkdir -p "$work"
  if [ -z "${REAL:-}" ]; then
    python3 -c "import jax, orbax.checkpoint as o, tensorstore as t; print('jax', jax.__version__, 'orbax', getattr(o, '__version__', '?'), 'tensorstore', t.__version__)" >>"$LOG" 2>&1 || { say "no jax/orbax: Orbax part skipped"; return; }
    rm -rf "$real"; timed timeout 300 env PYTHONUNBUFFERED=1 python3 scripts/orbax/real_orbax.py write "$real" || return
    tar czf "$OUT/real_orbax.tgz" -C "$(dirname "$real")" "$(basename "$real")"
  fi
  timed python3 scripts/orbax/subset.py "$real/expected.safetensors" params. "$work/params.safetensors"
  for ck in maxtext_ocdbt_zarr3 maxtext_ocdbt_zarr2 maxtext_plain_zarr2; do
    say "== $ck"
    timed sc inspect "$real/$ck"
    timed sc check "$real/$ck"
    timed sc convert "$real/$ck" -o "$work/$ck.unscanned.safetensors"
    timed sc verify --params-only "$real/$ck" "$work/$ck.unscanned.safetensors"
    timed sc convert "$work/$ck.unscanned.safetensors" -o "$work/$ck.rescanned.safetensors"
    timed python3 scripts/orbax/compare.py "$work/$ck.rescanned.safetensors" "$real/expected.safetensors" params. && say "$ck: unscanned and scanned back = the values Orbax saved, byte for byte"
    timed sc convert "$work/$ck.unscanned.safetensors" -o "$work/$ck.orbax" --format orbax --chunk-size 4KiB
    # Against every leaf Orbax saved (step included); if that fails, against the parameters alone.
    if [ -z "${REAL:-}" ]; then
      timed timeout 120 python3 scripts/orbax/real_orbax.py restore "$work/$ck.orbax/items" "$real/expected.safetensors" ||
        timed timeout 120 python3 scripts/orbax/real_orbax.py restore "$work/$ck.orbax/items" "$work/params.safetensors"
    fi
  done
  ( cd "$work" && tar czf "$OUT/scanconv_orbax.tgz" maxtext_ocdbt_zarr3.orbax )
  rm -rf "$work"
}

gpu_part() {
  [ -f .gpu/app/gpu-check.js ] || { say "no .gpu bundle: GPU part skipped"; return; }
  local dawn=.gpu/node_modules/webgpu/dist/linux-x64/dawn.node
  [ -f $dawn ] || xz -dk $dawn.xz
  if ls .gl/*.deb >/dev/null 2>&1; then for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig; fi
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
  nvidia-smi -L >>"$LOG" 2>&1
  timed timeout 300 "$NODE" .gpu/app/gpu-check.js --backend webgpu --out "$OUT"
}

case "${1:-all}" in
  --orbax-only) orbax_part ;;
  --gpu-only) gpu_part ;;
  *) orbax_part; gpu_part ;;
esac
say "done in ${SECONDS}s"
