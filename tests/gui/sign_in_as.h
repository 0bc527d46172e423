#pragma once
// Types a login and password into the sign-in dialog, as a person would.

#include <wx/testing.h>

#include <string>

#include "app/sign_in_dialog.h"
#include "support/team.h"

namespace kanal::test {

class SignInAs final : public wxExpectModalBase<gui::SignInDialog, SignInAs> {
 public:
  explicit SignInAs(std::string login) : login_(std::move(login)) {}

 protected:
  int OnInvoked(gui::SignInDialog* dialog) const override {
    dialog->fill(wxString::FromUTF8(login_), wxString::FromUTF8(Team::password_of(login_)));
    return wxID_OK;
  }

 private:
  std::string login_;
};

}  // namespace kanal::test
