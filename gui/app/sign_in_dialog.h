#pragma once
// Sign in as a person of the workspace: login and password. The dialog only
// asks; the main window signs in and says what went wrong.

#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <string>

namespace kanal::gui {

class SignInDialog final : public wxDialog {
 public:
  explicit SignInDialog(wxWindow* parent, const wxString& login = {});
  std::string login() const { return login_->GetValue().Strip(wxString::both).utf8_string(); }
  std::string password() const { return password_->GetValue().utf8_string(); }
  // For tests and scripts: fill in what a person would type.
  void fill(const wxString& login, const wxString& password);

 private:
  wxTextCtrl* login_;
  wxTextCtrl* password_;
};

}  // namespace kanal::gui
