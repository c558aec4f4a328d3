#!/usr/bin/env bash
# Builds the solution once, runs every test project, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

dotnet build GbcPortal.sln -c Debug -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
# Every test project but the fault soak runs in parallel; the soak (two portal processes, SIGKILLs, a
# PostgreSQL restart, timing figures) runs after them, alone on the machine.
status=0
dotnet test GbcPortal.sln -c Debug --no-build -nologo --filter "FullyQualifiedName!~GbcPortal.Soak.Tests" 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
dotnet test tests/Soak.Tests -c Debug --no-build -nologo 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# VSTest prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 12, ..."
read -r passed failed < <(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \1/' |
  awk '{p += $1; f += $2} END {print p + 0, f + 0}')
rm -f "$log"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a test host crashed or a project did not run: count it, never hide it
fi
echo "$passed passed, $failed failed"
exit "$status"
