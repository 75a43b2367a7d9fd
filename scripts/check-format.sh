#!/usr/bin/env bash
# Fails if any tracked C++ file is not formatted with the repository's .clang-format.
# Fix with: clang-format -i $(git ls-files '*.h' '*.cpp')
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.h' '*.cpp')
if ((${#files[@]} == 0)); then exit 0; fi
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "check-format: run  clang-format -i \$(git ls-files '*.h' '*.cpp')" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
