# Compile options shared by every target of the project: warnings on, and the
# sanitizers when CUTOVER_SANITIZE is set (CI runs the unit tests that way, so
# memory errors in code that wraps ldns, curl and OpenSSL show up at once).
add_compile_options(-Wall -Wextra -Wpedantic)

if(CUTOVER_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# cutover_module(NAME SOURCES...) defines one static library per module with
# the project root on its include path, so headers read "dns/prober.h".
function(cutover_module name)
  add_library(${name} STATIC ${ARGN})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_features(${name} PUBLIC cxx_std_23)
endfunction()

# cutover_unit_test(NAME LIBS... SOURCES...) is a GoogleTest executable
# registered with ctest under the label `unit`.
function(cutover_test name)
  cmake_parse_arguments(T "" "LABEL" "SOURCES;LIBS" ${ARGN})
  if(NOT T_LABEL)
    set(T_LABEL unit)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE CUTOVER_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} PROPERTIES LABELS ${T_LABEL} DISCOVERY_TIMEOUT 30)
endfunction()
