# Release hardening, for every target: _FORTIFY_SOURCE=3 (needs the
# optimiser: not in Debug), the stack protector and stack-clash protection,
# control-flow protection, PIE executables, full RELRO with immediate
# binding, and a stack that is not executable. scripts/check-hardening reads
# the built programs and plugins and fails when any of it is missing.
option(KANAL_HARDENING "Harden release builds (fortify, stack protector, PIE, full RELRO)" ON)
include(CheckPIESupported)
check_pie_supported(LANGUAGES C CXX)
if(KANAL_HARDENING AND NOT KANAL_SANITIZERS AND NOT KANAL_FUZZ AND NOT KANAL_TSAN)
  add_compile_options(
    "$<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=3>"
    -fstack-protector-strong -fstack-clash-protection -fcf-protection)
  add_link_options(-Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack)
endif()
