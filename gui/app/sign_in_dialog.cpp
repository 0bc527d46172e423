#include "app/sign_in_dialog.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace kanal::gui {

SignInDialog::SignInDialog(wxWindow* parent, const wxString& login)
    : wxDialog(parent, wxID_ANY, _("Sign in"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE,
               "sign_in_dialog") {
  auto* intro =
      new wxStaticText(this, wxID_ANY, _("Sign in as a person of this workspace. What you may do follows your role."));
  login_ = new wxTextCtrl(this, wxID_ANY, login, wxDefaultPosition, wxSize(FromDIP(260), -1), 0, wxDefaultValidator,
                          "sign_in_login");
  password_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxSize(FromDIP(260), -1), wxTE_PASSWORD,
                             wxDefaultValidator, "sign_in_password");
  auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
  grid->Add(new wxStaticText(this, wxID_ANY, _("&Login:")), wxSizerFlags().CenterVertical());
  grid->Add(login_, wxSizerFlags().Expand());
  grid->Add(new wxStaticText(this, wxID_ANY, _("&Password:")), wxSizerFlags().CenterVertical());
  grid->Add(password_, wxSizerFlags().Expand());
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(intro, wxSizerFlags().Border(wxALL, FromDIP(10)));
  sizer->Add(grid, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(10)));
  sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));
  SetSizerAndFit(sizer);
  (login.empty() ? login_ : password_)->SetFocus();
}

void SignInDialog::fill(const wxString& login, const wxString& password) {
  login_->ChangeValue(login);
  password_->ChangeValue(password);
}

}  // namespace kanal::gui
