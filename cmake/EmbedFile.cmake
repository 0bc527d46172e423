# kanal_embed_file(OUTPUT_CPP INPUT_FILE SYMBOL): a C++ source that defines
# `extern const std::string_view SYMBOL` holding the file's bytes, so a
# program carries its data without looking for it on disk. Regenerated when
# the file changes.
function(kanal_embed_file output input symbol)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${input})
  file(READ ${input} hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  # Line breaks every 24 bytes keep the generated file readable for tools.
  string(REGEX REPLACE "(('[^']+',){24})" "\\1\n" bytes "${bytes}")
  file(CONFIGURE OUTPUT ${output} CONTENT
"// Generated from ${input} by cmake/EmbedFile.cmake. Do not edit.
#include <string_view>
namespace {
const char kBytes[] = {
${bytes}
};
}  // namespace
extern const std::string_view ${symbol};
const std::string_view ${symbol}(kBytes, ${size});
")
endfunction()
