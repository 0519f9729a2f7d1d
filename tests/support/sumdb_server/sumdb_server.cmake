# The checksum database test server (tests/support/sumdb_server/main.go), built with Debian's
# Go 1.19 in GOPATH mode against golang-golang-x-mod-dev, offline. Without them the tests that
# need it skip, saying what is missing.
find_program(GOVER_GO_1_19 go PATHS /usr/lib/go-1.19/bin NO_DEFAULT_PATH)
set(GOVER_GOCODE /usr/share/gocode)
set(gover_sumdb_server ${CMAKE_CURRENT_BINARY_DIR}/sumdb_server/gover_sumdb_server)
if(GOVER_GO_1_19 AND EXISTS ${GOVER_GOCODE}/src/golang.org/x/mod/sumdb/server.go)
  add_custom_command(
    OUTPUT ${gover_sumdb_server}
    COMMAND ${CMAKE_COMMAND} -E env GO111MODULE=off GOPATH=${GOVER_GOCODE} GOFLAGS= GOPROXY=off
            GOCACHE=${CMAKE_CURRENT_BINARY_DIR}/go-cache
            ${GOVER_GO_1_19} build -o ${gover_sumdb_server}
            ${CMAKE_CURRENT_SOURCE_DIR}/support/sumdb_server/main.go
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/support/sumdb_server/main.go
    COMMENT "Building the checksum database test server with Go 1.19"
    VERBATIM)
  add_custom_target(gover_sumdb_server ALL DEPENDS ${gover_sumdb_server})
  add_dependencies(gover_unit_tests gover_sumdb_server)
endif()
target_compile_definitions(gover_unit_tests PRIVATE GOVER_SUMDB_SERVER="${gover_sumdb_server}")
