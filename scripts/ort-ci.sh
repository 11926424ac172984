#!/usr/bin/env bash
# `--backend ort` on every CI run: onnxruntime-node's CPU kernels for the products with a weight.
#
#   bash scripts/ort-ci.sh      (after npm ci; called by .ci/run)
#
# 1. the optional peer onnxruntime-node into a private npm prefix with --ignore-scripts (its
#    install script only downloads optional GPU parts and fails offline; the CPU runtime ships
#    in the package): the checkout's package.json, package-lock.json and node_modules stay as
#    npm ci left them. Kept in ~/.cache (SCANCONV_ORT_CACHE), so later runs need no network;
# 2. a check that it loads here (the native library and its binding);
# 3. test/ort/*.test.ts: verify and generate with --backend ort on every fixture (block, llm,
#    the Hugging Face families in both namings), both forms exact, golden within 1e-5; every
#    such test asserts the report names ort, so a silent fallback to wasm fails. runtime.test.ts
#    counts what the binding does in-process: onnxruntime started ahead, no result copied back.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
say() { printf '[ort-ci] %s\n' "$*"; }
run() { say "\$ $*"; "$@"; }

version=1.30.0
cache=${SCANCONV_ORT_CACHE:-$HOME/.cache/scanconv-ort}
peer=$cache/npm-onnxruntime-node-$version
mkdir -p "$cache"

if [ ! -f "$peer/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1" ] || [ ! -f "$peer/node_modules/onnxruntime-common/package.json" ]; then
  rm -rf "$peer"
  run npm install --prefix "$peer" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund "onnxruntime-node@$version"
else
  say "optional peer: cached in $peer"
fi

# onnxruntime's telemetry layer writes an empty mat-debug-PID.log into TMPDIR for every process
# that starts it: the tests' processes get a TMPDIR of their own, removed afterwards.
ort_tmp=$(mktemp -d)
trap 'rm -rf "$ort_tmp"' EXIT
export TMPDIR=$ort_tmp
export NODE_PATH="$peer/node_modules:$PWD/node_modules"
say "env: NODE_PATH=$NODE_PATH"
run node -e "
  const r = require('onnxruntime-node/dist/binding.js');
  if (typeof r.binding.InferenceSession !== 'function') throw new Error('no native InferenceSession');
  console.log('[ort-ci] onnxruntime-node', require('onnxruntime-node/package.json').version, 'loads');
"
say "setup took $((SECONDS - started)) s"

t0=$SECONDS
run node --import tsx --test --test-reporter=spec test/ort/*.test.ts
say "ort tests passed in $((SECONDS - t0)) s (total $((SECONDS - started)) s)"
