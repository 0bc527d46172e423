#include "app/kanal_app.h"

#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/image.h>
#include <wx/intl.h>
#include <wx/stdpaths.h>

#include <cstdlib>

#include "app/main_frame.h"
#include "app/utf8_locale.h"
#include "core/paths.h"

namespace kanal::gui {

void KanalApp::OnInitCmdLine(wxCmdLineParser& parser) {
  wxApp::OnInitCmdLine(parser);
  parser.AddOption({}, "data-dir", _("workspace directory (default $XDG_DATA_HOME/kanal)"));
  parser.AddOption({}, "server", _("connect to this kanald instead of the local one"));
  parser.AddOption({}, "token", _("access token for --server (or KANAL_TOKEN)"));
  parser.AddSwitch({}, "version", _("print the version and exit"));  // handled in main()
  parser.AddSwitch({}, "quick-post", _("open Quick post at once (for a desktop shortcut)"));
}

bool KanalApp::OnCmdLineParsed(wxCmdLineParser& parser) {
  parser.Found("data-dir", &data_dir_);
  parser.Found("server", &server_);
  parser.Found("token", &token_);
  quick_post_ = parser.Found("quick-post");
  return wxApp::OnCmdLineParsed(parser);
}

bool KanalApp::OnInit() {
  ensure_utf8_ctype();
  wxInitAllImageHandlers();
  SetAppName("kanal");
  SetAppDisplayName(_("Kanal"));
  if (!wxApp::OnInit()) return false;

  // Settings (window geometry) in $XDG_CONFIG_HOME/kanal/kanal.conf.
  wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);
  wxConfigBase::Set(new wxFileConfig("kanal", {}, {}, {}, wxCONFIG_USE_LOCAL_FILE | wxCONFIG_USE_SUBDIR));

  ConnectionTarget target;
  target.data_dir = data_dir_.empty() ? default_data_dir() : std::filesystem::path(data_dir_.utf8_string());
  target.kanald_program =
      std::filesystem::path(wxFileName(wxStandardPaths::Get().GetExecutablePath()).GetPath().utf8_string()) / "kanald";
  if (!server_.empty()) {
    std::string token = token_.utf8_string();
    if (token.empty()) {
      if (const char* env = std::getenv("KANAL_TOKEN")) token = env;
    }
    target.remote = client::Endpoint{server_.utf8_string(), token};
  }
  auto* frame = new MainFrame(std::move(target));
  frame->Show();
  if (quick_post_) frame->open_quick_post();
  return true;
}

}  // namespace kanal::gui
