#!/usr/bin/env bash
# Runs the built one-folder app offscreen on the bundled sample: the window opens, one revision is
# saved through it and the text is exported. Exits non-zero with the reason if any of that fails.
set -euo pipefail
app="${1:-dist/workbench}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
QT_QPA_PLATFORM=offscreen WORKBENCH_AUTHOR="package check" timeout 600 \
    "$app/workbench" open --sample --config-dir "$scratch/config" --data-dir "$scratch/data" \
    --smoke-test "$scratch/export" > "$scratch/log" 2>&1 || status=$?
grep -v "propagateSizeHints" "$scratch/log" || true
[[ $status -eq 0 ]] || { echo "the built app exited with $status"; exit 1; }
test -n "$(find "$scratch/export" -name '*.txt' -print -quit 2>/dev/null)" || { echo "no export written"; exit 1; }
grep -rq "\[smoke test\]" "$scratch/export" || { echo "the export lacks the saved revision"; exit 1; }
"$app/workbench" --version
echo "package check passed: $app"
