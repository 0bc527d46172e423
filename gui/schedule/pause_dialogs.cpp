#include "schedule/pause_dialogs.h"

#include <wx/checklst.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace kanal::gui {

PauseDialog::PauseDialog(wxWindow* parent, std::vector<Account> accounts)
    : wxDialog(parent, wxID_ANY, _("Pause publishing"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "pause_dialog"),
      accounts_(std::move(accounts)) {
  auto* intro = new wxStaticText(
      this, wxID_ANY,
      _("Nothing is published until publishing is resumed: not scheduled posts, not \"Publish now\". Everyone "
        "using Kanal sees the reason, and it is kept in the audit trail."));
  intro->Wrap(FromDIP(420));
  reason_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(420, 70)), wxTE_MULTILINE,
                           wxDefaultValidator, "pause_reason");
  reason_->SetHint(_("Why, e.g. “The payment system is down; no payment-day reminders.”"));
  all_ = new wxRadioButton(this, wxID_ANY, _("All accounts"), wxDefaultPosition, wxDefaultSize, wxRB_GROUP,
                           wxDefaultValidator, "pause_all");
  some_ = new wxRadioButton(this, wxID_ANY, _("Only these accounts:"), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, "pause_some");
  chosen_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 80)), 0, nullptr, 0,
                               wxDefaultValidator, "pause_accounts");
  for (const auto& account : accounts_) chosen_->Append(wxString::FromUTF8(account.handle));
  chosen_->Disable();
  all_->SetValue(true);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(intro, wxSizerFlags().Border(wxALL, FromDIP(12)));
  sizer->Add(new wxStaticText(this, wxID_ANY, _("Reason (required):")),
             wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
  sizer->Add(reason_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12)));
  sizer->Add(all_, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
  sizer->Add(some_, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
  sizer->Add(chosen_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(24)));
  auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
  if (auto* ok = FindWindow(wxID_OK)) ok->SetLabel(_("Pause publishing"));
  sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  SetSizerAndFit(sizer);

  some_->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { chosen_->Enable(); });
  all_->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { chosen_->Disable(); });
  Bind(
      wxEVT_BUTTON,
      [this](wxCommandEvent& event) {
        if (reason_->GetValue().Strip(wxString::both).empty()) {
          wxMessageBox(_("Say why publishing is paused: everyone sees it, and it is kept on record."),
                       _("Pause publishing"), wxOK | wxICON_WARNING, this);
          return;
        }
        if (some_->GetValue() && request().accounts.empty()) {
          wxMessageBox(_("Tick the accounts to pause, or choose all accounts."), _("Pause publishing"),
                       wxOK | wxICON_WARNING, this);
          return;
        }
        event.Skip();
      },
      wxID_OK);
}

wire::PauseRequest PauseDialog::request() const {
  wire::PauseRequest request{reason_->GetValue().Strip(wxString::both).ToStdString(wxConvUTF8), {}};
  if (some_->GetValue()) {
    for (unsigned i = 0; i < chosen_->GetCount(); ++i) {
      if (chosen_->IsChecked(i)) request.accounts.push_back(accounts_[i].id);
    }
  }
  return request;
}

void PauseDialog::fill(const wxString& reason, const std::vector<AccountId>& only) {
  reason_->SetValue(reason);
  if (only.empty()) return;
  some_->SetValue(true);
  chosen_->Enable();
  for (unsigned i = 0; i < accounts_.size(); ++i) {
    chosen_->Check(i, std::find(only.begin(), only.end(), accounts_[i].id) != only.end());
  }
}

ResumeDialog::ResumeDialog(wxWindow* parent, std::vector<wire::ScheduleInfo> overdue)
    : wxDialog(parent, wxID_ANY, _("Publishing resumed"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "resume_dialog"),
      overdue_(std::move(overdue)) {
  auto* intro = new wxStaticText(
      this, wxID_ANY,
      overdue_.empty()
          ? _("Publishing is resumed. Nothing fell due during the pause.")
          : _("Publishing is resumed. These posts fell due during the pause and are held, so nothing old goes out "
              "by itself. Tick what to publish now; the rest stay held until you give them a new time in the "
              "Calendar."));
  intro->Wrap(FromDIP(460));
  list_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(460, 160)), 0, nullptr, 0,
                             wxDefaultValidator, "overdue_posts");
  for (const auto& info : overdue_) {
    wxString at = wxString::FromUTF8(info.at);
    at.Replace("T", " ");
    list_->Append(wxString::Format(_("Post %lld, due %s %s"), static_cast<long long>(info.post.value), at,
                                   wxString::FromUTF8(info.zone)));
  }
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(intro, wxSizerFlags().Border(wxALL, FromDIP(12)));
  if (!overdue_.empty()) sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
  list_->Show(!overdue_.empty());
  auto* buttons = CreateStdDialogButtonSizer(overdue_.empty() ? wxOK : wxOK | wxCANCEL);
  if (!overdue_.empty()) {
    if (auto* ok = FindWindow(wxID_OK)) ok->SetLabel(_("Publish ticked now"));
    if (auto* cancel = FindWindow(wxID_CANCEL)) cancel->SetLabel(_("Keep all held"));
  }
  sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  SetSizerAndFit(sizer);
}

std::vector<wire::ScheduleInfo> ResumeDialog::to_publish() const {
  std::vector<wire::ScheduleInfo> ticked;
  for (unsigned i = 0; i < list_->GetCount(); ++i) {
    if (list_->IsChecked(i)) ticked.push_back(overdue_[i]);
  }
  return ticked;
}

void ResumeDialog::tick_all() {
  for (unsigned i = 0; i < list_->GetCount(); ++i) list_->Check(i);
}

}  // namespace kanal::gui
