#!/usr/bin/env bash
# `make test-slurm`: builds scripts/slurm/census.md locally and through a one-node SLURM cluster
# (--executor slurm, 3 array tasks), and compares the lock files, papers and figure bytes. Then
# cancels one array task of a fresh cluster build and checks that the re-run resubmits only the
# shards that did not finish, and again gives the same bytes. Last, builds it through 2 array tasks
# with a cache directory outside the project (given relative, so the job must pass it absolute).
# Last, scripts/slurm/rounds.md, whose census's completion rounds are stages: one array job each.
# The builds run in a directory beside the repository, not under /tmp: the array tasks of a real
# cluster would not see a node-local cache, and --executor slurm warns about one.
#   REPORT        the report executable (default .build/release/report)
#   SLURM_SETUP   the cluster's setup script (default ../shared/slurm/setup-local-cluster.sh)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
report=$(cd "$root" && realpath "${REPORT:-.build/release/report}")
setup=${SLURM_SETUP:-$root/../shared/slurm/setup-local-cluster.sh}
bash "$setup" >/dev/null
work=$(cd "$(mktemp -d "$(dirname "$root")/report-slurm.XXXXXX")" && pwd -P)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
for d in local cluster rerun elsewhere/project rounds-local rounds-cluster; do
  mkdir -p "$work/$d" && cp "$root/scripts/slurm/census.md" "$root/scripts/slurm/rounds.md" "$work/$d/"
done

same() {  # same DIR_A DIR_B [PAPER]: identical papers, lock file and figures
  cmp "$1/build/${3:-census}.lock.json" "$2/build/${3:-census}.lock.json"
  cmp "$1/build/${3:-census}.md" "$2/build/${3:-census}.md"
  diff -r "$1/figures" "$2/figures"
}

(cd "$work/local" && "$report" build census.md --format md --jobs 2)
(cd "$work/cluster" && "$report" build census.md --format md --executor slurm --array-tasks 3 --cpus 1 2> log.txt) \
  || { cat "$work/cluster/log.txt" >&2; exit 1; }
grep -q "submitting shards 1-3 of 3" "$work/cluster/log.txt"
if grep "warning: the cache directory" "$work/cluster/log.txt"; then exit 1; fi
same "$work/local" "$work/cluster"
echo "test-slurm: a build through 3 SLURM array tasks equals the local build byte for byte"

# A killed array task: cancel shard 2 as soon as it runs; the build fails and names it.
cd "$work/rerun"
"$report" build census.md --format md --executor slurm --array-tasks 3 --cpus 1 2> first.txt &
build=$!
for _ in $(seq 600); do
  id=$(squeue -h -r -n report-census -o '%i %T' | awk '$1 ~ /_2$/ && $2 == "RUNNING" { print $1 }')
  [ -n "$id" ] && scancel "$id" && break
  sleep 0.1
done
if wait $build; then
  echo "test-slurm: shard 2 finished before it could be cancelled; the re-run check is skipped" >&2
  exit 1
fi
grep -q "shard 2/3 failed; its log: " first.txt
"$report" build census.md --format md --executor slurm --array-tasks 3 --cpus 1 2> second.txt || { cat second.txt >&2; exit 1; }
grep "submitting shards" second.txt
grep -q "submitting shards 2 of 3" second.txt
same "$work/local" "$work/rerun"
echo "test-slurm: after a cancelled array task, the re-run resubmitted only it and gave the same bytes"

# The cache on "the shared filesystem", outside the project: every array task gets it absolute.
cd "$work/elsewhere/project"
"$report" build census.md --format md --executor slurm --array-tasks 2 --cpus 1 --cache-dir ../../shared-cache 2> log.txt \
  || { cat log.txt >&2; exit 1; }
grep -q "submitting shards 1-2 of 2" log.txt
grep -q -- "--cache-dir $work/shared-cache --shard" "$work"/shared-cache/slurm/*/job.sh
[ -f "$work"/shared-cache/slurm/*/manifest.json ] && [ ! -e .report-cache ]
same "$work/local" "$work/elsewhere/project"
echo "test-slurm: with the cache directory outside the project, 2 array tasks gave the same bytes"

# Stages: the census's rounds of completion loops are known only once the round before is merged.
(cd "$work/rounds-local" && "$report" build rounds.md --format md --jobs 2)
(cd "$work/rounds-cluster" && "$report" build rounds.md --format md --executor slurm --array-tasks 3 --cpus 1 2> log.txt) \
  || { cat "$work/rounds-cluster/log.txt" >&2; exit 1; }
[ "$(grep -c "submitting shards" "$work/rounds-cluster/log.txt")" -gt 2 ]
same "$work/rounds-local" "$work/rounds-cluster" rounds
echo "test-slurm: a census whose completion rounds ran as $(grep -c "submitting shards" "$work/rounds-cluster/log.txt") array jobs equals the local build byte for byte"
