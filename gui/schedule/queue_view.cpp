#include "schedule/queue_view.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

#include "app/async.h"
#include "app/error_dialog.h"
#include "schedule/calendar_grid.h"
#include "schedule/zones.h"

namespace kanal::gui {
namespace {

constexpr auto kLookAhead = std::chrono::days(92);

}  // namespace

QueueView::QueueView(wxWindow* parent, Connection& connection, StatusSink status)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "queue_view"),
      connection_(connection),
      status_(std::move(status)) {
  account_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(220, -1)), 0, nullptr, 0,
                          wxDefaultValidator, "queue_account");
  slots_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(260, -1)), 0, wxDefaultValidator,
                          "queue_slots");
  slots_->SetHint(_("mon 09:00, tue 09:00, wed 12:30"));
  zone_ =
      new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator, "queue_zone");
  for (const auto& zone : zones()) zone_->Append(wxString::FromUTF8(zone));
  zone_->SetSelection(0);
  auto* save = new wxButton(this, wxID_ANY, _("&Save slots"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            "save_slots");
  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL,
                         wxDefaultValidator, "queue_list");
  list_->AppendColumn(_("When"), wxLIST_FORMAT_LEFT, FromDIP(150));
  list_->AppendColumn(_("Clock"), wxLIST_FORMAT_LEFT, FromDIP(130));
  list_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(130));
  list_->AppendColumn(_("Post"), wxLIST_FORMAT_LEFT, FromDIP(420));
  unschedule_ = new wxButton(this, wxID_ANY, _("&Unschedule"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             "unschedule");
  publish_ = new wxButton(this, wxID_ANY, _("&Publish held post now"), wxDefaultPosition, wxDefaultSize, 0,
                          wxDefaultValidator, "publish_held");

  auto* top = new wxBoxSizer(wxHORIZONTAL);
  top->Add(new wxStaticText(this, wxID_ANY, _("Account:")), wxSizerFlags().CenterVertical().Border(wxRIGHT, 4));
  top->Add(account_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(16)));
  top->Add(new wxStaticText(this, wxID_ANY, _("Slots:")), wxSizerFlags().CenterVertical().Border(wxRIGHT, 4));
  top->Add(slots_, wxSizerFlags(1).CenterVertical().Border(wxRIGHT, 4));
  top->Add(zone_, wxSizerFlags().CenterVertical().Border(wxRIGHT, 4));
  top->Add(save, wxSizerFlags().CenterVertical());
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(unschedule_, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
  buttons->Add(publish_);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
  sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(6)));
  sizer->Add(buttons, wxSizerFlags().Border(wxALL, FromDIP(6)));
  SetSizer(sizer);

  account_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { load_account(); });
  save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_slots(); });
  unschedule_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { unschedule_selected(); });
  publish_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { publish_selected(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) {
    const auto* entry = selected();
    unschedule_->Enable(entry != nullptr);
    publish_->Enable(entry != nullptr && entry->schedule.state == "held");
  });
  unschedule_->Disable();
  publish_->Disable();
}

std::optional<AccountId> QueueView::account() const {
  const int at = account_->GetSelection();
  if (at < 0 || static_cast<std::size_t>(at) >= accounts_.size()) return std::nullopt;
  return accounts_[static_cast<std::size_t>(at)].id;
}

const wire::CalendarEntry* QueueView::selected() const {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= entries_.size()) return nullptr;
  return &entries_[static_cast<std::size_t>(row)];
}

void QueueView::reload() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->accounts(),
      [this](std::vector<Account>& accounts) {
        const auto keep = account();
        accounts_ = std::move(accounts);
        account_->Clear();
        for (const auto& account : accounts_) account_->Append(wxString::FromUTF8(account.handle));
        int at = accounts_.empty() ? -1 : 0;
        for (std::size_t i = 0; keep && i < accounts_.size(); ++i) {
          if (accounts_[i].id == *keep) at = static_cast<int>(i);
        }
        account_->SetSelection(at);
        load_account();
      },
      [this](const Error& error) { status_(_("Could not read the accounts: ") + wxString::FromUTF8(error.detail())); });
}

void QueueView::load_account() {
  auto api = connection_.api();
  const auto id = account();
  if (!api || !id) return;
  then_on_window(
      this, api->queue_slots(*id),
      [this, id](wire::QueueSlotsInfo& slots) {
        if (account() != id) return;  // another account was chosen meanwhile
        wxString text;
        for (const auto& slot : slots.slots) text += (text.empty() ? "" : ", ") + wxString::FromUTF8(slot);
        slots_->ChangeValue(text);
        zone_->SetStringSelection(wxString::FromUTF8(slots.zone));
      },
      [](const Error&) {});
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  then_on_window(
      this, api->calendar(now - std::chrono::days(31), now + kLookAhead),
      [this, id](std::vector<wire::CalendarEntry>& entries) {
        if (account() != id) return;
        entries_.clear();
        for (auto& entry : entries) {
          const auto& accounts = entry.schedule.accounts;
          const bool ours = std::find(accounts.begin(), accounts.end(), *id) != accounts.end();
          if (ours && (entry.schedule.state == "scheduled" || entry.schedule.state == "held")) {
            entries_.push_back(std::move(entry));
          }
        }
        list_->DeleteAllItems();
        for (const auto& entry : entries_) {
          wxString at = wxString::FromUTF8(entry.schedule.at);
          at.Replace("T", " ");
          const long row = list_->InsertItem(list_->GetItemCount(), at);
          list_->SetItem(row, 1, wxString::FromUTF8(entry.schedule.zone));
          list_->SetItem(row, 2, calendar_state_label(entry));
          list_->SetItem(row, 3, wxString::FromUTF8(entry.title));
        }
        unschedule_->Disable();
        publish_->Disable();
      },
      [this](const Error& error) { status_(_("Could not read the queue: ") + wxString::FromUTF8(error.detail())); });
}

void QueueView::save_slots() {
  auto api = connection_.api();
  const auto id = account();
  if (!api || !id) return;
  wire::QueueSlotsInfo slots{{}, zone_->GetStringSelection().ToStdString()};
  wxString current;
  for (const auto c : slots_->GetValue() + ",") {
    if (c == ',' || c == ';' || c == '\n') {
      current.Trim().Trim(false);
      if (!current.empty()) slots.slots.push_back(current.Lower().ToStdString());
      current.clear();
    } else {
      current += c;
    }
  }
  then_on_window(
      this, api->set_queue_slots(*id, slots),
      [this](wire::QueueSlotsInfo&) {
        status_(_("Queue slots saved."));
        load_account();
      },
      [this](const Error& error) { show_error(this, _("The queue slots were not saved."), error); });
}

void QueueView::unschedule_selected() {
  auto api = connection_.api();
  const auto* entry = selected();
  if (!api || !entry) return;
  then_on_window(
      this, api->unschedule(entry->schedule.post), [this](Done&) { load_account(); },
      [this](const Error& error) { show_error(this, _("The post was not unscheduled."), error); });
}

void QueueView::publish_selected() {
  auto api = connection_.api();
  const auto* entry = selected();
  if (!api || !entry) return;
  then_on_window(
      this, api->publish(entry->schedule.post, {entry->schedule.accounts}),
      [this](std::vector<wire::DeliveryInfo>&) {
        status_(_("Publishing the held post."));
        load_account();
      },
      [this](const Error& error) { show_error(this, _("The held post was not published."), error); });
}

}  // namespace kanal::gui
