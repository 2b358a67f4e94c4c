# CUTOVER_FUZZ: the libFuzzer targets of tests/fuzz, in a build of their own
# (clang only: libFuzzer and its coverage instrumentation are clang's):
#
#   CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCUTOVER_FUZZ=ON
#   cmake --build build-fuzz --target cutover_fuzz
#
# Every library is compiled with coverage for the fuzzer and with ASan and
# UBSan, so a parser's memory error or undefined behaviour stops the fuzzer
# with the input that caused it. The main g++ build is not touched by this.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "CUTOVER_FUZZ needs clang (libFuzzer): CC=clang-14 CXX=clang++-14 cmake ... -DCUTOVER_FUZZ=ON")
endif()
if(CUTOVER_SANITIZE)
  message(FATAL_ERROR "CUTOVER_FUZZ brings its own sanitizers: leave CUTOVER_SANITIZE off")
endif()

include(cmake/ClangExpected.cmake)

add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
add_link_options(-fsanitize=address,undefined)
