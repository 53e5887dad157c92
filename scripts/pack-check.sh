#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, install the tarball into a temporary app with only
# postgres and drizzle-orm beside it, then
#   (a) plain node imports dbauthz, dbauthz/rbac and dbauthz/schema (also under an app's own
#       `--conditions=source`) and runs the README's "Using it in an app" code against PostgreSQL,
#   (b) tsc (strict, nodenext) compiles that consumer against the published .d.ts files,
#   (c) the installed CLI answers --help and --version and migrates a database that already holds
#       the app's own drizzle migrations; the library's tables are there afterwards,
# and every source map of the build carries its sources (the tarball ships no src/).
# PostgreSQL: DATABASE_URL if set, else 127.0.0.1:5432 if it answers, else an embedded server from
# scripts/postgres/serve.ts. Usage: scripts/pack-check.sh (from anywhere; run `npm ci` first).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/dbauthz-pack-XXXXXX")"
server_pid=""
database=""
server_url=""

step() { printf '\n== pack check: %s\n' "$*"; }
fail() { printf 'pack check FAILED: %s\n' "$*" >&2; exit 1; }
sql() { # run one statement on the server's maintenance database
  (cd "$work/app" && SQL_URL="$server_url" STATEMENT="$1" node --input-type=module -e '
    import postgres from "postgres";
    const s = postgres(process.env.SQL_URL, { max: 1, onnotice: () => {} });
    try { await s.unsafe(process.env.STATEMENT); } finally { await s.end(); }')
}
cleanup() {
  local status=$?
  if [[ -n "$database" && -d "$work/app/node_modules/postgres" ]]; then
    sql "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" || true
  fi
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

version_of() { node -p "require('$repo/node_modules/$1/package.json').version"; }

step "npm pack"
(cd "$repo" && npm pack --pack-destination "$work" --loglevel=error >"$work/pack.out") ||
  fail "npm pack (its prepare step builds dist/ with tsc -p tsconfig.build.json)"
tarball="$work/$(tail -n 1 "$work/pack.out")"
[[ -f "$tarball" ]] || fail "npm pack wrote no tarball"
listing="$(tar -tzf "$tarball")"
count="$(wc -l <<<"$listing")"
echo "$(basename "$tarball"): $count files"
if grep -Eq '^package/(test|bench|examples|\.ci|src|scripts)/|\.test\.|CONTRIBUTING' <<<"$listing"; then
  fail "the tarball ships files users do not need: $(grep -E '^package/(test|bench|examples|\.ci|src|scripts)/|\.test\.|CONTRIBUTING' <<<"$listing" | head -5 | tr '\n' ' ')"
fi
for needed in package/LICENSE package/README.md package/dist/src/index.js package/dist/src/index.d.ts \
  package/dist/src/rbac/index.js package/dist/db/schema/index.js package/db/migrations/meta/_journal.json \
  package/bin/dbauthz.js; do
  grep -qx "$needed" <<<"$listing" || fail "the tarball lacks $needed"
done

step "install into a fresh app with postgres and drizzle-orm only"
mkdir -p "$work/app/src"
cat >"$work/app/package.json" <<JSON
{ "name": "dbauthz-pack-check-app", "private": true, "type": "module" }
JSON
(cd "$work/app" && npm install --no-audit --no-fund --silent --prefer-offline \
  "$tarball" "postgres@$(version_of postgres)" "drizzle-orm@$(version_of drizzle-orm)")
[[ ! -e "$work/app/node_modules/tsx" ]] || fail "installing dbauthz pulled in tsx"

step "source maps carry their sources"
(cd "$work/app/node_modules/dbauthz" && node -e '
  const { readdirSync, readFileSync } = require("node:fs");
  const maps = readdirSync("dist", { recursive: true }).filter((f) => f.endsWith(".js.map"));
  const bare = maps.filter((f) => {
    const map = JSON.parse(readFileSync(`dist/${f}`, "utf8"));
    const content = map.sourcesContent ?? [];
    return content.length !== map.sources.length || content.some((c) => typeof c !== "string" || c === "");
  });
  console.log(`${maps.length} source maps, ${bare.length} without their sources`);
  if (maps.length === 0 || bare.length > 0) { console.error(bare.slice(0, 5).join(" ")); process.exit(1); }
') || fail "source maps point at sources the tarball does not ship (inlineSources in tsconfig.build.json)"

step "PostgreSQL"
if [[ -n "${DATABASE_URL:-}" ]]; then
  server_url="$DATABASE_URL"
  echo "using DATABASE_URL"
elif (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  server_url="postgres://postgres@127.0.0.1:5432/postgres"
  echo "using 127.0.0.1:5432"
else
  (cd "$repo" && exec node_modules/.bin/tsx scripts/postgres/serve.ts >"$work/serve.out" 2>"$work/serve.err") &
  server_pid=$!
  for _ in $(seq 1 240); do
    [[ -s "$work/serve.out" ]] && break
    kill -0 "$server_pid" 2>/dev/null || fail "could not start PostgreSQL: $(cat "$work/serve.err")"
    sleep 0.5
  done
  server_url="$(head -n 1 "$work/serve.out")"
  [[ -n "$server_url" ]] || fail "the embedded server printed no URL"
  echo "using an embedded server"
fi
database="dbauthz_pack_$$_$RANDOM"
app_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$server_url" "$database")"

step "(b) tsc strict + nodenext compiles a consumer of the public types"
cp "$repo/scripts/pack-check/consumer/main.ts" "$work/app/src/main.ts"
cp "$repo/examples/readme/using-dbauthz.ts" "$work/app/src/using-dbauthz.ts"
cat >"$work/app/tsconfig.json" <<JSON
{
  "compilerOptions": {
    "target": "ES2023", "lib": ["ES2023"], "module": "nodenext", "moduleResolution": "nodenext",
    "strict": true, "noUncheckedIndexedAccess": true, "exactOptionalPropertyTypes": true,
    "verbatimModuleSyntax": true, "skipLibCheck": true,
    "allowImportingTsExtensions": true, "rewriteRelativeImportExtensions": true,
    "typeRoots": ["$repo/node_modules/@types"], "types": ["node"],
    "rootDir": "src", "outDir": "build"
  },
  "include": ["src"]
}
JSON
(cd "$work/app" && "$repo/node_modules/.bin/tsc" -p tsconfig.json) || fail "the consumer does not compile"
echo "compiled $(ls "$work/app/build" | tr '\n' ' ')"

step "(a) plain node runs the README code against PostgreSQL"
(cd "$work/app" && node --conditions=source --input-type=module -e '
  await import("dbauthz"); await import("dbauthz/rbac"); await import("dbauthz/schema");') ||
  fail "an app running node --conditions=source cannot import dbauthz (its export conditions)"
sql "CREATE DATABASE \"$database\""
(cd "$work/app" && DATABASE_URL="$app_url" node build/main.js) || fail "the consumer failed"
sql "DROP DATABASE \"$database\" WITH (FORCE)"

step "(c) the installed CLI"
cli="$work/app/node_modules/.bin/dbauthz"
(cd "$work/app" && "$cli" --help) | grep -q '^Usage: dbauthz <command>' || fail "dbauthz --help"
expected="$(node -p "require('$repo/package.json').version")"
[[ "$(cd "$work/app" && "$cli" --version)" == "$expected" ]] || fail "dbauthz --version is not $expected"
set +e
(cd "$work/app" && "$cli" --no-such-flag) 2>"$work/flag.err"
flag_status=$?
set -e
[[ $flag_status -eq 2 && "$(wc -l <"$work/flag.err")" -eq 1 ]] || fail "an unknown flag should be one line and exit 2"
sql "CREATE DATABASE \"$database\""
cp "$repo/scripts/pack-check/consumer/app-migrate.mjs" "$repo/scripts/pack-check/consumer/check-tables.mjs" "$work/app/"
cp -r "$repo/scripts/pack-check/consumer/app-migrations" "$work/app/"
(cd "$work/app" && DATABASE_URL="$app_url" node app-migrate.mjs)
out="$(cd "$work/app" && DATABASE_URL="$app_url" "$cli" migrate)"
echo "$out"
grep -q '^migrate: applied ' <<<"$out" || fail "dbauthz migrate applied nothing next to the app's migrations"
(cd "$work/app" && DATABASE_URL="$app_url" node check-tables.mjs)
again="$(cd "$work/app" && DATABASE_URL="$app_url" "$cli" migrate)"
grep -q 'already up to date' <<<"$again" || fail "a second dbauthz migrate should apply nothing: $again"

step "passed"
