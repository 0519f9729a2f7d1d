# Run by CPack after it installs into its staging directory, before it builds each package.
# Debian's zsh reads completions from /usr/share/zsh/vendor-completions, not site-functions
# (which Homebrew and a /usr/local install use), so the .deb moves _gover there.
if(CPACK_GENERATOR STREQUAL "DEB")
  file(GLOB_RECURSE gover_staged "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/_gover")
  foreach(file IN LISTS gover_staged)
    get_filename_component(site_functions "${file}" DIRECTORY)
    get_filename_component(zsh_dir "${site_functions}" DIRECTORY)
    get_filename_component(site_name "${site_functions}" NAME)
    if(site_name STREQUAL "site-functions")
      file(MAKE_DIRECTORY "${zsh_dir}/vendor-completions")
      file(RENAME "${file}" "${zsh_dir}/vendor-completions/_gover")
      file(GLOB left "${site_functions}/*")
      if(NOT left)
        file(REMOVE_RECURSE "${site_functions}")
      endif()
    endif()
  endforeach()
endif()
