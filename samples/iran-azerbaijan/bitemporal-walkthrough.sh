#!/usr/bin/env bash
# Records the two sample articles and one correction at three different times, then asks the same
# questions as known at each time. Usage: bash samples/iran-azerbaijan/bitemporal-walkthrough.sh [DB]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
db=${1:-$(mktemp -d)/walkthrough.db}
bt() { dotnet run --project "$here/../../src/BilateralTimeline.Cli" --no-launch-profile -- --db "$db" "$@"; }
stamp() { date -u +%Y-%m-%dT%H:%M:%S.%6NZ; }

bt import "$here/000-hasanov-visit.claims.json" 2>/dev/null
t1=$(stamp); sleep 1
bt import "$here/002-joint-exercise.claims.json" 2>/dev/null
t2=$(stamp); sleep 1
bt retract c002-28 --reason "walkthrough: suppose the 2022 exercises near the border were misreported" --by walkthrough >/dev/null
t3=$(stamp)

for pair in "2024-02-01 $t1" "2024-02-01 $t2" "2023-02-01 $t1" "2023-02-01 $t2" "2023-02-01 $t3"; do
  set -- $pair
  echo "== state --as-of $1 --known-at T$( [ "$2" = "$t1" ] && echo 1 || { [ "$2" = "$t2" ] && echo 2 || echo 3; } )"
  bt state --as-of "$1" --known-at "$2" --format json | python3 -c 'import json,sys; s=json.load(sys.stdin); print("score", s.get("score"), "|", s["band"], "| open crises:", [c["subject"]+" "+c["status"] for c in s["openCrises"]], "| moved most by:", [c["claimIds"][0] for c in s["movedBy"][:3]])'
done
echo "== diff T2 → T3 as of 2023-02-01"
bt diff --known-at "$t2" --known-at "$t3" --as-of 2023-02-01
