#!/usr/bin/env bash
# First-start check: performs the README's first command the way a new user does, so a broken first
# start can never land.
#
#   1. clones this checkout's committed HEAD into a fresh temp folder (no node_modules, .next or .data:
#      that is the point), with the default data folder and none of the variables that would change
#      the new-user path;
#   2. runs exactly `npm install && npm run demo` there, on a spare port, in its own process group
#      (setsid), output to a log file; a trap stops the whole group and removes the folder on any exit;
#   3. waits until the sign-in page answers 200 (install + build + seed + scoring: up to 15 minutes),
#      failing early if the command died or the server answers 5xx;
#   4. signs in as demo users the way the browser does (next-auth v4 credentials, curl cookie jar);
#   5. loads the home page and the value dashboard: 200, no error text, the expected content;
#   6. reads the server log: the "demo data ready" line, no errors, the timing lines.
#
# Usage: bash scripts/first-start-check.sh
#   FIRST_START_PORT=3100      first port tried (the next free one from there is used)
#   FIRST_START_TIMEOUT=900    seconds to wait for the sign-in page
#   FIRST_START_KEEP=1         keep the temp folder (clone, server log, last page) after the server stops
#   FIRST_START_ENV="NAME=value …"  local experiments only (refused when CI=true): extra variables for
#                              the first command, e.g. SUMMIT_DEMO_CUSTOMERS=400. Not the new-user path.
# Exits non-zero with a clear message and the server log's last 80 lines on any failure.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
started=$SECONDS
phase_started=$SECONDS

say() { printf '[first-start] %s\n' "$*"; }
# Sets lap to the seconds since the previous lap (the phase's duration) and starts the next phase.
lap() { lap="$((SECONDS - phase_started))s"; phase_started=$SECONDS; }

tmp=""
log=""
pgid=""
failed=0

fail() {
  failed=1
  say "FAILED ($((SECONDS - started))s in all): $*" >&2
  if [ -n "$log" ] && [ -s "$log" ]; then
    say "last 80 lines of the server log ($log):" >&2
    tail -n 80 "$log" | sed 's/^/    | /' >&2
  fi
  exit 1
}

# Stops the first command's whole process group (npm, next build/start and next-server, which
# outlives a killed `next start`), then removes the temp folder. Runs on every exit.
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null; then
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pgid" 2>/dev/null || true
  fi
  if [ -n "$tmp" ]; then
    if [ "${FIRST_START_KEEP:-}" = 1 ]; then say "kept $tmp (the clone, server.log and the last page loaded)"; else rm -rf "$tmp"; fi
  fi
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then say "FAILED: stopped (exit $rc)" >&2; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in git curl node npm setsid perl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done

# Optional passthrough for a local experiment; CI runs the plain new-user path.
extra_env=()
if [ -n "${FIRST_START_ENV:-}" ]; then
  [ "${CI:-}" = "true" ] && fail "FIRST_START_ENV is for local experiments only; CI must check the plain first start"
  read -r -a extra_env <<<"$FIRST_START_ENV"
  for kv in "${extra_env[@]}"; do
    [[ "$kv" =~ ^[A-Z_][A-Z0-9_]*= ]] || fail "FIRST_START_ENV: '$kv' is not NAME=value"
  done
  say "NOTE: FIRST_START_ENV adds ${extra_env[*]}: this run is NOT the plain new-user path"
fi

# --- 1. A fresh clone of the committed HEAD -----------------------------------------------------------
head=$(git -C "$repo" rev-parse HEAD)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  say "note: uncommitted changes in $repo are not part of this check (it tests the committed HEAD)"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/summit-first-start.XXXXXX")
app="$tmp/summit-crm"
log="$tmp/server.log"
git clone --quiet --no-checkout "$repo" "$app"
git -C "$app" checkout --quiet --detach "$head"
lap; say "clone: $(git -C "$app" log -1 --format='%h %<(60,trunc)%s') into $app ($lap)"

# --- 2. The README's first command on a spare port, in its own process group --------------------------
port=${FIRST_START_PORT:-3100}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
while port_in_use "$port"; do
  port=$((port + 1))
  [ "$port" -lt $((${FIRST_START_PORT:-3100} + 100)) ] || fail "no free port from ${FIRST_START_PORT:-3100}"
done

cd "$app"
# The default new-user environment: the embedded database in ./.data, a generated auth secret, the
# system clock and the default demo size. `next start` (in `npm run demo`) listens on $PORT.
# setsid: the command leads its own process group, so the trap can stop all of it.
setsid env \
  -u DATABASE_URL -u DATABASE_POOL_SIZE -u TEST_DATABASE_URL \
  -u SUMMIT_DATA_DIR -u SUMMIT_DEMO_TODAY -u SUMMIT_CLOCK_START -u SUMMIT_DEMO_DATA -u SUMMIT_DEMO_CUSTOMERS \
  -u NEXTAUTH_URL -u NEXTAUTH_SECRET -u AUTH_SECRET -u AUTH_TRUST_HOST -u NODE_ENV \
  PORT="$port" ${extra_env[@]+"${extra_env[@]}"} \
  bash -c 'npm install && npm run demo' >"$log" 2>&1 </dev/null &
pid=$!
pgid=$(ps -o pgid= -p "$pid" | tr -d ' ' || true)
# (empty: it has exited already, which the wait loop reports)
[ -z "$pgid" ] || [ "$pgid" = "$pid" ] || fail "the first command did not get its own process group (pid $pid, pgid $pgid)"
pgid=$pid
say "started 'npm install && npm run demo' (PORT=$port, process group $pgid, log $log)"

# --- 3. Wait until the sign-in page answers 200 ----------------------------------------------------------
timeout=${FIRST_START_TIMEOUT:-900}
deadline=$((SECONDS + timeout))
seen_install=0 seen_build=0 bad=0 code=000
while :; do
  # Phase marks from the log: npm's banner for the demo script ends the install; next start's
  # "Local:" line ends the build (and may name another port if ours was taken meanwhile).
  if [ "$seen_install" = 0 ] && grep -qE '^> [^ ]+ demo$' "$log"; then
    seen_install=1; lap; say "install: done ($lap)"
  fi
  if [ "$seen_build" = 0 ] && grep -qE -- '- Local: +http' "$log"; then
    [ "$seen_install" = 1 ] || { seen_install=1; lap; say "install: done ($lap)"; }
    seen_build=1; lap; say "build: done, server listening ($lap); first start: seeding and scoring…"
    actual=$(grep -oE -- '- Local: +http://[^ ]+' "$log" | head -n 1 | grep -oE '[0-9]+$' || true)
    if [ -n "$actual" ] && [ "$actual" != "$port" ]; then say "note: next start chose port $actual"; port=$actual; fi
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    rc=0; wait "$pid" || rc=$?
    fail "'npm install && npm run demo' exited with code $rc before the sign-in page answered"
  fi
  # Next.js logs this when instrumentation.ts (create, migrate, seed, score) threw; from then on
  # every request answers 500.
  cause=$(grep -m 1 -oE '(error occurred while loading (the )?instrumentation hook|Failed to prepare server).*' "$log" || true)
  if [ -n "$cause" ]; then
    fail "the first start failed in instrumentation.ts (creating, seeding or scoring the demo database) after $((SECONDS - phase_started))s: $cause"
  fi
  if [ "$seen_build" = 1 ]; then
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 "http://127.0.0.1:$port/login" || true)
    case "$code" in
      200) break ;;
      5*) bad=$((bad + 1))
          # The server holds requests until instrumentation.ts has finished; 5xx after that is final.
          [ "$bad" -lt 3 ] || fail "the server is up but GET /login answers HTTP $code (3 times in a row)" ;;
      *) bad=0 ;;
    esac
  fi
  [ "$SECONDS" -lt "$deadline" ] || fail "the sign-in page did not answer 200 within ${timeout}s (last answer: HTTP $code)"
  sleep 3
done
base="http://127.0.0.1:$port"
lap; say "first start: GET /login answers 200 ($lap)"
grep -q '\[summit\] demo data ready' "$log" || fail "the server answers but the log has no '[summit] demo data ready' line"

# --- 4. Sign in as a demo user, the way the browser does --------------------------------------------------
msgdir="$app/lib/i18n/messages/en"
# The English message for a dotted key, read from the clone's message files.
msg() { node -e 'const m=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));process.stdout.write(String(process.argv[2].split(".").reduce((o,k)=>o[k],m)))' "$msgdir/$1.json" "$2"; }
# A field of a JSON document on stdin ("" when absent).
json_field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v;try{v=process.argv[1].split(".").reduce((o,k)=>o==null?o:o[k],JSON.parse(s))}catch{};process.stdout.write(v==null?"":String(v))})' "$1"; }
password=$(grep -oE 'DEMO_PASSWORD = "[^"]+"' "$app/lib/platform/auth/demo-users.ts" | cut -d'"' -f2)
[ -n "$password" ] || fail "could not read DEMO_PASSWORD from lib/platform/auth/demo-users.ts"
C=(curl -s --max-time 120 -H 'Accept-Language: en')

sign_in() { # email → cookie jar $tmp/<email>.jar with a session; sets user_name, user_role
  local email=$1 jar="$tmp/$1.jar" csrf status body session
  csrf=$({ "${C[@]}" -c "$jar" -b "$jar" "$base/api/auth/csrf" || true; } | json_field csrfToken)
  [ -n "$csrf" ] || fail "sign-in as $email: GET /api/auth/csrf gave no csrfToken"
  body="$tmp/signin.json"
  status=$("${C[@]}" -c "$jar" -b "$jar" -o "$body" -w '%{http_code}' \
    --data-urlencode "csrfToken=$csrf" --data-urlencode "email=$email" --data-urlencode "password=$password" \
    --data-urlencode "callbackUrl=$base/" --data-urlencode "json=true" "$base/api/auth/callback/credentials" || true)
  [ "$status" = 200 ] || fail "sign-in as $email: POST /api/auth/callback/credentials answered HTTP $status"
  if grep -q 'error=' "$body"; then fail "sign-in as $email refused: $(cat "$body")"; fi
  session=$("${C[@]}" -b "$jar" "$base/api/auth/session" || true)
  [ "$(json_field user.email <<<"$session")" = "$email" ] || fail "sign-in as $email: no session (GET /api/auth/session: $session)"
  user_name=$(json_field user.name <<<"$session")
  user_role=$(json_field user.role <<<"$session")
}

# --- 5. Load pages: 200, no error text, the expected content --------------------------------------------
# Error text the app can render: app/(app)/error.tsx and app/not-found.tsx (from the messages),
# app/global-error.tsx (literal, both languages), and Next.js's own error pages.
error_texts=(
  "$(msg core errors.errorTitle)" "$(msg core errors.errorBody)"
  "$(msg core errors.notFoundTitle)" "$(msg core errors.notFoundBody)"
  "Something went wrong · 出错了" "The page could not be shown. Try again. · 页面无法显示，请重试。"
  "Internal Server Error" "Application error: a server-side exception has occurred" "This page could not be found"
)

page_html="$tmp/page.html"
page_text="$tmp/page.txt"
# GET $2 as jar $1: must answer 200 with no error text. Leaves the markup without scripts (the RSC
# payload carries every message, error texts included) in $page_html and its visible text in $page_text.
load_page() {
  local jar=$1 path=$2 status text
  status=$("${C[@]}" -b "$jar" -o "$tmp/raw.html" -w '%{http_code} %{redirect_url}' "$base$path" || true)
  [ "${status%% *}" = 200 ] || fail "GET $path answered HTTP $status (expected 200, not a redirect to /login or an error)"
  perl -0777 -pe 's{<script\b.*?</script>}{}gs' "$tmp/raw.html" >"$page_html"
  perl -0777 -pe 's{<!--.*?-->}{}gs; s{<[^>]+>}{ }g; s{&#x27;|&#39;}{\x27}g; s{&quot;}{"}g; s{&lt;}{<}g; s{&gt;}{>}g; s{&amp;}{&}g; s{\s+}{ }g' "$page_html" >"$page_text"
  for text in "${error_texts[@]}"; do
    if grep -qF -- "$text" "$page_text"; then fail "GET $path shows error text: \"$text\""; fi
  done
  # A render error inside a Suspense boundary still answers 200: React leaves a digest template.
  if grep -q '<template data-dgst' "$page_html"; then fail "GET $path: a server render error (<template data-dgst…> in the HTML)"; fi
  if grep -q 'http-equiv="refresh"' "$page_html"; then fail "GET $path: redirects after streaming ($(grep -o 'content="[^"]*url=[^"]*"' "$page_html" | head -n 1))"; fi
}
expect_text() { # page, text: the visible text contains it
  grep -qF -- "$2" "$page_text" || fail "GET $1 answered 200 but does not show \"$2\""
}

check_home() { # email
  local t0=$SECONDS welcome role
  sign_in "$1"
  load_page "$tmp/$1.jar" /
  welcome=$(msg core home.welcome); welcome=${welcome/\{name\}/$user_name}
  role=$(msg core home.role); role=${role/\{role\}/$(msg core "roles.$user_role")}
  expect_text / "$welcome"
  expect_text / "$role"
  say "signed in as $1 ($user_role), GET / → 200: \"$welcome\", \"$role\", no error text ($((SECONDS - t0))s)"
}

check_value_dashboard() { # email (one who may see it)
  local t0=$SECONDS title empty none subtitle_re subtitle periods
  load_page "$tmp/$1.jar" /dashboards/value
  title=$(msg value valueDashboard.title)
  grep -qE "<h1[^>]*>$title</h1>" "$page_html" || fail "GET /dashboards/value answered 200 without its heading \"$title\""
  # Scored periods, not the empty state: the subtitle names the period, the period filter lists the
  # scored periods (the first start scores five quarters), and tier migration has one to compare with.
  empty=$(msg value valueDashboard.empty.title)
  if grep -qF -- "$empty" "$page_text"; then fail "GET /dashboards/value shows the empty state \"$empty\": no scored period"; fi
  none=$(msg value valueDashboard.migration.none)
  if grep -qF -- "$none" "$page_text"; then fail "GET /dashboards/value: \"$none\" (the first start should score several periods)"; fi
  subtitle_re=$(msg value valueDashboard.subtitle | sed -E 's/\{[a-z]+\}/[0-9-]+/g')
  subtitle=$(grep -oE -- "$subtitle_re" "$page_text" | head -n 1 || true)
  [ -n "$subtitle" ] || fail "GET /dashboards/value does not show the scored period (\"$(msg value valueDashboard.subtitle)\")"
  periods=$(perl -0777 -ne 'if (m{<select[^>]*id="f-period"[^>]*>(.*?)</select>}s) { my $s = $1; print "$1\n" while $s =~ m{<option[^>]*value="(\d{4}-\d\d-\d\d)"}g }' "$page_html" | sort -u)
  [ "$(printf '%s' "$periods" | grep -c .)" -ge 2 ] || fail "GET /dashboards/value lists fewer than 2 scored periods (${periods:-none})"
  say "GET /dashboards/value → 200: \"$title\", \"$subtitle\", $(printf '%s\n' "$periods" | grep -c .) scored periods ($(printf '%s' "$periods" | tr '\n' ' ')), no empty state, no error text ($((SECONDS - t0))s)"
}

check_home admin@summit.test
check_value_dashboard admin@summit.test
check_home rep.east1@summit.test
lap; say "checks: done ($lap)"

# --- 6. The server log: demo data ready, no errors, timings ---------------------------------------------
errors=$(grep -nE '⨯|Error:|\[error\]|Unhandled|uncaught' "$log" || true)
[ -z "$errors" ] || fail "the server log has errors:
$(printf '%s\n' "$errors" | head -n 20)"
say "server log: no errors; timing lines:"
grep -E '^added [0-9]+ packages|Compiled successfully|✓ Generating static pages|Ready in|\[summit\]' "$log" \
  | sed -E 's/^[[:space:]]+//; s/^/    /' || true
say "OK: a fresh clone installs, builds, starts, seeds and serves signed-in pages ($((SECONDS - started))s in all)"
