#!/usr/bin/env bash
# One fuzz target's smoke (ctest -L fuzz): its seeds, then RUNS mutated
# inputs, with a fixed seed so that CI repeats the same inputs. Fails (the
# fuzzer's exit status) on a crash, a leak, UB or an input that takes over
# 10 s; the input that did it is left in WORK/ with the fuzzer's report.
# New inputs go to WORK/corpus, never into the committed seeds.
#   smoke.sh FUZZER SEEDS_DIR WORK_DIR RUNS
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3 runs=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/corpus"
cd "$work"
# Leaks inside ldns that cutover cannot free: lsan.supp, each with its reason.
export LSAN_OPTIONS="suppressions=$here/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
exec "$fuzzer" -runs="$runs" -seed=1 -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
  -artifact_prefix="$work/" corpus "$seeds"
