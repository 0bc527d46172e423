#include "quickpost/quick_post_window.h"

#include <wx/intl.h>
#include <wx/panel.h>
#include <wx/sizer.h>

#include <algorithm>
#include <set>
#include <utility>

#include "api/wire/networks.h"
#include "api/wire/text.h"
#include "app/async.h"
#include "app/error_dialog.h"
#include "approvals/step_labels.h"
#include "text/network_count.h"
#include "widgets/network_icon.h"

namespace kanal::gui {
namespace {

constexpr int kSaveAfterMs = 600;  // a pause in typing saves the draft and asks for the verdict

bool same_accounts(std::vector<AccountId> a, std::vector<AccountId> b) {
  const auto by_id = [](AccountId x, AccountId y) { return x.value < y.value; };
  std::sort(a.begin(), a.end(), by_id);
  std::sort(b.begin(), b.end(), by_id);
  return a == b;
}

}  // namespace

QuickPostWindow::QuickPostWindow(wxWindow* parent, Connection& connection, Desktop desktop, std::optional<PostId> post)
    : wxFrame(parent, wxID_ANY, _("Quick post"), wxDefaultPosition, wxDefaultSize,
              wxDEFAULT_FRAME_STYLE | wxFRAME_FLOAT_ON_PARENT, "quick_post"),
      connection_(connection),
      desktop_(std::move(desktop)),
      save_timer_(this) {
  auto* panel = new wxPanel(this);
  accounts_ = new wxCheckListBox(panel, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 70)), 0, nullptr, 0,
                                 wxDefaultValidator, "quick_post_accounts");
  text_ = new wxTextCtrl(panel, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(460, 120)), wxTE_MULTILINE | wxTE_RICH2,
                         wxDefaultValidator, "quick_post_text");
  mentions_ = std::make_unique<MentionSuggestions>(panel, text_, connection_, [this] { return first_network(); });
  counters_ = new wxStaticText(panel, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, "quick_post_counters");
  add_image_ = new wxButton(panel, wxID_ANY, _("Add &image…"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            "quick_post_add_image");
  image_name_ = new wxStaticText(panel, wxID_ANY, _("No image"));
  alt_text_ =
      new wxTextCtrl(panel, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "quick_post_alt");
  alt_text_->SetHint(_("Describe the image for people who cannot see it"));
  alt_text_->Disable();
  verdict_ = new wxStaticText(panel, wxID_ANY, _("Approval: type the post to see what it needs."), wxDefaultPosition,
                              wxDefaultSize, 0, "quick_post_verdict");
  outcome_ = new wxStaticText(panel, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, "quick_post_outcome");
  send_ = new wxButton(panel, wxID_OK, _("&Post"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                       "quick_post_send");
  send_->SetToolTip(_("Publishes at once when the approval policy needs no step; otherwise sends it for approval"));
  auto* close = new wxButton(panel, wxID_CLOSE, _("Close (keeps the draft)"));

  auto* image_row = new wxBoxSizer(wxHORIZONTAL);
  image_row->Add(add_image_, wxSizerFlags().CenterVertical());
  image_row->Add(image_name_, wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(8)));
  auto* alt_row = new wxBoxSizer(wxHORIZONTAL);
  alt_row->Add(new wxStaticText(panel, wxID_ANY, _("Alt text")),
               wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(8)));
  alt_row->Add(alt_text_, wxSizerFlags(1).CenterVertical());
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(outcome_, wxSizerFlags(1).CenterVertical());
  buttons->Add(close, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  buttons->Add(send_);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  const auto gap = wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
  sizer->Add(new wxStaticText(panel, wxID_ANY, _("Post to")), gap);
  sizer->Add(accounts_, gap);
  // A label, not a hint: wxGTK greys text loaded into a multi-line control that has a hint.
  sizer->Add(new wxStaticText(panel, wxID_ANY, _("What do you want to say? Type @ for press contacts.")), gap);
  sizer->Add(text_, wxSizerFlags(gap).Proportion(1));
  sizer->Add(mentions_->list(), gap);
  sizer->Add(counters_, gap);
  sizer->Add(image_row, gap);
  sizer->Add(alt_row, gap);
  sizer->Add(verdict_, gap);
  sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));
  panel->SetSizer(sizer);
  SetClientSize(panel->GetBestSize());

  text_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { on_text_changed(); });
  accounts_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) {
    update_counters();
    show_verdict();
    save_soon();
  });
  alt_text_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { save_soon(); });
  add_image_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const auto file = desktop_.choose_image ? desktop_.choose_image(this) : std::nullopt) attach_image(*file, {});
  });
  send_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { post_now(); });
  close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Close(); });
  Bind(
      wxEVT_TIMER,
      [this](wxTimerEvent&) {
        save_then({});
        count_in_kanald();
      },
      save_timer_.GetId());
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
    // What was typed since the last save goes to the draft before the window goes.
    if (post_ || !text_->IsEmpty()) save_then({});
    event.Skip();
  });
  load(post);
}

// Accounts and networks, and the post when one is shown; then the accounts
// kept for the person (kanald's word) are ticked, or the post's targets.
void QuickPostWindow::load(std::optional<PostId> post) {
  auto api = connection_.api();
  if (!api) return;
  send_->Disable();
  then_on_window(
      this, all(api->accounts(), api->networks()),
      [this, api, post](std::tuple<std::vector<Account>, std::vector<NetworkDescriptor>>& loaded) {
        shown_accounts_ = std::move(std::get<0>(loaded));
        std::erase_if(shown_accounts_, [](const auto& a) { return a.health == AccountHealth::disconnected; });
        networks_ = std::move(std::get<1>(loaded));
        std::vector<AccountId> own;
        if (connection_.me()) own = connection_.me()->own_accounts;
        if (!post) {
          show_accounts(own);
          loaded_ = true;
          send_->Enable();
          text_->SetFocus();
          update_counters();
          return;
        }
        then_on_window(
            this, all(api->get_post(*post), api->review(*post)),
            [this](std::tuple<Post, wire::ReviewView>& shown) {
              post_ = std::get<0>(shown);
              review_ = std::get<1>(shown);
              saved_text_ = post_->text;
              show_accounts(std::get<1>(shown).review.targets);
              text_->ChangeValue(wxString::FromUTF8(post_->text));
              text_->SetInsertionPointEnd();  // to add to it, as one usually does
              if (!post_->media.empty()) {
                image_ = post_->media.front().media;
                image_name_->SetLabel(_("Image attached"));
                alt_text_->Enable();
                alt_text_->ChangeValue(wxString::FromUTF8(post_->media.front().description));
              }
              loaded_ = true;
              send_->Enable();
              update_counters();
              show_verdict();
            },
            [this](const Error& error) { show_error(this, _("The draft could not be opened."), error); });
      },
      [this](const Error& error) { show_error(this, _("Could not load the accounts."), error); });
}

void QuickPostWindow::show_accounts(const std::vector<AccountId>& ticked) {
  accounts_->Clear();
  for (std::size_t i = 0; i < shown_accounts_.size(); ++i) {
    const auto& account = shown_accounts_[i];
    accounts_->Append(network_name(networks_, account.network) + "  " + wxString::FromUTF8(account.handle));
    if (std::find(ticked.begin(), ticked.end(), account.id) != ticked.end()) accounts_->Check(static_cast<unsigned>(i));
  }
}

std::vector<AccountId> QuickPostWindow::ticked() const {
  std::vector<AccountId> ids;
  for (std::size_t i = 0; i < shown_accounts_.size(); ++i) {
    if (accounts_->IsChecked(static_cast<unsigned>(i))) ids.push_back(shown_accounts_[i].id);
  }
  return ids;
}

void QuickPostWindow::type_text(const wxString& text) {
  text_->SetFocus();
  text_->WriteText(text);  // as typing does: at the caret, with a change event
}

void QuickPostWindow::on_text_changed() {
  update_counters();
  mentions_->update();
  save_soon();
}

// Counted here, as the composer does, so a counter follows every keystroke;
// where kanald, asked after a pause, sends an account other text (a press
// contact's handle on its network), its count of that text stands.
void QuickPostWindow::update_counters() {
  const auto text = text_->GetValue().utf8_string();
  if (text != counted_in_kanald_) kanald_counts_.clear();
  wxString line;
  bool over = false;
  for (const auto id : ticked()) {
    const auto account =
        std::find_if(shown_accounts_.begin(), shown_accounts_.end(), [&](const auto& a) { return a.id == id; });
    const auto* network = wire::find_network(networks_, account->network);
    try {
      const auto kanalds = kanald_counts_.find(id.value);
      const auto count = kanalds != kanald_counts_.end()
                             ? kanalds->second
                             : text::count_text(text, text::rules_for_account(*account, network));
      over = over || !count.valid;
      if (!line.empty()) line += "   ";
      line += wxString::Format("%s %zu/%zu", network_name(networks_, account->network), count.count, count.limit);
    } catch (const Error&) {
      line = _("The text is not valid UTF-8.");
    }
  }
  counters_->SetLabel(line.empty() ? _("Tick an account to post to.") : line);
  counters_->SetForegroundColour(over ? wxColour(170, 40, 20) : wxNullColour);
  if (!first_counter_ && !line.empty()) {
    first_counter_ = std::chrono::steady_clock::now() - opened_at_;
  }
}

void QuickPostWindow::count_in_kanald() {
  auto api = connection_.api();
  const auto text = text_->GetValue().utf8_string();
  if (!api || text.empty() || ticked().empty()) return;
  wire::TextCheckRequest request;
  request.text = text;
  request.accounts = ticked();
  then_on_window(
      this, api->check_text(std::move(request)),
      [this, text](wire::TextCheckResponse& checked) {
        if (text != text_->GetValue().utf8_string()) return;  // typed on since
        kanald_counts_.clear();
        for (const auto& target : checked.targets) {
          if (target.account && !target.text.empty()) kanald_counts_[target.account->value] = target.count;
        }
        counted_in_kanald_ = text;
        update_counters();
      },
      [](const Error&) {});  // the local counts stand
}

std::string QuickPostWindow::first_network() const {
  const auto targets = ticked();
  for (const auto& account : shown_accounts_) {
    if (!targets.empty() && account.id == targets.front()) return account.network;
  }
  return {};
}

void QuickPostWindow::attach_image(const std::filesystem::path& file, const wxString& alt_text) {
  auto api = connection_.api();
  if (!api) return;
  image_name_->SetLabel(_("Uploading…"));
  then_on_window(
      this, api->upload_media_file(file),
      [this, file, alt_text](MediaInfo& media) {
        image_ = media.id;
        image_name_->SetLabel(wxString::FromUTF8(file.filename().string()));
        alt_text_->Enable();
        if (!alt_text.empty()) alt_text_->ChangeValue(alt_text);
        alt_text_->SetFocus();
        save_soon();
      },
      [this](const Error& error) {
        image_name_->SetLabel(_("No image"));
        show_error(this, _("The image was not added."), error);
      });
}

std::vector<Attachment> QuickPostWindow::attachments() const {
  if (!image_) return {};
  return {Attachment{*image_, alt_text_->GetValue().Trim().Trim(false).utf8_string()}};
}

std::optional<PostId> QuickPostWindow::post_id() const {
  return post_ ? std::optional<PostId>(post_->id) : std::nullopt;
}

void QuickPostWindow::save_soon() { save_timer_.StartOnce(kSaveAfterMs); }

// Creates the draft, or saves what changed; `next` runs on the post as saved.
void QuickPostWindow::save_then(std::function<void(const Post&)> next) {
  save_timer_.Stop();
  if (next) after_save_ = std::move(next);
  if (saving_) return;  // when the save under way is back, what was typed since is saved, then `next` runs
  auto api = connection_.api();
  const auto text = text_->GetValue().utf8_string();
  const bool unchanged = post_ && text == saved_text_ && attachments() == post_->media;
  if (!api || text.empty() || unchanged) {
    if (post_ && !text.empty() && after_save_) std::exchange(after_save_, {})(*post_);
    return;
  }
  auto done = [this](Post& saved) {
    saving_ = false;
    edited_here_ = true;
    review_.reset();  // an edit voids the submission it had
    post_ = saved;
    saved_text_ = saved.text;
    show_verdict();
    save_then({});  // typed meanwhile, or the next step
  };
  auto failed = [this](const Error& error) {
    saving_ = false;
    after_save_ = {};
    send_->Enable();
    text_->SetEditable(true);
    outcome_->SetLabel(_("Not saved: ") + wxString::FromUTF8(error.detail()));
  };
  saving_ = true;
  if (!post_) {
    wire::CreatePostRequest request;
    request.text = text;
    request.media = attachments();
    request.language = "sv";
    then_on_window(this, api->create_post(std::move(request)), done, failed);
    return;
  }
  wire::UpdatePostRequest request;
  request.version = post_->version;
  request.text = text;
  request.media = attachments();
  then_on_window(this, api->update_post(post_->id, std::move(request)), done, failed);
}

// kanald's policy, for the ticked accounts, were this person to submit it.
void QuickPostWindow::show_verdict() {
  auto api = connection_.api();
  if (!api || !post_) return;
  if (review_ && review_->may_decide && review_->review.state == ReviewState::pending) {
    // An officer's draft waiting for this person: posting it is their approval.
    verdict_->SetLabel(wxString::Format(_("Waiting for your approval (%s): Post approves and publishes it."),
                                        step_label(review_->next_step)));
    return;
  }
  then_on_window(
      this, api->approval(post_->id),
      [this](std::vector<wire::ApprovalTarget>& targets) {
        const auto chosen = ticked();
        std::set<std::string> steps;
        wxString why;
        for (const auto& target : targets) {
          if (std::find(chosen.begin(), chosen.end(), target.account) == chosen.end()) continue;
          steps.insert(target.steps.begin(), target.steps.end());
          if (!target.steps.empty() && why.empty()) why = wxString::FromUTF8(target.rule);
        }
        if (chosen.empty()) {
          verdict_->SetLabel(_("Approval: tick an account to see what the post needs."));
        } else if (steps.empty()) {
          verdict_->SetLabel(_("No approval needed: Post publishes at once."));
        } else {
          wxString names;
          for (const auto& step : steps) names += (names.empty() ? "" : ", ") + step_label(step);
          verdict_->SetLabel(wxString::Format(_("Needs approval: %s. Post sends it for approval."), names));
          verdict_->SetToolTip(why);
        }
        GetChildren().front()->Layout();
      },
      [this](const Error& error) { verdict_->SetLabel(_("Approval unknown: ") + wxString::FromUTF8(error.detail())); });
}

void QuickPostWindow::post_now() {
  if (text_->GetValue().Trim().Trim(false).IsEmpty()) {
    outcome_->SetLabel(_("Write the post first."));
    return;
  }
  if (ticked().empty()) {
    outcome_->SetLabel(_("Tick an account to post to."));
    return;
  }
  if (image_ && alt_text_->GetValue().Trim().IsEmpty()) {
    outcome_->SetLabel(_("Describe the image first: people who cannot see it need the alt text."));
    alt_text_->SetFocus();
    return;
  }
  send_->Disable();
  text_->SetEditable(false);  // what is sent is what was saved
  outcome_->SetLabel(_("Sending…"));
  const auto accounts = ticked();
  save_then([this, accounts](const Post&) { send(accounts); });
}

// Submitted for `accounts`: approved at once, or approvable by this person
// now (an officer's draft for them, unedited), it is published; else it
// waits for the steps the policy named. A post edited here is submitted
// again, as this person's.
void QuickPostWindow::send(const std::vector<AccountId>& accounts) {
  auto api = connection_.api();
  if (!api || !post_) return;
  auto fail = [this](const Error& error) {
    send_->Enable();
    text_->SetEditable(true);
    outcome_->SetLabel(_("Not sent: ") + wxString::FromUTF8(error.detail()));
  };
  auto after_review = [this, api, fail, accounts](wire::ReviewView& view) {
    if (view.review.state == ReviewState::approved) return publish(accounts);
    if (!view.may_decide) {
      return finish(wxString::Format(_("Sent for approval: %s."), step_label(view.next_step)));
    }
    then_on_window(
        this, api->approve(post_->id, wire::DecisionRequest{view.current_hash, {}}),
        [this, accounts](wire::ReviewView& decided) {
          if (decided.review.state == ReviewState::approved) return publish(accounts);
          finish(wxString::Format(_("Approved; it now waits for: %s."), step_label(decided.next_step)));
        },
        fail);
  };
  auto submit = [this, api, after_review, fail, accounts] {
    then_on_window(this, api->submit(post_->id, accounts), after_review, fail);
  };
  if (edited_here_) return submit();
  // Someone else's submission for the same accounts stands (an officer's draft).
  then_on_window(
      this, api->review(post_->id),
      [after_review, submit, accounts](wire::ReviewView& view) mutable {
        const bool open = view.review.state == ReviewState::pending || view.review.state == ReviewState::approved;
        if (open && same_accounts(view.review.targets, accounts)) return after_review(view);
        submit();
      },
      [submit](const Error&) { submit(); });
}

void QuickPostWindow::publish(const std::vector<AccountId>& accounts) {
  auto api = connection_.api();
  if (!api || !post_) return;
  then_on_window(
      this, api->publish(post_->id, wire::PublishRequest{accounts}),
      [this](std::vector<wire::DeliveryInfo>&) { finish(_("Posted: it is on its way.")); },
      [this](const Error& error) {
        send_->Enable();
        text_->SetEditable(true);
        outcome_->SetLabel(_("Not posted: ") + wxString::FromUTF8(error.detail()));
      });
}

void QuickPostWindow::finish(const wxString& message) {
  finished_ = true;
  outcome_->SetLabel(message);
  send_->Disable();
  text_->SetEditable(false);
}

}  // namespace kanal::gui
