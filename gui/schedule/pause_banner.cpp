#include "schedule/pause_banner.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "app/async.h"
#include "app/error_dialog.h"
#include "schedule/pause_dialogs.h"

namespace kanal::gui {
namespace {

constexpr int kAskEveryMs = 3000;

wxString local_time_of(Timestamp at) {
  return wxDateTime(static_cast<time_t>(to_unix_ms(at) / 1000)).Format("%Y-%m-%d %H:%M");
}

}  // namespace

PauseBanner::PauseBanner(wxWindow* parent, Connection& connection, Notify notify, std::function<void()> changed)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "pause_banner"),
      connection_(connection),
      notify_(std::move(notify)),
      changed_(std::move(changed)),
      timer_(this) {
  SetBackgroundColour(wxColour(0xB7, 0x1C, 0x1C));
  text_ = new wxStaticText(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, "pause_text");
  text_->SetForegroundColour(*wxWHITE);
  text_->SetFont(text_->GetFont().Bold());
  resume_ = new wxButton(this, wxID_ANY, _("&Resume…"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         "resume_publishing");
  auto* sizer = new wxBoxSizer(wxHORIZONTAL);
  sizer->Add(text_, wxSizerFlags(1).CenterVertical().Border(wxALL, FromDIP(10)));
  sizer->Add(resume_, wxSizerFlags().CenterVertical().Border(wxALL, FromDIP(8)));
  SetSizer(sizer);
  Hide();
  resume_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { resume(); });
  Bind(
      wxEVT_TIMER, [this](wxTimerEvent&) { refresh(); }, timer_.GetId());
  timer_.Start(kAskEveryMs);
}

void PauseBanner::refresh() {
  auto api = connection_.api();
  if (!api || !connection_.me() || asking_) return;
  asking_ = true;
  then_on_window(
      this, api->publishing_status(),
      [this](wire::PublishingStatus& status) {
        asking_ = false;
        show(std::move(status));
      },
      [this](const Error&) { asking_ = false; });  // the status bar says when kanald is out of reach
}

void PauseBanner::show(wire::PublishingStatus status) {
  bool changed = status.pauses.size() != status_.pauses.size() || status.held.size() != status_.held.size();
  for (const auto& held : status.held) {
    if (held_known_.insert(held.post.value).second && !first_status_ && notify_) {
      notify_(_("A scheduled post is held"),
              wxString::Format(_("Post %lld was not published: %s"), static_cast<long long>(held.post.value),
                               wxString::FromUTF8(held.reason)),
              {});
      changed = true;
    }
  }
  first_status_ = false;
  status_ = std::move(status);
  wxString text;
  for (const auto& pause : status_.pauses) {
    text += (text.empty() ? "" : "\n") +
            wxString::Format(pause.accounts.empty() ? _("Publishing is paused for all accounts: %s (%s, %s)")
                                                    : _("Publishing is paused for some accounts: %s (%s, %s)"),
                             wxString::FromUTF8(pause.reason), wxString::FromUTF8(pause.paused_by),
                             local_time_of(pause.paused_at));
  }
  const bool paused = !status_.pauses.empty();
  if (text != text_->GetLabel()) text_->SetLabel(text);
  if (paused != IsShown()) {
    Show(paused);
    GetParent()->Layout();
  } else if (paused) {
    Layout();
  }
  if (changed && changed_) changed_();
}

void PauseBanner::pause() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->accounts(),
      [this, api](std::vector<Account>& accounts) {
        PauseDialog dialog(this, accounts);
        if (dialog.ShowModal() != wxID_OK) return;
        then_on_window(
            this, api->pause(dialog.request()), [this](wire::PauseInfo&) { refresh(); },
            [this](const Error& error) { show_error(this, _("Publishing was not paused."), error); });
      },
      [this](const Error& error) { show_error(this, _("Publishing was not paused."), error); });
}

void PauseBanner::resume() {
  auto api = connection_.api();
  if (!api || status_.pauses.empty()) return;
  const auto pause_id = status_.pauses.front().id;
  then_on_window(
      this, api->resume(pause_id),
      [this, api](wire::Resumed& resumed) {
        for (const auto& held : resumed.overdue) held_known_.insert(held.post.value);  // the person sees them here
        refresh();
        ResumeDialog dialog(this, resumed.overdue);
        if (dialog.ShowModal() != wxID_OK) return;
        for (const auto& info : dialog.to_publish()) {
          then_on_window(
              this, api->publish(info.post, {info.accounts}), [this](std::vector<wire::DeliveryInfo>&) { refresh(); },
              [this](const Error& error) { show_error(this, _("A held post was not published."), error); });
        }
      },
      [this](const Error& error) { show_error(this, _("Publishing was not resumed."), error); });
}

}  // namespace kanal::gui
