# AddressSanitizer + UndefinedBehaviorSanitizer for the developer preset.
add_library(kanal_sanitizers INTERFACE)
add_library(kanal::sanitizers ALIAS kanal_sanitizers)
if(KANAL_SANITIZERS)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_compile_options(kanal_sanitizers INTERFACE ${_san})
  target_link_options(kanal_sanitizers INTERFACE ${_san})
endif()

# Every Kanal target gets both through this one function.
function(kanal_target_defaults target)
  target_link_libraries(${target} PRIVATE kanal::warnings kanal::sanitizers)
endfunction()
