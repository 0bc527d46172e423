#include "app/utf8_locale.h"

#include <langinfo.h>

#include <clocale>
#include <cstring>

namespace kanal::gui {

void ensure_utf8_ctype() {
  std::setlocale(LC_CTYPE, "");
  if (std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return;
  // C.UTF-8 is in every glibc since 2.35 and in Debian's for long before.
  std::setlocale(LC_CTYPE, "C.UTF-8");
}

}  // namespace kanal::gui
