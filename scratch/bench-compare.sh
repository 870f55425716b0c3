#!/bin/bash
# Before/after of the four benchmarks, alternating trees, in one sitting.
# usage: scratch/bench-compare.sh <rounds> [bench names...]
set -u
ROUNDS=${1:-2}; shift
BENCHES=${*:-webhooks lifecycle taps intake}
OUT=/work/main/scratch/bench-$(date +%H%M)
mkdir -p $OUT
export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test TEST_REDIS_URL=redis://127.0.0.1:6379 BENCH_SECONDS=${BENCH_SECONDS:-5}
for r in $(seq 1 $ROUNDS); do
  for b in $BENCHES; do
    for tree in base main; do
      dir=/work/wt/base; [ $tree = main ] && dir=/work/main
      echo "== round $r $b $tree $(date +%T)" | tee -a $OUT/log
      (cd $dir && timeout 900 ./node_modules/.bin/node bench/run.ts $b > $OUT/$b-$tree-$r.md 2>$OUT/$b-$tree-$r.err)
      tail -15 $OUT/$b-$tree-$r.md >> $OUT/log
    done
  done
done
echo $OUT
