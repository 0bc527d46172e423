#include "drafts/publish_panel.h"

#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "app/async.h"
#include "app/error_dialog.h"

namespace kanal::gui {
namespace {

constexpr int kPollMs = 1000;

wxString delivery_line(const wire::DeliveryInfo& delivery, const std::vector<Account>& accounts) {
  wxString who = wxString::Format(_("account %lld"), static_cast<long long>(delivery.account.value));
  for (const auto& account : accounts) {
    if (account.id == delivery.account) who = wxString::FromUTF8(account.handle);
  }
  // The link or the reason goes on a line of its own: they are long.
  const wxString indent = "\n    ";
  if (delivery.state == "published") return who + ": " + _("published") + indent + wxString::FromUTF8(delivery.url);
  if (delivery.state == "failed") return who + ": " + _("failed") + indent + wxString::FromUTF8(delivery.last_error);
  if (delivery.attempts > 0 && !delivery.last_error.empty()) {
    return who + ": " + _("retrying") + indent + wxString::FromUTF8(delivery.last_error);
  }
  return who + ": " + _("publishing…");
}

}  // namespace

PublishPanel::PublishPanel(wxWindow* parent, Connection& connection, StatusSink status,
                           std::function<void(PostId)> post_changed)
    : wxPanel(parent, wxID_ANY),
      connection_(connection),
      status_(std::move(status)),
      post_changed_(std::move(post_changed)),
      poll_timer_(this) {
  auto* label = new wxStaticText(this, wxID_ANY, _("Publish to:"));
  targets_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(70)), 0, nullptr, 0,
                                wxDefaultValidator, "publish_targets");
  publish_button_ = new wxButton(this, wxID_ANY, _("&Publish now"), wxDefaultPosition, wxDefaultSize, 0,
                                 wxDefaultValidator, "publish_draft");
  // Read-only text, so a link can be selected and copied.
  deliveries_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxSize(-1, FromDIP(64)),
                               wxTE_MULTILINE | wxTE_READONLY | wxBORDER_NONE, wxDefaultValidator, "deliveries");
  deliveries_->SetBackgroundColour(GetBackgroundColour());
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(targets_, wxSizerFlags(1).Expand().Border(wxRIGHT, FromDIP(8)));
  row->Add(publish_button_, wxSizerFlags().Top());
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(label, wxSizerFlags().Border(wxBOTTOM, FromDIP(4)));
  sizer->Add(row, wxSizerFlags().Expand());
  sizer->Add(deliveries_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(6)));
  SetSizer(sizer);

  publish_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { publish(); });
  targets_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) { update_button(); });
  Bind(
      wxEVT_TIMER, [this](wxTimerEvent&) { poll_deliveries(); }, poll_timer_.GetId());  // the owner gets timer events
  update_button();
}

void PublishPanel::show_post(const std::optional<Post>& post, bool has_unsaved_changes) {
  const bool other_post = !post || !post_ || post_->id != post->id;
  post_ = post;
  dirty_ = has_unsaved_changes;
  if (other_post) {
    deliveries_->ChangeValue({});
    if (post_ && post_->state != PostState::draft) poll_deliveries();
  }
  update_button();
}

void PublishPanel::set_accounts(const std::vector<Account>& accounts) {
  accounts_ = accounts;
  targets_->Clear();
  for (const auto& account : accounts_) targets_->Append(wxString::FromUTF8(account.handle));
  for (unsigned i = 0; i < targets_->GetCount(); ++i) targets_->Check(i);  // all, unless the officer unticks
  update_button();
}

void PublishPanel::publish() {
  auto api = connection_.api();
  if (!api || !post_) return;
  wire::PublishRequest request;
  for (unsigned i = 0; i < targets_->GetCount(); ++i) {
    if (targets_->IsChecked(i)) request.accounts.push_back(accounts_[i].id);
  }
  if (request.accounts.empty()) return;
  publish_button_->Disable();
  status_(_("Publishing…"));
  then_on_window(
      this, api->publish(post_->id, request),
      [this](std::vector<wire::DeliveryInfo>& deliveries) {
        if (post_) post_->state = PostState::publishing;
        show_deliveries(deliveries);
        if (post_) post_changed_(post_->id);
      },
      [this](const Error& error) {
        update_button();
        show_error(this, _("The post was not published."), error);
      });
}

void PublishPanel::poll_deliveries() {
  auto api = connection_.api();
  if (!api || !post_) return;
  const auto id = post_->id;
  then_on_window(
      this, api->deliveries(id),
      [this, id](std::vector<wire::DeliveryInfo>& deliveries) {
        if (post_ && post_->id == id) show_deliveries(deliveries);
      },
      [](const Error&) {
        // Try again at the next tick; the status bar shows a lost connection.
      });
}

void PublishPanel::show_deliveries(const std::vector<wire::DeliveryInfo>& deliveries) {
  wxString text;
  bool under_way = false;
  for (const auto& delivery : deliveries) {
    text += (text.empty() ? "" : "\n") + delivery_line(delivery, accounts_);
    under_way = under_way || (delivery.state != "published" && delivery.state != "failed");
  }
  deliveries_->ChangeValue(text);
  if (under_way) {
    poll_timer_.StartOnce(kPollMs);
  } else if (!deliveries.empty() && post_ && post_->state == PostState::publishing) {
    status_(_("Publishing finished."));
    post_changed_(post_->id);
  }
  update_button();
}

void PublishPanel::update_button() {
  bool any_checked = false;
  for (unsigned i = 0; i < targets_->GetCount(); ++i) any_checked = any_checked || targets_->IsChecked(i);
  const bool publishable = post_ && post_->state == PostState::draft && !dirty_;
  publish_button_->Enable(connection_.api() != nullptr && publishable && any_checked);
}

}  // namespace kanal::gui
