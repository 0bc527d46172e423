#pragma once
// The app's strings are UTF-8 in the source. wx converts narrow strings with
// the C library's locale, so under a non-UTF-8 one (the plain "C" locale of a
// service or a test run) every label with a "…" or an "ö" would come out
// empty. This makes the character type UTF-8 whatever the environment says.

namespace kanal::gui {

void ensure_utf8_ctype();

}  // namespace kanal::gui
