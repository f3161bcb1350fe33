#!/bin/sh
# Simulated censuses of a landscape with $REPORT_PARAM_MINIMA equally likely minima: each descent
# lands in a uniformly random basin (a 31-bit linear congruential generator seeded from
# $REPORT_SEED); a census runs until it has found every minimum. Writes results.json (summary)
# and censuses.csv (one row per census).
set -eu
minima=$REPORT_PARAM_MINIMA
censuses=$REPORT_PARAM_CENSUSES
state=$(printf '%.9s' "$REPORT_SEED")   # the seed's first nine digits: no leading zero

echo 'census,runs' > censuses.csv
total=0; most=0; census=1
while [ "$census" -le "$censuses" ]; do
  found=' '; distinct=0; runs=0
  while [ "$distinct" -lt "$minima" ]; do
    state=$(( (state * 1103515245 + 12345) % 2147483648 ))
    basin=$(( (state / 65536) % minima ))
    runs=$((runs + 1))
    case "$found" in *" $basin "*) ;; *) found="$found$basin "; distinct=$((distinct + 1)) ;; esac
  done
  echo "$census,$runs" >> censuses.csv
  total=$((total + runs)); [ "$runs" -gt "$most" ] && most=$runs
  census=$((census + 1))
done
printf '{"total_runs": %s, "most_runs": %s}\n' "$total" "$most" > results.json
