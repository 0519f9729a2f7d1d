# Runs cmake/GoverHomebrew.cmake in script mode and prints what it decided, one NAME=value line
# each, for tests/cmake/homebrew_hints_test.cmake. Inputs come as -D options and the environment.
cmake_minimum_required(VERSION 3.25)
include(${GOVER_SOURCE_DIR}/cmake/GoverHomebrew.cmake)
gover_homebrew_hints()
foreach(var LibArchive_ROOT OPENSSL_ROOT_DIR CURL_ROOT CMAKE_PREFIX_PATH GOVER_HOMEBREW_FOUND
            GOVER_HOMEBREW_MISSING)
  message(NOTICE "${var}=${${var}}")
endforeach()
