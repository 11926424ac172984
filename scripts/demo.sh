#!/usr/bin/env bash
# The main job on the bundled Flax example: convert pyloop -> scan, inspect, convert back.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || npm run build:dist
out=out/demo
rm -rf "$out" && mkdir -p "$out"
run() { echo "\$ scanconv $*"; ./bin/scanconv "$@"; echo; }
run inspect fixtures/block_tiny/pyloop.safetensors
run convert fixtures/block_tiny/pyloop.safetensors -o "$out/scan.safetensors"
run inspect "$out/scan.safetensors"
run convert "$out/scan.safetensors" -o "$out/pyloop.safetensors"
run verify fixtures/block_tiny/pyloop.safetensors "$out/scan.safetensors" \
  --input fixtures/block_tiny/pyloop_io.safetensors --expect fixtures/block_tiny/pyloop_io.safetensors \
  --report "$out/verify.json" --junit "$out/verify.xml"
