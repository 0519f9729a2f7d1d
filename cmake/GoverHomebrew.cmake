# Homebrew hints for macOS: Homebrew installs libarchive, OpenSSL 3 and curl "keg-only" (not
# linked into <prefix>/include and <prefix>/lib, so that they do not shadow macOS's own copies),
# which leaves CMake finding macOS's older libraries or none. gover_homebrew_hints() points each
# find_package() at the keg under <prefix>/opt/<formula> instead.
#
# Where a keg is looked for, first hit wins, per formula:
#   1. $ENV{HOMEBREW_PREFIX}/opt/<formula>        (set by `brew shellenv`)
#   2. `brew --prefix <formula>`                  (the brew found on PATH, or GOVER_BREW)
#   3. /opt/homebrew/opt/<formula>, /usr/local/opt/<formula>   (Apple Silicon and Intel defaults;
#      /usr/local first when building for x86_64, so that an arm64 build never links Rosetta's)
# A hint the user gave (-D<var>=... or the environment variable of that name) always wins: the
# formula is then left alone. Kegs that are missing are reported and skipped; the find_package()
# that needs them then says what is missing.
#
# Sets, in the caller's scope: LibArchive_ROOT, OPENSSL_ROOT_DIR, CURL_ROOT, and prepends the
# isa-l keg (found by pkg-config) and each Homebrew prefix used to CMAKE_PREFIX_PATH (cli11,
# nlohmann-json and tl-expected are not keg-only: they live in the prefix itself).
# GOVER_HOMEBREW_FOUND and GOVER_HOMEBREW_MISSING list the formulae found and not found.
#
# Inputs that tests (tests/cmake/homebrew_hints_test.cmake) and unusual set-ups can override:
#   GOVER_BREW                        the brew executable (default: found on PATH; "" = none)
#   GOVER_HOMEBREW_ROOTFS             a directory that step 3 looks under instead of / (a fake
#                                     file system tree for tests; default: none)
#   GOVER_HOMEBREW_ARCH               arm64 or x86_64 (default: CMAKE_OSX_ARCHITECTURES, else
#                                     the host processor)
# The logic needs no project or compiler, so it runs in script mode (cmake -P) too.

# formula|hint variable|other spellings (comma-separated) of the hint that also count as given
set(GOVER_HOMEBREW_KEGS
    "libarchive|LibArchive_ROOT|LIBARCHIVE_ROOT"
    "openssl@3|OPENSSL_ROOT_DIR|OpenSSL_ROOT,OPENSSL_ROOT"
    "curl|CURL_ROOT|CURL_DIR"
    "isa-l|CMAKE_PREFIX_PATH|")

# The step-3 list for an architecture.
function(_gover_homebrew_default_prefixes out)
  set(arch "${GOVER_HOMEBREW_ARCH}")
  if(NOT arch)
    set(arch "${CMAKE_OSX_ARCHITECTURES}")
  endif()
  if(NOT arch)
    set(arch "${CMAKE_HOST_SYSTEM_PROCESSOR}")
  endif()
  if(arch STREQUAL "x86_64")
    set(${out} "${GOVER_HOMEBREW_ROOTFS}/usr/local;${GOVER_HOMEBREW_ROOTFS}/opt/homebrew" PARENT_SCOPE)
  else()
    set(${out} "${GOVER_HOMEBREW_ROOTFS}/opt/homebrew;${GOVER_HOMEBREW_ROOTFS}/usr/local" PARENT_SCOPE)
  endif()
endfunction()

# The keg directory of <formula>, or "" when none of the places has it.
function(_gover_homebrew_keg formula brew out)
  set(candidates "")
  if(NOT "$ENV{HOMEBREW_PREFIX}" STREQUAL "")
    list(APPEND candidates "$ENV{HOMEBREW_PREFIX}/opt/${formula}")
  endif()
  if(brew)
    execute_process(COMMAND "${brew}" --prefix "${formula}" OUTPUT_VARIABLE from_brew
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE status)
    if(status EQUAL 0 AND from_brew)
      list(APPEND candidates "${from_brew}")
    endif()
  endif()
  _gover_homebrew_default_prefixes(defaults)
  foreach(prefix IN LISTS defaults)
    list(APPEND candidates "${prefix}/opt/${formula}")
  endforeach()
  foreach(keg IN LISTS candidates)
    if(IS_DIRECTORY "${keg}")
      set(${out} "${keg}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

# True when the user already named where <var> (or one of its other spellings) is.
function(_gover_homebrew_given vars out)
  foreach(var IN LISTS vars)
    if(var AND (DEFINED ${var} OR DEFINED ENV{${var}}))
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} FALSE PARENT_SCOPE)
endfunction()

function(gover_homebrew_hints)
  if(DEFINED GOVER_BREW)
    set(brew "${GOVER_BREW}")
  else()
    find_program(GOVER_BREW_PROGRAM brew PATHS /opt/homebrew/bin /usr/local/bin)
    set(brew "${GOVER_BREW_PROGRAM}")
  endif()
  set(prefix_path "${CMAKE_PREFIX_PATH}")
  set(found "")
  set(missing "")
  foreach(entry IN LISTS GOVER_HOMEBREW_KEGS)
    string(REPLACE "|" ";" fields "${entry}")
    string(REPLACE "," ";" fields "${fields}")
    list(GET fields 0 formula)
    list(GET fields 1 var)
    list(LENGTH fields n)
    set(aliases "")
    if(n GREATER 2)
      list(SUBLIST fields 2 -1 aliases)
    endif()
    if(NOT var STREQUAL "CMAKE_PREFIX_PATH")
      _gover_homebrew_given("${var};${aliases}" given)
      if(given)
        message(STATUS "Homebrew ${formula}: not looked for, ${var} (or a variant) is given")
        continue()
      endif()
    endif()
    _gover_homebrew_keg("${formula}" "${brew}" keg)
    if(NOT keg)
      list(APPEND missing "${formula}")
      continue()
    endif()
    list(APPEND found "${formula}")
    message(STATUS "Homebrew ${formula}: ${keg}")
    if(var STREQUAL "CMAKE_PREFIX_PATH")
      list(PREPEND prefix_path "${keg}")
    else()
      set(${var} "${keg}" PARENT_SCOPE)
    endif()
    # The prefix the keg belongs to (<prefix>/opt/<formula>) holds the non-keg-only formulae.
    get_filename_component(opt_dir "${keg}" DIRECTORY)
    get_filename_component(brew_prefix "${opt_dir}" DIRECTORY)
    if(NOT brew_prefix IN_LIST prefix_path)
      list(APPEND prefix_path "${brew_prefix}")
    endif()
  endforeach()
  if(missing)
    message(STATUS "Homebrew: no keg for ${missing} (brew install ${missing}; or set HOMEBREW_PREFIX)")
  endif()
  set(CMAKE_PREFIX_PATH "${prefix_path}" PARENT_SCOPE)
  set(GOVER_HOMEBREW_FOUND "${found}" PARENT_SCOPE)
  set(GOVER_HOMEBREW_MISSING "${missing}" PARENT_SCOPE)
endfunction()
