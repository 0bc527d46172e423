#include "schedule/blackout_dialog.h"

#include <wx/checklst.h>
#include <wx/datectrl.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace kanal::gui {

BlackoutDialog::BlackoutDialog(wxWindow* parent, std::vector<Account> accounts, std::string zone)
    : wxDialog(parent, wxID_ANY, _("Blackout window"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "blackout_dialog"),
      accounts_(std::move(accounts)),
      zone_(std::move(zone)) {
  name_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(320, -1)), 0, wxDefaultValidator,
                         "blackout_name");
  name_->SetHint(_("e.g. Pre-election period, or Day of national mourning"));
  first_ = new wxDatePickerCtrl(this, wxID_ANY, wxDateTime::Today(), wxDefaultPosition, wxDefaultSize,
                                wxDP_DROPDOWN | wxDP_SHOWCENTURY, wxDefaultValidator, "blackout_first");
  last_ = new wxDatePickerCtrl(this, wxID_ANY, wxDateTime::Today(), wxDefaultPosition, wxDefaultSize,
                               wxDP_DROPDOWN | wxDP_SHOWCENTURY, wxDefaultValidator, "blackout_last");
  chosen_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 80)), 0, nullptr, 0,
                               wxDefaultValidator, "blackout_accounts");
  for (const auto& account : accounts_) chosen_->Append(wxString::FromUTF8(account.handle));
  auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(10, 8)));
  grid->AddGrowableCol(1);
  auto add = [&](const wxString& label, wxWindow* control) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), wxSizerFlags().CenterVertical());
    grid->Add(control, wxSizerFlags().Expand());
  };
  add(_("Name:"), name_);
  add(_("First day:"), first_);
  add(_("Last day:"), last_);
  add(_("Accounts (none ticked: all):"), chosen_);
  auto* note = new wxStaticText(
      this, wxID_ANY,
      wxString::Format(_("Whole days on the clock of %s. Posts due in the window are held, and scheduling into it "
                         "warns."),
                       wxString::FromUTF8(zone_)));
  note->Wrap(FromDIP(420));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(grid, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  sizer->Add(note, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
  sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  SetSizerAndFit(sizer);
  Bind(
      wxEVT_BUTTON,
      [this](wxCommandEvent& event) {
        if (name_->GetValue().Strip(wxString::both).empty() || last_->GetValue() < first_->GetValue()) {
          wxMessageBox(_("Give the window a name, and a last day on or after the first."), _("Blackout window"),
                       wxOK | wxICON_WARNING, this);
          return;
        }
        event.Skip();
      },
      wxID_OK);
}

wire::BlackoutRequest BlackoutDialog::request() const {
  wire::BlackoutRequest request;
  request.name = name_->GetValue().Strip(wxString::both).ToStdString(wxConvUTF8);
  request.starts = first_->GetValue().FormatISODate().ToStdString() + "T00:00";
  request.ends = (last_->GetValue() + wxDateSpan::Day()).FormatISODate().ToStdString() + "T00:00";
  request.zone = zone_;
  for (unsigned i = 0; i < chosen_->GetCount(); ++i) {
    if (chosen_->IsChecked(i)) request.accounts.push_back(accounts_[i].id);
  }
  return request;
}

void BlackoutDialog::fill(const wxString& name, const std::string& first_day, const std::string& last_day) {
  name_->SetValue(name);
  wxDateTime day;
  day.ParseISODate(first_day);
  first_->SetValue(day);
  day.ParseISODate(last_day);
  last_->SetValue(day);
}

}  // namespace kanal::gui
