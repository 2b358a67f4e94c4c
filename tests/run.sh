#!/usr/bin/env bash
# The test command (README): installs what is missing, builds, and runs every
# test (unit, lab, e2e), then the unit tests again under ASan and UBSan.
# Lab tests start real DNS servers on 127.x.y.z port 53 and need root, or a
# private network namespace: unshare --user --map-root-user --net tests/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

.ci/install-deps.sh

# Every C++ file is laid out by .clang-format; a file that is not fails here, before the build.
git ls-files -z '*.cc' '*.h' | xargs -0 clang-format --dry-run --Werror

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j1

# Code that wraps ldns, curl and OpenSSL is checked for memory errors from day one.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCUTOVER_SANITIZE=ON -DCUTOVER_BUILD_BENCH=OFF
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -L unit
