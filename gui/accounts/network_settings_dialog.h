#pragma once
// A network's workspace settings, as its plugin declares them: an admin
// gives the X app's client id and secret, or points a network at another
// server. A secret is never shown; its field says whether one is set, and
// stays as it is unless something is typed.

#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <string>
#include <utility>
#include <vector>

#include "api/wire/networks.h"

namespace kanal::gui {

class NetworkSettingsDialog final : public wxDialog {
 public:
  NetworkSettingsDialog(wxWindow* parent, const wxString& network_name,
                        std::vector<wire::NetworkSettingValue> settings);

  // The settings changed, key and new value (an emptied field clears it).
  std::vector<std::pair<std::string, std::string>> changes() const;
  // What a person types (tests use it too).
  void set_value(const std::string& key, const wxString& value);

 private:
  std::vector<wire::NetworkSettingValue> settings_;
  std::vector<wxTextCtrl*> fields_;
};

}  // namespace kanal::gui
