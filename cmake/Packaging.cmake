# What `cmake --install` puts in place and what `cpack -G DEB` packs: the
# binary, cutover(1) generated from the CLI's own help at build time
# (help2man), and the bash completion. The .deb depends on the runtime
# libraries the binary links (dpkg-shlibdeps finds them: libldns3, libcurl4,
# libssl3, libtinyxml2-9, libstdc++6...), never on -dev packages.
include(GNUInstallDirs)

install(TARGETS cutover RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/cmake/cutover.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions RENAME cutover)

find_program(HELP2MAN help2man)
if(HELP2MAN)
  # Debian installs man pages compressed (gzip -9n: no name or time, so the bytes repeat).
  set(man_page ${PROJECT_BINARY_DIR}/cutover.1.gz)
  add_custom_command(OUTPUT ${man_page}
    COMMAND bash ${PROJECT_SOURCE_DIR}/cmake/man_page.sh $<TARGET_FILE:cutover> ${PROJECT_BINARY_DIR}/cutover.1
    COMMAND gzip -9nf ${PROJECT_BINARY_DIR}/cutover.1
    DEPENDS cutover ${PROJECT_SOURCE_DIR}/cmake/man_page.sh
    COMMENT "cutover(1) from the CLI's help (help2man)")
  add_custom_target(man_page ALL DEPENDS ${man_page})
  install(FILES ${man_page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found: cutover(1) is not built nor installed (apt-get install help2man)")
endif()

set(CPACK_PACKAGE_NAME cutover)
set(CPACK_PACKAGE_VENDOR "cutover")
set(CPACK_PACKAGE_CONTACT "cutover maintainers <cutover@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "plan and execute zero-downtime DNS and account migrations")
set(CPACK_PACKAGE_DESCRIPTION "cutover plans and executes zero-downtime DNS and account migrations (Route 53, Route 53 Domains, RDS, RFC 2136 servers) and proves each step with live DNS queries.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dns-root-data")
include(CPack)
