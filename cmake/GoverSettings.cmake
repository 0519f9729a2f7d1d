# Settings shared by every target, as INTERFACE targets rather than global flags.
add_library(gover_settings INTERFACE)
target_compile_features(gover_settings INTERFACE cxx_std_20)
target_compile_definitions(gover_settings INTERFACE GOVER_VERSION_STRING="${PROJECT_VERSION}")

add_library(gover_warnings INTERFACE)
target_compile_options(gover_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                -Wnon-virtual-dtor -Wimplicit-fallthrough)

add_library(gover_sanitizers INTERFACE)
if(GOVER_SANITIZE)
  target_compile_options(gover_sanitizers INTERFACE -fsanitize=address,undefined
                                                    -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(gover_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# Fuzzing builds instrument every library for coverage; the fuzz targets add the driver.
if(GOVER_FUZZ)
  target_compile_options(gover_sanitizers INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                    -fno-omit-frame-pointer)
  target_link_options(gover_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
