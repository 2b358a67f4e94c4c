#!/usr/bin/env bash
# The test command (README): installs what is missing, builds, and runs every
# test (unit, lab, e2e), then the unit tests again under ASan and UBSan, then
# the fuzz smoke (clang's libFuzzer over every parser of outside input).
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

# The .deb (issue 12): built, unpacked into a scratch root, its cutover run and its man page read.
(cd build && cpack -G DEB >/dev/null)
deb_root=$(mktemp -d)
dpkg-deb -x build/cutover_*.deb "$deb_root"
"$deb_root/usr/bin/cutover" --version
MANWIDTH=100 man -l "$deb_root/usr/share/man/man1/cutover.1.gz" > "$deb_root/man.txt"
grep -q "cutover report" "$deb_root/man.txt" || { echo "FAIL: cutover(1) read from the .deb lacks cutover report"; exit 1; }
deps=$(dpkg-deb -f build/cutover_*.deb Depends)
echo "cutover .deb depends on: $deps"
case $deps in *-dev*) echo "FAIL: the .deb depends on a -dev package"; exit 1 ;; esac
rm -rf "$deb_root"

# Code that wraps ldns, curl and OpenSSL is checked for memory errors from day one.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCUTOVER_SANITIZE=ON -DCUTOVER_BUILD_BENCH=OFF
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -L unit

# Every parser of outside input under libFuzzer, ASan and UBSan (issue 13,
# tests/fuzz/README.md): a bounded number of inputs each, fails on any crash.
env CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCUTOVER_FUZZ=ON -DCUTOVER_BUILD_TESTS=OFF -DCUTOVER_BUILD_BENCH=OFF
cmake --build build-fuzz -j"$jobs" --target cutover_fuzz
ctest --test-dir build-fuzz --output-on-failure -L fuzz -j"$jobs"
