#!/usr/bin/env bash
# Install scanconv with the real clients, from this checkout's HEAD commit, as users do:
#   1. npm install -g git+file://<checkout>#<HEAD> into a private prefix; `scanconv --version`
#   2. npm install git+file://<checkout>#<HEAD> as a dependency of a TypeScript consumer, which
#      compiles against the declarations with skipLibCheck: false (no optional peer installed)
#   3. the pre-commit hook, with Debian's pre-commit 3.0.4 (npm pack) and with pre-commit 4.6.2
#      (vendored in test/clients/, npm install -g git+file://): in a throwaway model repository,
#      a good checkpoint and a sharded one (index + shards, checked once, whole, with
#      --expect-layout pyloop) commit, a truncated one is blocked with a line naming it.
# Everything lives in one temp dir (private npm prefix and cache, private PRE_COMMIT_HOME), removed
# at exit; no global npm config and no ~/.cache/pre-commit is touched. Needs git, node, npm,
# python3 and Debian's pre-commit (installed here with apt-get when run as root).
# Tests the committed HEAD: commit first (CI's clone is clean).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SHA=$(git rev-parse HEAD)
VERSION=$(node -p "require('./package.json').version")
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "clients-ci: note: uncommitted changes are not tested; testing HEAD $SHA" >&2
fi

if ! command -v pre-commit >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
  else
    echo "clients-ci: Debian's pre-commit is missing: apt-get install -y pre-commit" >&2
    exit 2
  fi
fi

# Debian's interpreter (the one with pre-commit's dependencies), whatever python3 is first on PATH.
PY=$(sed -n '1s/^#! *//p' "$(command -v pre-commit)" | cut -d' ' -f1)
[ -x "$PY" ] || PY=/usr/bin/python3

TMP=$(mktemp -d "${TMPDIR:-/tmp}/scanconv-clients-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Private npm: prefix, cache and an empty user config; nothing global is read or written.
touch "$TMP/npmrc"
export npm_config_userconfig="$TMP/npmrc" npm_config_cache="$TMP/npm-cache" npm_config_prefix="$TMP/npm-prefix"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export PYTHONDONTWRITEBYTECODE=1
GIT_URL="git+file://$ROOT#$SHA"
fail() { echo "clients-ci: FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

step "npm install -g $GIT_URL (private prefix)"
npm install -g "$GIT_URL" > "$TMP/global.log" 2>&1 || { cat "$TMP/global.log"; fail "global install from git"; }
got=$("$TMP/npm-prefix/bin/scanconv" --version) || fail "scanconv --version after the global install"
echo "scanconv --version: $got"
[ "$got" = "$VERSION" ] || fail "scanconv --version printed '$got', expected $VERSION"

step "npm install $GIT_URL as a dependency; tsc --skipLibCheck false against its declarations"
mkdir "$TMP/consumer"
cat > "$TMP/consumer/package.json" <<JSON
{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }
JSON
(cd "$TMP/consumer" && npm install "$GIT_URL" > "$TMP/dep.log" 2>&1) || { cat "$TMP/dep.log"; fail "install as a dependency"; }
cat > "$TMP/consumer/index.ts" <<'TS'
import { convert, verify, checkFile, BACKENDS, VERSION } from 'scanconv';
export const api: unknown[] = [convert, verify, checkFile, BACKENDS, VERSION];
TS
cat > "$TMP/consumer/tsconfig.json" <<JSON
{ "compilerOptions": { "strict": true, "module": "NodeNext", "moduleResolution": "NodeNext", "target": "ES2022",
  "noEmit": true, "skipLibCheck": false, "types": ["node"], "typeRoots": ["$ROOT/node_modules/@types"] },
  "files": ["index.ts"] }
JSON
[ ! -e "$TMP/consumer/node_modules/webgpu" ] || fail "the optional peer webgpu was installed"
(cd "$TMP/consumer" && node "$ROOT/node_modules/typescript/bin/tsc" -p .) || fail "a consumer's tsc with skipLibCheck: false"
(cd "$TMP/consumer" && node -e "import('scanconv').then((m) => console.log('import scanconv: VERSION', m.VERSION))" \
  && echo "node_modules/.bin/scanconv --version: $(node_modules/.bin/scanconv --version)") || fail "the dependency does not run"

# A throwaway model repository using this checkout's hook at HEAD.
model_repo() {
  local dir=$1
  mkdir -p "$dir" && cd "$dir"
  git init -q . && git config user.email ci@example.invalid && git config user.name ci && git config commit.gpgsign false
  cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: file://$ROOT
    rev: $SHA
    hooks:
      - id: scanconv-check
        args: [--expect-layout, pyloop]
        verbose: true
YAML
  cp "$ROOT/fixtures/block_tiny/pyloop.safetensors" good.safetensors
  local size; size=$(wc -c < good.safetensors)
  head -c $((size - 100)) good.safetensors > truncated.safetensors
  # A hub-style sharded checkpoint: index, shards, config.json.
  (cd "$ROOT" && node --import tsx src/cli/bin.ts convert fixtures/llm_tiny/pyloop.safetensors -o "$dir/hub/" --to pyloop --shard-size 4KB > /dev/null)
  cp "$ROOT/fixtures/llm_tiny/config.json" hub/
}

# $1: label; $2: PYTHONPATH for the pre-commit package ('' = Debian's own), kept set for the
# commits, since the hook script that pre-commit installs runs `$PY -mpre_commit`.
hook_run() {
  local label=$1
  step "$label: install the hook, commit a good and a truncated checkpoint"
  export PYTHONPATH=$2 PRE_COMMIT_HOME="$TMP/pre-commit-home-$label"
  "$PY" -c "import pre_commit; print('pre-commit package:', pre_commit.__file__)"
  model_repo "$TMP/model-$label"
  "$PY" -m pre_commit install > /dev/null
  git add .pre-commit-config.yaml good.safetensors hub
  if ! git commit -q -m good > "$TMP/good.log" 2>&1; then
    cat "$TMP/good.log"; [ -f "$PRE_COMMIT_HOME/pre-commit.log" ] && cat "$PRE_COMMIT_HOME/pre-commit.log"
    fail "$label: the good checkpoint was not committed"
  fi
  grep -E "^scanconv check" "$TMP/good.log" || fail "$label: the hook did not run on the good checkpoint"
  # The sharded checkpoint: checked once, whole, with its shards, not shard by shard.
  local shards; shards=$(ls hub/model-*-of-*.safetensors | wc -l)
  [ "$shards" -gt 1 ] || fail "$label: the sharded fixture has $shards shard"
  [ "$(grep -c "ok .*hub/model.safetensors.index.json: sharded with $shards shards, pyloop" "$TMP/good.log")" = 1 ] || { cat "$TMP/good.log"; fail "$label: the sharded checkpoint was not checked exactly once"; }
  grep -E "^(ok|FAIL) " "$TMP/good.log"
  ! grep -E "(ok|FAIL) +hub/model-" "$TMP/good.log" || fail "$label: a shard was checked on its own"
  git add truncated.safetensors
  if git commit -q -m truncated > "$TMP/bad.log" 2>&1; then cat "$TMP/bad.log"; fail "$label: the truncated checkpoint was committed"; fi
  grep -E "^scanconv check" "$TMP/bad.log" || { cat "$TMP/bad.log"; fail "$label: the hook did not run on the truncated checkpoint"; }
  grep -E "truncated\.safetensors" "$TMP/bad.log" || { cat "$TMP/bad.log"; fail "$label: no line names truncated.safetensors"; }
  [ "$(git log --format=%s)" = good ] || fail "$label: unexpected history"
  unset PYTHONPATH
  cd "$ROOT"
}

hook_run pre-commit-3.0.4 ''
hook_run pre-commit-4.6.2 "$ROOT/test/clients/pre-commit-4.6.2"

echo; echo "clients-ci: all install paths work (HEAD $SHA)"
