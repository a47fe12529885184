#!/usr/bin/env bash
# The shell the attestkit GitHub Action (action.yml) runs: install attestkit, collect, evaluate,
# then hand the results to the workflow: summary.md appended to $GITHUB_STEP_SUMMARY, outputs
# written to $GITHUB_OUTPUT. Every input is an INPUT_* environment variable, so it runs (and is
# tested, tests/integration/test_action.py) outside GitHub with those two set to plain files.
#
# Exits with attestkit's own code: 0 ok, 1 findings, 2 input error, 3 evidence incomplete; the
# action's last step exits with it again after the artifact and SARIF uploads.
set -uo pipefail

ACTION_ROOT="${ATTEST_ACTION_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

CLOUD="${INPUT_CLOUD:-}"
PLAN="${INPUT_PLAN:-}"
BUNDLE="${INPUT_BUNDLE:-}"
COLLECTOR_ARGS="${INPUT_COLLECTOR_ARGS:-}"
FRAMEWORKS="${INPUT_FRAMEWORKS:-}"
FAIL_ON="${INPUT_FAIL_ON:-info}"
FAIL_ON_FRAMEWORKS="${INPUT_FAIL_ON_FRAMEWORK:-}"
BASELINE="${INPUT_BASELINE:-}"
ALLOW_INCOMPLETE="${INPUT_ALLOW_INCOMPLETE:-false}"
WAIVERS="${INPUT_WAIVERS:-}"
FORMAT="${INPUT_FORMAT:-terminal}"
EVIDENCE_DIR="${INPUT_EVIDENCE_DIR:-evidence}"
ATTESTKIT="${INPUT_ATTESTKIT:-}"
EVALUATE_ARGS="${INPUT_EVALUATE_ARGS:-}"
REPORT_URL="${INPUT_REPORT_URL:-}"
SARIF_ARTIFACT="${INPUT_SARIF_ARTIFACT:-}"
PYTHON="${ATTEST_PYTHON:-python}"

CODE_WRITTEN=0

output() { # name value: one line of $GITHUB_OUTPUT (values here never hold a newline)
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "${2//$'\n'/ }" >>"$GITHUB_OUTPUT"
  fi
}

step_summary() { # stdin -> $GITHUB_STEP_SUMMARY
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat >>"$GITHUB_STEP_SUMMARY"; else cat >/dev/null; fi
}

finish() { # code [message]: record the exit code, say why when attestkit did not, exit with it
  local code="$1"
  if [ "$#" -gt 1 ]; then
    echo "attest-action: $2" >&2
    printf '### attestkit: not run to the end (exit %s)\n\n%s\n' "$code" "$2" | step_summary
  fi
  output exit-code "$code"
  CODE_WRITTEN=1
  exit "$code"
}

trap 'rc=$?; if [ "$CODE_WRITTEN" = 0 ]; then output exit-code "$rc"; fi' EXIT

words() { # split a comma- or space-separated input into lines
  printf '%s\n' "$1" | tr ',' ' ' | tr -s '[:space:]' '\n' | sed '/^$/d'
}

# --- 1. install ------------------------------------------------------------------------------
case "$ATTESTKIT" in
  none) ;; # attest is already on PATH (tests, or a job that installed it itself)
  "") "$PYTHON" -m pip install --quiet --disable-pip-version-check "$ACTION_ROOT" || finish 2 "pip could not install attestkit from $ACTION_ROOT" ;;
  *) "$PYTHON" -m pip install --quiet --disable-pip-version-check "$ATTESTKIT" || finish 2 "pip could not install $ATTESTKIT" ;;
esac
command -v attest >/dev/null || finish 2 "no attest command on PATH after installing attestkit"

# --- 2. collect (or take a bundle made earlier) ----------------------------------------------
if [ -z "$BUNDLE" ]; then
  case "$CLOUD" in
    aws | gcp | azure | terraform) ;;
    "") finish 2 "set the cloud input (aws, gcp, azure or terraform) or give a bundle" ;;
    *) finish 2 "cloud '$CLOUD' is not one of aws, gcp, azure, terraform" ;;
  esac
  collect=(attest collect "$CLOUD")
  if [ "$CLOUD" = terraform ]; then
    [ -n "$PLAN" ] || finish 2 "cloud terraform needs the plan input: the JSON of 'terraform show -json PLAN'"
    [ -f "$PLAN" ] || finish 2 "plan '$PLAN' not found; write it with: terraform show -json tfplan > $PLAN"
    collect+=("$PLAN")
  fi
  read -r -a extra <<<"$COLLECTOR_ARGS"
  collect+=("${extra[@]}" --out "$EVIDENCE_DIR" --quiet)
  echo "attest-action: ${collect[*]}" >&2
  collected="$("${collect[@]}")"
  rc=$?
  if [ "$rc" -ne 0 ]; then
    finish "$rc" "\`attest collect $CLOUD\` exited $rc: no evidence bundle was written (see the job log)"
  fi
  BUNDLE="$(printf '%s\n' "$collected" | tail -n 1)"
fi
[ -d "$BUNDLE" ] || finish 2 "bundle '$BUNDLE' is not a directory"
output bundle "$BUNDLE"

# --- 3. evaluate -----------------------------------------------------------------------------
if [ -z "$REPORT_URL" ] && [ -n "${GITHUB_SERVER_URL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ] && [ -n "${GITHUB_RUN_ID:-}" ]; then
  REPORT_URL="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"
fi
if [ -z "$SARIF_ARTIFACT" ]; then
  # GitHub code scanning needs a file for every result: the Terraform root module for a plan,
  # else the workflow that collected the evidence
  if [ -n "$PLAN" ] && [ -f "$(dirname "$PLAN")/main.tf" ]; then
    SARIF_ARTIFACT="$(dirname "$PLAN")/main.tf"
    SARIF_ARTIFACT="${SARIF_ARTIFACT#./}"
  elif [ -n "${GITHUB_WORKFLOW_REF:-}" ]; then
    workflow="${GITHUB_WORKFLOW_REF%@*}"
    SARIF_ARTIFACT="${workflow#*/*/}"
  fi
fi

evaluate=(attest evaluate "$BUNDLE" --format "$FORMAT" --fail-on "$FAIL_ON")
while read -r fw; do evaluate+=(--framework "$fw"); done < <(words "$FRAMEWORKS")
while read -r fw; do evaluate+=(--fail-on-framework "$fw"); done < <(words "$FAIL_ON_FRAMEWORKS")
[ -n "$BASELINE" ] && evaluate+=(--baseline "$BASELINE")
[ "$ALLOW_INCOMPLETE" = true ] && evaluate+=(--allow-incomplete)
[ -n "$WAIVERS" ] && evaluate+=(--waivers "$WAIVERS")
[ -n "$REPORT_URL" ] && evaluate+=(--report-url "$REPORT_URL")
[ -n "$SARIF_ARTIFACT" ] && evaluate+=(--sarif-artifact "$SARIF_ARTIFACT")
read -r -a extra <<<"$EVALUATE_ARGS"
evaluate+=("${extra[@]}")
echo "attest-action: ${evaluate[*]}" >&2
"${evaluate[@]}"
code=$?

# --- 4. hand over: step summary and outputs --------------------------------------------------
evaluation="$BUNDLE/evaluation"
prev=""
for arg in "${evaluate[@]}"; do
  if [ "$prev" = --output ]; then evaluation="$arg"; fi
  prev="$arg"
done
# exit 2 means attest refused its input before writing anything: files there are an older run's
if [ "$code" != 2 ] && [ -f "$evaluation/results.json" ] && [ -f "$evaluation/summary.md" ]; then
  step_summary <"$evaluation/summary.md"
  output results "$evaluation/results.json"
  output report "$evaluation/report.md"
  output summary "$evaluation/summary.md"
  output junit "$evaluation/report.junit.xml"
  output sarif "$evaluation/report.sarif"
  "$PYTHON" - "$evaluation/results.json" <<'PY' >>"${GITHUB_OUTPUT:-/dev/null}"
import json
import sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
totals = report["totals"]
not_satisfied = sum(fw["counts"].get("not_satisfied", 0) for fw in report["frameworks"])
incomplete = sum(fw["counts"].get("incomplete", 0) for fw in report["frameworks"])
waivers = report.get("waivers") or {"waivers": []}
states = [w["state"] for w in waivers["waivers"]]
for key, value in (
    ("resources", totals["resources"]),
    ("passed", totals["passed"]),
    ("failed", totals["failed"]),
    ("errored", totals["errored"]),
    ("waived", totals.get("waived", 0)),
    ("controls-not-satisfied", not_satisfied),
    ("controls-incomplete", incomplete),
    ("waivers-expired", states.count("expired")),
    ("waivers-stale", states.count("stale")),
    ("gate-reason", " ".join(report["gate"]["reason"].split())),
):
    print(f"{key}={value}")
PY
else
  finish "$code" "\`attest evaluate\` exited $code before writing its reports (see the job log)"
fi
finish "$code"
