#pragma once
#include <wx/app.h>

namespace kanal::gui {

// The desktop app: `kanal [--data-dir DIR] [--server URL --token T]`.
class KanalApp final : public wxApp {
 public:
  bool OnInit() override;
  void OnInitCmdLine(wxCmdLineParser& parser) override;
  bool OnCmdLineParsed(wxCmdLineParser& parser) override;

 private:
  wxString data_dir_;
  wxString server_;
  wxString token_;
  bool quick_post_ = false;  // --quick-post
};

}  // namespace kanal::gui
