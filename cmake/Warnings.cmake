# Warnings as an INTERFACE target that every Kanal target links PRIVATE.
add_library(kanal_warnings INTERFACE)
add_library(kanal::warnings ALIAS kanal_warnings)
target_compile_options(kanal_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough
  # Request structs grow optional members with defaults; brace-initialising
  # the leading ones is intended, not an oversight.
  -Wno-missing-field-initializers)
if(KANAL_DEVELOPER_MODE)
  target_compile_options(kanal_warnings INTERFACE -Werror)
endif()
