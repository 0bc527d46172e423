# kanal_embed_binary(OUTPUT_CPP INPUT_FILE SYMBOL): a C++ source that puts
# the file's bytes in read-only data with the assembler's .incbin, between
# the symbols SYMBOL_begin and SYMBOL_end (declare them
# `extern "C" const char SYMBOL_begin[], SYMBOL_end[];`). Unlike
# EmbedFile.cmake it costs nothing at configure time, so it suits files of
# megabytes. The object is rebuilt when the file changes. GCC and Clang
# (ELF and Mach-O) only.
function(kanal_embed_binary output input symbol)
  file(CONFIGURE OUTPUT ${output} CONTENT
"// Generated from ${input} by cmake/EmbedBinary.cmake. Do not edit.
#if defined(__APPLE__)
#define KANAL_SECTION \".const_data\\n\"
#define KANAL_SYMBOL(name) \"_\" #name
#define KANAL_HIDE(name) \".private_extern \" KANAL_SYMBOL(name) \"\\n\"
#else
#define KANAL_SECTION \".section .rodata\\n\"
#define KANAL_SYMBOL(name) #name
#define KANAL_HIDE(name) \".hidden \" #name \"\\n.type \" #name \", %object\\n\"
#endif
asm(KANAL_SECTION
    \".balign 16\\n\"
    \".globl \" KANAL_SYMBOL(${symbol}_begin) \"\\n\"
    KANAL_HIDE(${symbol}_begin)
    KANAL_SYMBOL(${symbol}_begin) \":\\n\"
    \".incbin \\\"${input}\\\"\\n\"
    \".globl \" KANAL_SYMBOL(${symbol}_end) \"\\n\"
    KANAL_HIDE(${symbol}_end)
    KANAL_SYMBOL(${symbol}_end) \":\\n\"
    \".byte 0\\n\"
    \".text\\n\");
" @ONLY)
  set_source_files_properties(${output} PROPERTIES OBJECT_DEPENDS ${input})
endfunction()
