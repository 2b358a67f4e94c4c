# std::expected for clang++ older than 16 over libstdc++ 12 (the fuzz build,
# cmake/Fuzz.cmake). libstdc++ 12 hides <expected> from clang 14 (its
# __cpp_concepts is 201907L), and with the guard lifted clang 14 still cannot
# use it: the class declares each copy/move constructor and destructor twice,
# a trivial "= default" one and a constrained non-trivial one (P0848,
# conditionally trivial special members, first in clang 16), and clang 14
# picks the defaulted one, deleted for a std::string or an Error.
#
# So, when a probe says so, this writes into the build tree a copy of the
# system's <expected> with the defaulted overloads dropped and the
# constraints that only chose between the two removed: every expected then
# has the non-trivial members, whose behaviour is the same (only triviality
# is lost). Nothing of libstdc++ is kept in the repository; an edit that no
# longer matches the system header stops the configure, by name.
include(CheckCXXSourceCompiles)

set(_expected_probe [=[
#include <expected>
#include <string>
struct E { std::string m; };
std::expected<std::string, E> f(int x) { if (x) return std::unexpected(E{"x"}); return "ok"; }
std::expected<void, E> g(int x) { if (x) return std::unexpected(E{"x"}); return {}; }
int main(int argc, char**) { auto a = f(argc); auto b = a; b = f(0); auto c = g(argc); return a ? 0 : (c ? 1 : 2); }
]=])

set(CMAKE_REQUIRED_FLAGS "-std=c++2b")
check_cxx_source_compiles("${_expected_probe}" CUTOVER_STD_EXPECTED_WORKS)
if(NOT CUTOVER_STD_EXPECTED_WORKS)
  set(_header "")
  foreach(candidate IN LISTS CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
    if(NOT _header AND EXISTS "${candidate}/expected")
      set(_header "${candidate}/expected")
    endif()
  endforeach()
  if(NOT _header)
    message(FATAL_ERROR "std::expected does not compile with ${CMAKE_CXX_COMPILER} and no <expected> header was found "
                        "to adapt (libstdc++ 12 expected: apt-get install libstdc++-12-dev)")
  endif()
  file(READ "${_header}" _text)
  # Each edit: what the header of libstdc++ 12 says, and what it becomes.
  # (A function, not a list: the header's text is full of semicolons.)
  function(_cutover_edit from to)
    string(FIND "${_text}" "${from}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "cmake/ClangExpected.cmake: ${_header} is not the <expected> of libstdc++ 12 "
                          "(no \"${from}\"); use clang 16 or newer, whose std::expected needs no edit")
    endif()
    string(REPLACE "${from}" "${to}" edited "${_text}")
    set(_text "${edited}" PARENT_SCOPE)
  endfunction()
  _cutover_edit("#if __cplusplus > 202002L && __cpp_concepts >= 202002L" "#if __cplusplus > 202002L")
  _cutover_edit("      expected(const expected&) = default;\n" "")
  _cutover_edit("      expected(expected&&) = default;\n" "")
  _cutover_edit("      constexpr ~expected() = default;\n" "")
  _cutover_edit("\n      && (!is_trivially_copy_constructible_v<_Tp>\n\t  || !is_trivially_copy_constructible_v<_Er>)" "")
  _cutover_edit("\n      && (!is_trivially_move_constructible_v<_Tp>\n\t  || !is_trivially_move_constructible_v<_Er>)" "")
  _cutover_edit("\n      requires (!is_trivially_destructible_v<_Tp>)\n\t    || (!is_trivially_destructible_v<_Er>)" "")
  _cutover_edit("\n\t    && (!is_trivially_copy_constructible_v<_Er>)" "")
  _cutover_edit("\n\t    && (!is_trivially_move_constructible_v<_Er>)" "")
  _cutover_edit("constexpr ~expected() requires (!is_trivially_destructible_v<_Er>)" "constexpr ~expected()")
  set(CUTOVER_EXPECTED_COMPAT_DIR "${PROJECT_BINARY_DIR}/clang-expected")
  file(WRITE "${CUTOVER_EXPECTED_COMPAT_DIR}/expected" "${_text}")
  set(CMAKE_REQUIRED_INCLUDES "${CUTOVER_EXPECTED_COMPAT_DIR}")
  check_cxx_source_compiles("${_expected_probe}" CUTOVER_STD_EXPECTED_ADAPTED_WORKS)
  unset(CMAKE_REQUIRED_INCLUDES)
  if(NOT CUTOVER_STD_EXPECTED_ADAPTED_WORKS)
    message(FATAL_ERROR "std::expected does not compile with ${CMAKE_CXX_COMPILER}, even adapted (${CUTOVER_EXPECTED_COMPAT_DIR})")
  endif()
  message(STATUS "std::expected: libstdc++'s, adapted for ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION} in ${CUTOVER_EXPECTED_COMPAT_DIR}")
  include_directories(BEFORE SYSTEM "${CUTOVER_EXPECTED_COMPAT_DIR}")
endif()
unset(CMAKE_REQUIRED_FLAGS)
