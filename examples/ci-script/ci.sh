#!/usr/bin/env bash
# AIgateway spend gate for CI: fails the build when a feature tag's spend this month is over budget.
#
#   AIGATEWAY_API_KEY=sk-aig-... AIG_BUDGET_TAG=nightly-evals AIG_BUDGET_CENTS=500 ./ci.sh
#
# Environment:
#   AIGATEWAY_API_KEY       the key (a CI secret); read by aig
#   AIGATEWAY_BASE_URL      optional; read by aig (the local emulator: http://127.0.0.1:4010/v1)
#   AIG_BUDGET_TAG          the x-aig-tag whose spend is checked
#   AIG_BUDGET_CENTS        the monthly budget for that tag, in US cents
#   AIG_BUDGET_MONTH        optional YYYY-MM (default: the current month, UTC)
#   AIG_SMOKE_MODEL         optional: call this model once, tagged, before the check (a smoke test)
#   AIG_RATE_LIMIT_RETRIES  how often to rerun an aig command that was rate limited (default 2)
#   AIG_RATE_LIMIT_WAIT     seconds to wait before such a rerun when the error names no retry_after (default 20)
#
# Exit codes: 0 within budget · 1 over budget · 2 bad configuration · 3 authentication failed ·
# 4 the key's spend cap was hit · 6 still rate limited · 5/7 (not found, provider/network) from aig.
set -euo pipefail

die() {
  echo "ci.sh: $2" >&2
  exit "$1"
}

[ -n "${AIGATEWAY_API_KEY:-}" ] || die 2 "AIGATEWAY_API_KEY is not set: add your key as a CI secret."
TAG="${AIG_BUDGET_TAG:-}"
[ -n "$TAG" ] || die 2 "AIG_BUDGET_TAG is not set: the x-aig-tag whose monthly spend to check."
BUDGET="${AIG_BUDGET_CENTS:-}"
[[ "$BUDGET" =~ ^[0-9]+([.][0-9]+)?$ ]] || die 2 "AIG_BUDGET_CENTS must be a number of US cents (got '$BUDGET')."
MONTH="${AIG_BUDGET_MONTH:-}"
SMOKE_MODEL="${AIG_SMOKE_MODEL:-}"
RETRIES="${AIG_RATE_LIMIT_RETRIES:-2}"
WAIT="${AIG_RATE_LIMIT_WAIT:-20}"
command -v aig >/dev/null || die 2 "aig not found: npm i -g aigateway-cli, or put node_modules/.bin on PATH."
command -v node >/dev/null || die 2 "node not found: this script parses aig's JSON with Node.js."

ERR_FILE="$(mktemp)"
trap 'rm -f "$ERR_FILE"' EXIT

# The message of aig's JSON error line (stderr), with its request id for support.
error_message() {
  node -e '
    const text = require("fs").readFileSync(process.argv[1], "utf8").trim();
    try {
      const { error } = JSON.parse(text.split("\n").pop());
      console.log(error.message + (error.request_id ? ` (request ${error.request_id})` : ""));
    } catch {
      console.log(text || "no error output");
    }' "$ERR_FILE"
}

# The seconds the gateway asked to wait: `retry_after` of aig's JSON error line (rounded up), or nothing.
retry_after() {
  node -e '
    try {
      const text = require("fs").readFileSync(process.argv[1], "utf8").trim();
      const seconds = JSON.parse(text.split("\n").pop()).error.retry_after;
      if (typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0) console.log(Math.ceil(seconds));
    } catch {}' "$ERR_FILE"
}

# Runs `aig --json <args>` and leaves its stdout in $OUT; on failure, exits with a message per code.
aig_json() {
  local attempt=0 code
  while :; do
    set +e
    OUT="$(aig --json --no-input "$@" 2>"$ERR_FILE")"
    code=$?
    set -e
    [ "$code" -eq 0 ] && return 0
    if [ "$code" -eq 6 ] && [ "$attempt" -lt "$RETRIES" ]; then
      attempt=$((attempt + 1))
      local wait why="the gateway's retry_after"
      wait="$(retry_after)"
      if [ -z "$wait" ]; then
        wait="$WAIT"
        why="AIG_RATE_LIMIT_WAIT"
      fi
      echo "ci.sh: rate limited; waiting ${wait}s ($why) before retry $attempt of $RETRIES" >&2
      sleep "$wait"
      continue
    fi
    local message
    message="$(error_message)"
    case "$code" in
      3) die 3 "authentication failed: $message Check the AIGATEWAY_API_KEY secret." ;;
      4) die 4 "the key's spend cap was hit: $message" ;;
      6) die 6 "still rate limited after $RETRIES retries: $message" ;;
      *) die "$code" "aig $1 failed (exit $code): $message" ;;
    esac
  done
}

if [ -n "$SMOKE_MODEL" ]; then
  aig_json --tag "$TAG" call "$SMOKE_MODEL" "Reply with OK." --no-stream
  chars="$(printf '%s' "$OUT" | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      console.log((JSON.parse(s).choices?.[0]?.message?.content ?? "").length);
    });')"
  echo "smoke test: $SMOKE_MODEL answered ($chars characters)"
fi

if [ -n "$MONTH" ]; then aig_json usage --month "$MONTH"; else aig_json usage; fi

# One line: "<verdict> <spent cents> <requests> <month>", computed from `aig usage --json`.
read -r VERDICT SPENT REQUESTS SHOWN_MONTH < <(printf '%s' "$OUT" | TAG="$TAG" BUDGET="$BUDGET" node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const usage = JSON.parse(s);
    const row = usage.data.find((r) => r.tag === process.env.TAG);
    const spent = row ? row.cost_cents : 0;
    const verdict = spent > Number(process.env.BUDGET) ? "over" : "ok";
    console.log(`${verdict} ${spent} ${row ? row.requests : 0} ${usage.month}`);
  });')

if [ "$VERDICT" = "over" ]; then
  die 1 "tag '$TAG' spent ${SPENT}¢ in $SHOWN_MONTH over $REQUESTS requests: over the budget of ${BUDGET}¢."
fi
echo "tag '$TAG' spent ${SPENT}¢ in $SHOWN_MONTH over $REQUESTS requests (budget ${BUDGET}¢): OK"
