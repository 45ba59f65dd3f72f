#!/usr/bin/env bash
# The one test command (README, .ci/run): restores, builds strictly and runs every test project.
# It prints one closing line "N passed, N failed, N skipped" summed over all test projects, and
# exits non-zero when anything failed or when no test ran at all.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "infra/test.sh: the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK" >&2
  exit 1
fi

# The web tests (tests/BilateralTimeline.Web.Tests) drive Debian's chromium; Playwright never downloads a browser.
if [ ! -x "${BT_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "infra/test.sh: installing chromium for the web tests" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
if [ ! -x "${BT_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "infra/test.sh: chromium is required by the web tests and could not be installed (apt-get install chromium)" >&2
  exit 1
fi

# The export tests read PROV back with Debian's python3-prov and python3-rdflib, readers that share no code with ours.
if ! /usr/bin/python3 -c 'import prov.model, rdflib' 2>/dev/null; then
  echo "infra/test.sh: installing python3-prov and python3-rdflib for the export tests" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-prov python3-rdflib >/dev/null
fi
if ! /usr/bin/python3 -c 'import prov.model, rdflib' 2>/dev/null; then
  echo "infra/test.sh: python3-prov and python3-rdflib are required by the export tests and could not be installed (apt-get install python3-prov python3-rdflib)" >&2
  exit 1
fi

log=$(mktemp)
pg_folder=$(mktemp -d -t bt-test-postgres.XXXXXX)
cleanup() {
  bash infra/postgres.sh stop "$pg_folder" >/dev/null 2>&1 || rm -rf "$pg_folder"
  rm -f "$log"
}
trap cleanup EXIT

# The PostgreSQL store's tests need a real server: install and start a throwaway one. If that is not
# possible the run fails here; it never skips them.
if ! BT_TEST_POSTGRES=$(bash infra/postgres.sh start "$pg_folder"); then
  echo "infra/test.sh: could not start PostgreSQL (see above); the PostgreSQL tests cannot run, so the test run fails" >&2
  exit 1
fi
export BT_TEST_POSTGRES
echo "PostgreSQL for the tests: ${BT_TEST_POSTGRES%%;Password=*};…"

dotnet build BilateralTimeline.sln -c Release -warnaserror 2>&1 | tail -n 3
set +e
dotnet test BilateralTimeline.sln -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total:    42, Duration: ..." per project.
read -r passed failed skipped < <(awk -F'[,:]' '/(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      gsub(/ /, "", $i)
      if ($i == "-Failed" || $i ~ /-Failed$/) f += $(i+1)
      if ($i == "Passed") p += $(i+1)
      if ($i == "Skipped") s += $(i+1)
    }
  } END { print p+0, f+0, s+0 }' "$log")

if [ -z "${BT_ESDB_CONNECTION:-}" ]; then
  echo "EventStoreDB live contract tests not run: BT_ESDB_CONNECTION not set (no server can be installed here); wire-vector tests ran instead"
elif [ -z "${BT_ESDB_STOP_LEADER:-}" ]; then
  echo "EventStoreDB leader-change live test not run: BT_ESDB_STOP_LEADER not set (docs/eventstoredb.md)"
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "infra/test.sh: no test ran" >&2
  exit 1
fi
