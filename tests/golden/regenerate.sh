#!/usr/bin/env bash
# Rewrites golden files; an explicit act, never part of a test run (tests/golden/README.md).
#   bash tests/golden/regenerate.sh outputs        rewrite outputs/*.json of every set from its checked-in events.jsonl
#   bash tests/golden/regenerate.sh log [SET]      re-import the samples with this build into SET (default: samples),
#                                                  then rewrite the outputs of every set
set -euo pipefail
mode="${1:-}"
case "$mode" in
  outputs) ;;
  log) export BT_GOLDEN_SET="${2:-samples}" ;;
  *) echo "usage: $0 outputs | log [SET]" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dotnet build tests/BilateralTimeline.Cli.Tests -c Release -warnaserror
BT_GOLDEN_WRITE="$mode" dotnet test tests/BilateralTimeline.Cli.Tests -c Release --no-build \
  --filter "FullyQualifiedName~GoldenLogTests.Golden_sets_are_complete_and_are_rewritten_only_when_BT_GOLDEN_WRITE_asks"
git status --short tests/golden
