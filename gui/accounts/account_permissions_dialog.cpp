#include "accounts/account_permissions_dialog.h"

#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace kanal::gui {

const std::vector<std::string>& AccountPermissionsDialog::capabilities() {
  static const std::vector<std::string> names{"draft", "publish", "approve", "answer", "moderate"};
  return names;
}

AccountPermissionsDialog::AccountPermissionsDialog(wxWindow* parent, const Account& account, std::vector<User> users,
                                                   const std::vector<AccountGrant>& grants)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Permissions on %s"), wxString::FromUTF8(account.handle)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER,
               "account_permissions_dialog"),
      users_(std::move(users)) {
  std::erase_if(users_, [](const User& user) { return user.disabled; });
  restricted_ = new wxCheckBox(this, wxID_ANY, _("Only the people ticked below may act on this account"),
                               wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "restrict_account");
  grid_ = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(640, 260)), wxDV_ROW_LINES,
                                 wxDefaultValidator);
  grid_->SetName("account_permissions_grid");
  grid_->AppendTextColumn(_("Person"), wxDATAVIEW_CELL_INERT, FromDIP(220));
  const wxString labels[] = {_("Draft"), _("Publish"), _("Approve"), _("Answer"), _("Moderate")};
  for (const auto& label : labels) grid_->AppendToggleColumn(label, wxDATAVIEW_CELL_ACTIVATABLE, FromDIP(80));
  for (const auto& user : users_) {
    wxVector<wxVariant> row;
    row.push_back(wxString::FromUTF8(user.display_name + " (" + user.login + ")"));
    const auto grant =
        std::find_if(grants.begin(), grants.end(), [&](const AccountGrant& g) { return g.user == user.id; });
    for (const auto& capability : capabilities()) {
      row.push_back(grant != grants.end() && grant->capabilities.count(capability) != 0);
    }
    grid_->AppendItem(row);
  }
  auto* note = new wxStaticText(
      this, wxID_ANY,
      _("A person also needs a role that allows it: an officer cannot approve, whatever is ticked here."));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(restricted_, wxSizerFlags().Border(wxALL, FromDIP(10)));
  sizer->Add(grid_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(10)));
  sizer->Add(note, wxSizerFlags().Border(wxALL, FromDIP(10)));
  sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));
  SetSizerAndFit(sizer);
  set_restricted(!grants.empty());
  restricted_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) { grid_->Enable(event.IsChecked()); });
}

void AccountPermissionsDialog::set_restricted(bool restricted) {
  restricted_->SetValue(restricted);
  grid_->Enable(restricted);
}

void AccountPermissionsDialog::set_capability(UserId user, const std::string& capability, bool allowed) {
  const auto column = std::find(capabilities().begin(), capabilities().end(), capability) - capabilities().begin();
  for (std::size_t row = 0; row < users_.size(); ++row) {
    if (users_[row].id == user)
      grid_->SetToggleValue(allowed, static_cast<unsigned>(row), static_cast<unsigned>(column + 1));
  }
}

std::vector<AccountGrant> AccountPermissionsDialog::grants() const {
  std::vector<AccountGrant> grants;
  if (!restricted_->GetValue()) return grants;
  for (std::size_t row = 0; row < users_.size(); ++row) {
    AccountGrant grant{users_[row].id, {}};
    for (std::size_t column = 0; column < capabilities().size(); ++column) {
      if (grid_->GetToggleValue(static_cast<unsigned>(row), static_cast<unsigned>(column + 1))) {
        grant.capabilities.insert(capabilities()[column]);
      }
    }
    if (!grant.capabilities.empty()) grants.push_back(std::move(grant));
  }
  return grants;
}

}  // namespace kanal::gui
