#pragma once
// Connect account: the networks kanald loaded, each with the form its
// descriptor asks for — the server where the person names one, and a way
// to sign in: in the browser, or with a handle and an app password. The
// dialog asks; kanald decides (a wrong password comes back from there).

#include <wx/bmpcbox.h>
#include <wx/dialog.h>
#include <wx/radiobut.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <string>
#include <vector>

#include "api/wire/networks.h"

namespace kanal::gui {

class ConnectDialog final : public wxDialog {
 public:
  // `network_id`, `server_url` and `handle` preselect (Reconnect).
  ConnectDialog(wxWindow* parent, std::vector<NetworkDescriptor> networks, const std::string& network_id = {},
                const std::string& server_url = {}, const std::string& handle = {});

  // What the person asked for, as kanald takes it.
  wire::ConnectRequest request() const;
  const NetworkDescriptor& network() const;

  // What a person types (tests use these too).
  void choose_network(const std::string& network_id);
  void set_server(const std::string& url);
  void use_app_password(const std::string& handle, const std::string& password);

 private:
  void show_form();
  bool validate_form();
  bool app_password_chosen() const;

  std::vector<NetworkDescriptor> networks_;
  wxBitmapComboBox* network_choice_;
  wxStaticText* server_label_;
  wxTextCtrl* server_;
  wxRadioButton* browser_;
  wxRadioButton* app_password_;
  wxStaticText* browser_note_;
  wxStaticText* handle_label_;
  wxTextCtrl* handle_;
  wxStaticText* password_label_;
  wxTextCtrl* password_;
  wxStaticText* password_note_;
};

}  // namespace kanal::gui
