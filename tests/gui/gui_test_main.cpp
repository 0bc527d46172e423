// The GUI tests' main: wx is started for real (a real X server: Xvfb in CI),
// except when Catch is only asked to list tests, which needs no display.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <wx/app.h>
#include <wx/config.h>
#include <wx/evtloop.h>
#include <wx/image.h>
#include <wx/init.h>

#include <cstdio>
#include <cstring>

#include "app/utf8_locale.h"
#include "gui_driver.h"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--list", 6) == 0) return Catch::Session().run(argc, argv);
  }
  wxApp::SetInstance(new wxApp);
  int wx_argc = 1;
  if (!wxEntryStart(wx_argc, argv)) {
    std::fprintf(stderr, "cannot start wxWidgets: is there an X display (DISPLAY)?\n");
    return 1;
  }
  wxTheApp->SetAppName("kanal-gui-test");
  kanal::gui::ensure_utf8_ctype();  // as the app does
  wxInitAllImageHandlers();
  wxConfigBase::DontCreateOnDemand();  // tests leave no settings file behind
  kanal::test::install_assert_counter();
  int result = 0;
  {
    wxEventLoop loop;
    wxEventLoopActivator active(&loop);
    result = Catch::Session().run(argc, argv);
  }
  wxEntryCleanup();
  return result;
}
