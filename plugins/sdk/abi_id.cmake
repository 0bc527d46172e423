# Writes kanal/plugin/abi_id.h: a SHA-256 over the headers that make the
# plugin contract, so a plugin built against other headers is refused even
# when nobody bumped kPluginApiVersion. Run at build time (a custom command
# that depends on the headers), so an edit is never missed.
#   cmake -DOUTPUT=... -DHEADERS="a|b|c" -P abi_id.cmake
string(REPLACE "|" ";" headers "${HEADERS}")
set(text "")
foreach(header IN LISTS headers)
  file(READ "${header}" content)
  string(APPEND text "${content}")
endforeach()
string(SHA256 hash "${text}")
string(SUBSTRING "${hash}" 0 32 hash)
set(content "#pragma once\n// Generated from the plugin contract's headers; do not edit.\nnamespace kanal::plugin {\ninline constexpr const char* kPluginAbiId = \"${hash}\";\n}\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
