# The sanitizers, one set per preset: AddressSanitizer + UndefinedBehavior-
# Sanitizer (dev), the same with libFuzzer's coverage (fuzz: clang), or
# ThreadSanitizer (tsan).
add_library(kanal_sanitizers INTERFACE)
add_library(kanal::sanitizers ALIAS kanal_sanitizers)
set(_san "")
if(KANAL_FUZZ)
  set(_san -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
           -fsanitize-ignorelist=${PROJECT_SOURCE_DIR}/tests/fuzz/sanitizer-ignorelist.txt)
elseif(KANAL_TSAN)
  set(_san -fsanitize=thread -fno-omit-frame-pointer)
elseif(KANAL_SANITIZERS)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
endif()
if(_san)
  target_compile_options(kanal_sanitizers INTERFACE ${_san})
  target_link_options(kanal_sanitizers INTERFACE ${_san})
endif()

# Every Kanal target gets both through this one function.
function(kanal_target_defaults target)
  target_link_libraries(${target} PRIVATE kanal::warnings kanal::sanitizers)
endfunction()
