#!/usr/bin/env bash
# Long fuzz runs (`make fuzz`): atheris on the readers and on clean_dump, then the hypothesis
# properties with many examples. FUZZ_SECONDS per atheris harness (default 300), FUZZ_EXAMPLES per
# hypothesis test (default 500). Crashers land in fuzz/artifacts/; keep each one as a regression
# input with `fuzz_<harness>.py --export tests/fuzz_corpus fuzz/artifacts/crash-...`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
SECONDS_EACH=${FUZZ_SECONDS:-300}
EXAMPLES=${FUZZ_EXAMPLES:-500}
$PY -c "import atheris" 2>/dev/null || $PY -m pip install -q 'atheris>=2.3'
mkdir -p fuzz/corpus/readers fuzz/corpus/clean fuzz/artifacts
# Seed corpora: the example inputs and the regression inputs (first byte = file-name selector).
for f in examples/corpus/* tests/fuzz_corpus/*; do
  [ -f "$f" ] || continue
  base=$(basename "$f")
  { printf '\x00'; cat "$f"; } > "fuzz/corpus/readers/seed-$base"
  cp "$f" "fuzz/corpus/clean/seed-$base"
done
status=0
for harness in readers clean; do
  echo "== atheris fuzz_$harness for ${SECONDS_EACH}s"
  HF_HUB_OFFLINE=1 $PY "fuzz/fuzz_$harness.py" "fuzz/corpus/$harness" \
    -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix=fuzz/artifacts/ -print_final_stats=1 || status=1
done
echo "== hypothesis properties, $EXAMPLES examples each"
NEWSPRISM_FUZZ_EXAMPLES=$EXAMPLES HF_HUB_OFFLINE=1 .venv/bin/pytest -q -p no:cacheprovider \
  tests/ingest/test_fuzz_readers.py tests/ingest/test_fuzz_corpus.py || status=1
ls fuzz/artifacts/ 2>/dev/null | sed 's/^/artifact: /'
exit $status
