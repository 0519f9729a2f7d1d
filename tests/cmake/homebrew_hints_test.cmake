# The Homebrew hints (cmake/GoverHomebrew.cmake) against fake Homebrew trees laid out as
# Homebrew lays them out: <prefix>/Cellar/<formula>/<version>/ and <prefix>/opt/<formula> a
# symbolic link to it, with an Apple Silicon prefix (opt/homebrew) and an Intel one (usr/local)
# under a fake root. Each case runs the driver in a fresh `cmake -P` with a clean environment.
#   cmake -DGOVER_SOURCE_DIR=<src> -DWORK_DIR=<scratch dir> -P homebrew_hints_test.cmake
cmake_minimum_required(VERSION 3.25)
foreach(required GOVER_SOURCE_DIR WORK_DIR)
  if(NOT ${required})
    message(FATAL_ERROR "homebrew_hints_test: -D${required}=... is required")
  endif()
endforeach()
set(driver ${CMAKE_CURRENT_LIST_DIR}/homebrew_hints_driver.cmake)
file(REMOVE_RECURSE ${WORK_DIR})
set(root ${WORK_DIR}/root)
set(arm ${root}/opt/homebrew)
set(intel ${root}/usr/local)

function(add_keg prefix formula version)
  file(MAKE_DIRECTORY ${prefix}/Cellar/${formula}/${version}/include ${prefix}/opt)
  file(CREATE_LINK ../Cellar/${formula}/${version} ${prefix}/opt/${formula} SYMBOLIC)
endfunction()
foreach(keg "libarchive|3.7.4" "openssl@3|3.3.1" "curl|8.8.0" "isa-l|2.31.0")
  string(REPLACE "|" ";" keg "${keg}")
  add_keg(${arm} ${keg})
endforeach()
add_keg(${intel} libarchive 3.7.2)
add_keg(${intel} openssl@3 3.2.0)
file(MAKE_DIRECTORY ${WORK_DIR}/empty)

# A fake brew whose `--prefix <formula>` answers, like the real one, whether or not it is installed.
set(fake_brew ${WORK_DIR}/bin/brew)
file(WRITE ${fake_brew} "#!/bin/sh\n[ \"$1\" = --prefix ] || exit 1\necho \"${intel}/opt/$2\"\n")
file(CHMOD ${fake_brew} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)

set(failures 0)
# run_case(<name> ENV <VAR=value>... ARGS <-Dx=y>...): runs the driver, leaves its output in
# the parent's `out`. The hint variables of the calling environment are unset first.
function(run_case name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "ENV;ARGS")
  set(unset "")
  foreach(var HOMEBREW_PREFIX LibArchive_ROOT LIBARCHIVE_ROOT OPENSSL_ROOT_DIR OpenSSL_ROOT
              OPENSSL_ROOT CURL_ROOT CURL_DIR CMAKE_PREFIX_PATH)
    list(APPEND unset --unset=${var})
  endforeach()
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env ${unset} ${arg_ENV}
            ${CMAKE_COMMAND} -DGOVER_SOURCE_DIR=${GOVER_SOURCE_DIR} ${arg_ARGS} -P ${driver}
    OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(SEND_ERROR "${name}: the driver failed (${status}):\n${stderr}")
  endif()
  set(out "${stdout}${stderr}" PARENT_SCOPE)
endfunction()

# expect(<case> <VAR> <value>): the driver printed VAR=<value> exactly.
function(expect name var value)
  string(REGEX MATCH "(^|\n)${var}=[^\n]*" line "${out}")
  string(REGEX REPLACE "^\n" "" line "${line}")
  if(NOT line STREQUAL "${var}=${value}")
    message(SEND_ERROR "${name}: expected ${var}=${value}, got '${line}'\n${out}")
  else()
    message(STATUS "ok: ${name}: ${var}=${value}")
  endif()
endfunction()

set(no_brew -DGOVER_BREW= -DGOVER_HOMEBREW_ROOTFS=${WORK_DIR}/empty)

# 1. HOMEBREW_PREFIX (brew shellenv): every keg from it, the prefix itself for the others.
set(c "HOMEBREW_PREFIX")
run_case(${c} ENV HOMEBREW_PREFIX=${arm} ARGS ${no_brew})
expect(${c} LibArchive_ROOT ${arm}/opt/libarchive)
expect(${c} OPENSSL_ROOT_DIR ${arm}/opt/openssl@3)
expect(${c} CURL_ROOT ${arm}/opt/curl)
expect(${c} CMAKE_PREFIX_PATH "${arm}/opt/isa-l;${arm}")
expect(${c} GOVER_HOMEBREW_MISSING "")

# 2. An explicit -D<Pkg>_ROOT wins, and so does the environment variable; the rest still come.
set(c "explicit hints win")
run_case(${c} ENV HOMEBREW_PREFIX=${arm} OPENSSL_ROOT_DIR=/env/ssl
         ARGS ${no_brew} -DLibArchive_ROOT=/mine/libarchive -DCURL_ROOT=/mine/curl)
expect(${c} LibArchive_ROOT /mine/libarchive)
expect(${c} OPENSSL_ROOT_DIR "")
expect(${c} CURL_ROOT /mine/curl)
expect(${c} GOVER_HOMEBREW_FOUND isa-l)
if(NOT out MATCHES "openssl@3: not looked for, OPENSSL_ROOT_DIR")
  message(SEND_ERROR "${c}: no note that openssl@3 was left to OPENSSL_ROOT_DIR\n${out}")
endif()

# 3. No HOMEBREW_PREFIX: `brew --prefix <formula>`; what it names but is absent is missing.
set(c "brew --prefix")
run_case(${c} ARGS -DGOVER_BREW=${fake_brew} -DGOVER_HOMEBREW_ROOTFS=${WORK_DIR}/empty)
expect(${c} LibArchive_ROOT ${intel}/opt/libarchive)
expect(${c} OPENSSL_ROOT_DIR ${intel}/opt/openssl@3)
expect(${c} CURL_ROOT "")
expect(${c} GOVER_HOMEBREW_MISSING "curl;isa-l")

# 4. HOMEBREW_PREFIX comes before brew.
set(c "HOMEBREW_PREFIX before brew")
run_case(${c} ENV HOMEBREW_PREFIX=${arm}
         ARGS -DGOVER_BREW=${fake_brew} -DGOVER_HOMEBREW_ROOTFS=${WORK_DIR}/empty)
expect(${c} LibArchive_ROOT ${arm}/opt/libarchive)

# 5. Neither: the default prefixes, /opt/homebrew first for arm64 (a keg only /usr/local has is
#    still found there), /usr/local first for x86_64.
set(c "defaults, arm64")
run_case(${c} ARGS -DGOVER_BREW= -DGOVER_HOMEBREW_ROOTFS=${root} -DGOVER_HOMEBREW_ARCH=arm64)
expect(${c} LibArchive_ROOT ${arm}/opt/libarchive)
expect(${c} CURL_ROOT ${arm}/opt/curl)
set(c "defaults, x86_64")
run_case(${c} ARGS -DGOVER_BREW= -DGOVER_HOMEBREW_ROOTFS=${root} -DGOVER_HOMEBREW_ARCH=x86_64)
expect(${c} LibArchive_ROOT ${intel}/opt/libarchive)
expect(${c} OPENSSL_ROOT_DIR ${intel}/opt/openssl@3)
expect(${c} CURL_ROOT ${arm}/opt/curl)
expect(${c} CMAKE_PREFIX_PATH "${arm}/opt/isa-l;${intel};${arm}")

# 6. A HOMEBREW_PREFIX that does not exist and nothing else: no hint at all, and a note.
set(c "missing prefix")
run_case(${c} ENV HOMEBREW_PREFIX=${WORK_DIR}/nowhere ARGS ${no_brew})
expect(${c} LibArchive_ROOT "")
expect(${c} OPENSSL_ROOT_DIR "")
expect(${c} CURL_ROOT "")
expect(${c} CMAKE_PREFIX_PATH "")
expect(${c} GOVER_HOMEBREW_MISSING "libarchive;openssl@3;curl;isa-l")
if(NOT out MATCHES "no keg for libarchive;openssl@3;curl;isa-l")
  message(SEND_ERROR "${c}: no note naming the missing kegs\n${out}")
endif()

# 7. README's macOS steps and scripts/deps.sh install every formula the module looks for.
include(${GOVER_SOURCE_DIR}/cmake/GoverHomebrew.cmake)
file(READ ${GOVER_SOURCE_DIR}/scripts/deps.sh deps)
string(REGEX MATCH "brew_build=\\([^)]*\\)" deps_line "${deps}")
file(STRINGS ${GOVER_SOURCE_DIR}/README.md readme_line REGEX "^brew install .*libarchive")
foreach(entry IN LISTS GOVER_HOMEBREW_KEGS)
  string(REGEX MATCH "^[^|]+" formula "${entry}")
  foreach(where deps_line readme_line)
    if(NOT " ${${where}} " MATCHES "[ (]${formula}[ )]")
      message(SEND_ERROR "agreement: ${where} does not install ${formula}: '${${where}}'")
    endif()
  endforeach()
endforeach()
