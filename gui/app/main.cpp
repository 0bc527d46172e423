#include <wx/app.h>

#include <cstring>
#include <iostream>

#include "app/kanal_app.h"
#include "kanal/version.h"

wxIMPLEMENT_APP_NO_MAIN(kanal::gui::KanalApp);

int main(int argc, char** argv) {
  // Answered before GTK starts, so it works without a display.
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--version") == 0) {
      std::cout << "kanal " << kanal::kVersion << "\n";
      return 0;
    }
  }
  return wxEntry(argc, argv);
}
