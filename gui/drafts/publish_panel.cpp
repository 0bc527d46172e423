#include "drafts/publish_panel.h"

#include <wx/intl.h>

#include <wx/sizer.h>
#include <wx/stattext.h>
#include <algorithm>

#include "app/async.h"
#include "app/error_dialog.h"
#include "approvals/step_labels.h"
#include "schedule/schedule_dialog.h"
#include "widgets/network_icon.h"

namespace kanal::gui {
namespace {

constexpr int kPollMs = 1000;

wxString account_name(AccountId account, const std::vector<Account>& accounts, const std::vector<wxString>& names) {
  for (std::size_t i = 0; i < accounts.size() && i < names.size(); ++i) {
    if (accounts[i].id == account) return names[i];
  }
  return wxString::Format(_("account %lld"), static_cast<long long>(account.value));
}

wxString delivery_line(const wire::DeliveryInfo& delivery, const std::vector<Account>& accounts,
                       const std::vector<wxString>& names) {
  const auto who = account_name(delivery.account, accounts, names);
  // The link or the reason goes on a line of its own: they are long.
  const wxString indent = "\n    ";
  if (delivery.state == "published") return who + ": " + _("published") + indent + wxString::FromUTF8(delivery.url);
  if (delivery.state == "failed") return who + ": " + _("failed") + indent + wxString::FromUTF8(delivery.last_error);
  if (delivery.state == "undecided") {
    return who + ": " + _("may have been published — Kanal cannot tell") + indent +
           wxString::FromUTF8(delivery.last_error);
  }
  if (delivery.attempts > 0 && !delivery.last_error.empty()) {
    return who + ": " + _("retrying") + indent + wxString::FromUTF8(delivery.last_error);
  }
  return who + ": " + _("publishing…");
}

// A published variant's current figures, in words; "n/a" for one the
// network does not give.
wxString figures_line(const std::optional<wire::PostFiguresInfo>& figures) {
  if (!figures) return {};
  const wxString indent = "\n    ";
  if (!figures->read_at) return indent + _("Likes, shares and replies are first read an hour after publishing.");
  const auto number = [](const std::optional<std::int64_t>& value) {
    return value ? wxString::Format("%lld", static_cast<long long>(*value)) : _("n/a");
  };
  wxString read = wxString::FromUTF8(to_iso8601(*figures->read_at).substr(0, 16));
  read.Replace("T", " ");
  auto line = indent + wxString::Format(_("%s likes · %s shares · %s replies"), number(figures->likes),
                                        number(figures->shares), number(figures->replies));
  if (figures->impressions) line += wxString::Format(_(" · %s seen"), number(figures->impressions));
  line += wxString::Format(_(" (read %s UTC)"), read);
  if (figures->gone) line += " — " + _("no longer on the network");
  return line;
}

// Where the post stands with its approvals, in words.
wxString approval_line(const std::optional<Post>& post, const std::vector<std::string>& steps,
                       const std::optional<wire::ReviewView>& review) {
  if (!post) return {};
  switch (post->state) {
    case PostState::draft:
      return steps.empty() ? _("No approval needed for these accounts.")
                           : _("Needs approval: ") + steps_label(steps) + ".";
    case PostState::in_review:
      return review ? _("Awaiting approval: ") + steps_label({review->next_step}) + "." : _("Awaiting approval.");
    case PostState::rejected:
      if (review) {
        for (auto it = review->review.decisions.rbegin(); it != review->review.decisions.rend(); ++it) {
          if (!it->approved) return _("Sent back: ") + wxString::FromUTF8(it->comment);
        }
      }
      return _("Sent back. Edit it and submit it again.");
    case PostState::approved: return _("Approved: ready to publish.");
    default: return {};
  }
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
  submit_button_ = new wxButton(this, wxID_ANY, _("Submit for &approval"), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, "submit_draft");
  schedule_button_ = new wxButton(this, wxID_ANY, _("&Schedule…"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                                  wxDefaultValidator, "schedule_draft");
  queue_button_ = new wxButton(this, wxID_ANY, _("&Queue"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                               wxDefaultValidator, "queue_draft");
  queue_button_->SetToolTip(_("Add to the queue: the next free queue slot of the ticked accounts"));
  approval_ =
      new wxStaticText(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE, "approval_status");
  schedule_status_ = new wxStaticText(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, "schedule_status");
  // Read-only text, so a link can be selected and copied.
  deliveries_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxSize(-1, FromDIP(64)),
                               wxTE_MULTILINE | wxTE_READONLY | wxBORDER_NONE, wxDefaultValidator, "deliveries");
  deliveries_->SetBackgroundColour(GetBackgroundColour());
  deliveries_->Hide();
  decision_ = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "delivery_decision");
  decision_question_ = new wxStaticText(decision_, wxID_ANY, {});
  auto* is_published = new wxButton(decision_, wxID_ANY, _("It &is there"), wxDefaultPosition, wxDefaultSize, 0,
                                    wxDefaultValidator, "delivery_is_published");
  is_published->SetToolTip(_("You found the post on the account: Kanal records it as published and sends nothing"));
  auto* publish_again = new wxButton(decision_, wxID_ANY, _("&Publish again"), wxDefaultPosition, wxDefaultSize, 0,
                                     wxDefaultValidator, "delivery_publish_again");
  publish_again->SetToolTip(_("The post is not on the account: Kanal sends it again"));
  auto* decision_sizer = new wxBoxSizer(wxVERTICAL);
  decision_sizer->Add(decision_question_, wxSizerFlags().Border(wxBOTTOM, FromDIP(4)));
  auto* decision_buttons = new wxBoxSizer(wxHORIZONTAL);
  decision_buttons->Add(is_published, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  decision_buttons->Add(publish_again);
  decision_sizer->Add(decision_buttons);
  decision_->SetSizer(decision_sizer);
  decision_->Hide();
  is_published->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(true); });
  publish_again->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(false); });
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(targets_, wxSizerFlags(1).Expand().Border(wxRIGHT, FromDIP(8)));
  auto* buttons = new wxBoxSizer(wxVERTICAL);
  buttons->Add(submit_button_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
  buttons->Add(publish_button_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
  auto* later = new wxBoxSizer(wxHORIZONTAL);
  later->Add(schedule_button_, wxSizerFlags(1).Border(wxRIGHT, FromDIP(4)));
  later->Add(queue_button_, wxSizerFlags(1));
  buttons->Add(later, wxSizerFlags().Expand());
  row->Add(buttons, wxSizerFlags().Top());
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(label, wxSizerFlags().Border(wxBOTTOM, FromDIP(4)));
  sizer->Add(row, wxSizerFlags().Expand());
  sizer->Add(approval_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(4)));
  sizer->Add(schedule_status_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(2)));
  sizer->Add(deliveries_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(6)));
  sizer->Add(decision_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(4)));
  SetSizer(sizer);

  publish_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { publish(); });
  submit_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { submit(); });
  schedule_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { schedule(); });
  queue_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_to_queue(); });
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
    show_delivery_text({});
    figures_.clear();
    figures_of_.reset();
    steps_.clear();
    review_.reset();
    read_version_ = 0;
    schedule_status_->SetLabel({});
    if (post_ && post_->state != PostState::draft) poll_deliveries();
    if (post_) read_schedule();
  }
  if (post_ && !dirty_ && post_->version != read_version_) read_review();
  update_button();
}

void PublishPanel::set_policy_answer(PostId post, const std::vector<wire::ApprovalTarget>& targets) {
  if (!post_ || post_->id != post) return;
  steps_.clear();
  for (const auto& target : targets) steps_[target.account.value] = target.steps;
  update_button();
}

void PublishPanel::read_review() {
  auto api = connection_.api();
  if (!api || !post_) return;
  const auto id = post_->id;
  read_version_ = post_->version;
  if (post_->state == PostState::draft) {
    review_.reset();
    return;
  }
  then_on_window(
      this, api->review(id),
      [this, id](wire::ReviewView& view) {
        if (!post_ || post_->id != id) return;
        review_ = view;
        update_button();
      },
      [this](const Error&) {
        review_.reset();
        update_button();
      });
}

std::vector<AccountId> PublishPanel::checked_accounts() const {
  std::vector<AccountId> checked;
  for (unsigned i = 0; i < targets_->GetCount(); ++i) {
    if (targets_->IsChecked(i)) checked.push_back(accounts_[i].id);
  }
  return checked;
}

std::vector<std::string> PublishPanel::steps_for_checked() const {
  std::vector<std::string> steps;
  // The order in which they are taken.
  for (const char* step : {"subject_expert", "line_manager", "director"}) {
    for (const auto& account : checked_accounts()) {
      const auto it = steps_.find(account.value);
      if (it != steps_.end() && std::find(it->second.begin(), it->second.end(), step) != it->second.end()) {
        steps.emplace_back(step);
        break;
      }
    }
  }
  return steps;
}

void PublishPanel::submit() {
  auto api = connection_.api();
  const auto accounts = checked_accounts();
  if (!api || !post_ || accounts.empty()) return;
  submit_button_->Disable();
  then_on_window(
      this, api->submit(post_->id, accounts),
      [this](wire::ReviewView& view) {
        review_ = view;
        status_(view.review.steps.empty() ? _("No approval needed: ready to publish.") : _("Submitted for approval."));
        if (post_) post_changed_(post_->id);
      },
      [this](const Error& error) {
        update_button();
        show_error(this, _("The post was not submitted."), error);
      });
}

void PublishPanel::show_delivery_text(const wxString& text) {
  deliveries_->ChangeValue(text);
  // Only while there is something to say: the editor above needs the room.
  if (deliveries_->IsShown() != !text.empty()) {
    deliveries_->Show(!text.empty());
    GetParent()->Layout();
  }
}

void PublishPanel::set_accounts(const std::vector<Account>& accounts, const std::vector<NetworkDescriptor>& networks) {
  accounts_ = accounts;
  account_names_.clear();
  targets_->Clear();
  for (const auto& account : accounts_) {
    account_names_.push_back(network_name(networks, account.network) + " " + wxString::FromUTF8(account.handle));
    targets_->Append(account_names_.back());
  }
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

void PublishPanel::read_schedule() {
  auto api = connection_.api();
  if (!api || !post_) return;
  const auto id = post_->id;
  then_on_window(
      this, api->schedule_of(id),
      [this, id](wire::ScheduleInfo& info) {
        if (post_ && post_->id == id && info.state != "cancelled") show_scheduled({info});
      },
      [](const Error&) {});  // not scheduled
}

void PublishPanel::show_scheduled(const std::vector<wire::ScheduleInfo>& scheduled) {
  if (scheduled.empty()) return;
  const auto& first = scheduled.front();
  wxString text;
  if (first.state == "held") {
    text = _("Held: ") + wxString::FromUTF8(first.reason);
  } else if (scheduled.size() == 1) {
    wxString at = wxString::FromUTF8(first.at);
    at.Replace("T", " ");
    text = wxString::Format(_("Scheduled for %s (%s)."), at, wxString::FromUTF8(first.zone));
  } else {
    text = wxString::Format(_("%zu posts scheduled, %s, the first on %s."), scheduled.size(),
                            wxString::FromUTF8(first.series), wxString::FromUTF8(first.at.substr(0, 10)));
  }
  if (!first.blackout_note.empty()) text += "\n" + _("Warning: ") + wxString::FromUTF8(first.blackout_note);
  schedule_status_->SetLabel(text);
  schedule_status_->Wrap(std::max(FromDIP(200), GetClientSize().x - FromDIP(8)));
  GetParent()->Layout();
}

void PublishPanel::schedule() {
  auto api = connection_.api();
  if (!api || !post_) return;
  ScheduleDialog dialog(this, checked_accounts());
  if (dialog.ShowModal() != wxID_OK) return;
  const auto request = dialog.request();
  const auto id = post_->id;
  const auto done = [this, id](const std::vector<wire::ScheduleInfo>& scheduled) {
    status_(_("Scheduled."));
    post_changed_(id);
    if (post_ && post_->id == id) show_scheduled(scheduled);
  };
  const auto failed = [this](const Error& error) {
    status_({});
    show_error(this, _("The post was not scheduled."), error);
  };
  status_(_("Scheduling…"));
  if (const auto* once = std::get_if<wire::ScheduleRequest>(&request)) {
    then_on_window(
        this, api->schedule_post(post_->id, *once), [done](wire::ScheduleInfo& info) { done({info}); }, failed);
  } else {
    then_on_window(
        this, api->schedule_series(post_->id, std::get<wire::SeriesRequest>(request)),
        [done](std::vector<wire::ScheduleInfo>& scheduled) { done(scheduled); }, failed);
  }
}

void PublishPanel::add_to_queue() {
  auto api = connection_.api();
  if (!api || !post_) return;
  status_(_("Adding to the queue…"));
  const auto id = post_->id;
  then_on_window(
      this, api->add_to_queue(id, checked_accounts()),
      [this, id](wire::ScheduleInfo& info) {
        status_(_("Added to the queue."));
        if (post_ && post_->id == id) show_scheduled({info});
      },
      [this](const Error& error) {
        status_({});
        show_error(this, _("The post was not added to the queue."), error);
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
  shown_deliveries_ = deliveries;
  wxString text;
  bool under_way = false, published = false;
  for (const auto& delivery : deliveries) {
    text += (text.empty() ? "" : "\n") + delivery_line(delivery, accounts_, account_names_);
    if (delivery.state == "published") {
      published = true;
      const auto found = std::find_if(figures_.begin(), figures_.end(),
                                      [&](const auto& figures) { return figures.account == delivery.account; });
      if (found != figures_.end()) text += figures_line(*found);
    }
    under_way =
        under_way || (delivery.state != "published" && delivery.state != "failed" && delivery.state != "undecided");
  }
  show_delivery_text(text);
  // The first account waiting for a person's answer, by name.
  const auto undecided = std::find_if(deliveries.begin(), deliveries.end(),
                                      [](const auto& delivery) { return delivery.state == "undecided"; });
  if (undecided != deliveries.end()) {
    decision_question_->SetLabel(
        wxString::Format(_("Is the post on %s?"), account_name(undecided->account, accounts_, account_names_)));
    decision_question_->Wrap(std::max(FromDIP(150), GetClientSize().x - FromDIP(8)));
  }
  if (decision_->IsShown() != (undecided != deliveries.end())) {
    decision_->Show(undecided != deliveries.end());
    GetParent()->Layout();
  }
  if (published && !under_way && post_ && figures_of_ != post_->id) read_figures();
  if (under_way) {
    poll_timer_.StartOnce(kPollMs);
  } else if (!deliveries.empty() && post_ && post_->state == PostState::publishing) {
    status_(_("Publishing finished."));
    post_changed_(post_->id);
  }
  update_button();
}

void PublishPanel::decide(bool it_is_published) {
  auto api = connection_.api();
  if (!api || !post_) return;
  const auto undecided = std::find_if(shown_deliveries_.begin(), shown_deliveries_.end(),
                                      [](const auto& delivery) { return delivery.state == "undecided"; });
  if (undecided == shown_deliveries_.end()) return;
  const auto id = post_->id;
  decision_->Disable();
  then_on_window(
      this,
      api->decide_delivery(id, undecided->account,
                           wire::DeliveryDecision{it_is_published ? "published" : "publish_again", ""}),
      [this, id, it_is_published](std::vector<wire::DeliveryInfo>& deliveries) {
        decision_->Enable();
        status_(it_is_published ? _("Recorded as published.") : _("Publishing again."));
        post_changed_(id);
        if (post_ && post_->id == id) show_deliveries(deliveries);
      },
      [this](const Error& error) {
        decision_->Enable();
        show_error(this, _("Your answer was not recorded."), error);
        poll_deliveries();
      });
}

void PublishPanel::read_figures() {
  auto api = connection_.api();
  if (!api || !post_) return;
  const auto id = post_->id;
  figures_of_ = id;
  then_on_window(
      this, api->post_figures(id),
      [this, id](std::vector<wire::PostFiguresInfo>& figures) {
        if (!post_ || post_->id != id) return;
        figures_ = std::move(figures);
        show_deliveries(shown_deliveries_);
      },
      [](const Error&) {});  // the deliveries still show
}

void PublishPanel::update_button() {
  const bool any_checked = !checked_accounts().empty();
  const auto steps = steps_for_checked();
  const bool connected = connection_.api() != nullptr;
  const auto state = post_ ? post_->state : PostState::draft;
  const bool editable = post_ && !dirty_ && (state == PostState::draft || state == PostState::rejected);
  publish_button_->Enable(connected && any_checked && post_ && !dirty_ &&
                          (state == PostState::approved || (editable && steps.empty())));
  submit_button_->Enable(connected && any_checked && editable && !steps.empty());
  const bool waiting = post_ && !dirty_ && state != PostState::publishing && state != PostState::published;
  schedule_button_->Enable(connected && any_checked && waiting);
  queue_button_->Enable(connected && any_checked && waiting);

  approval_->SetLabel(approval_line(post_, steps, review_));
}

}  // namespace kanal::gui
