#include "inbox/inbox_view.h"

#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/wrapsizer.h>

#include <map>

#include "app/async.h"
#include "inbox/conversation_html.h"
#include "inbox/inbox_words.h"
#include "widgets/network_icon.h"

namespace kanal::gui {
namespace {

// The states a person filters by: the item's own, and "hidden", "review".
constexpr const char* kStates[][2] = {{"", "Everything"},       {"new", "New"},   {"assigned", "Assigned"},
                                      {"answered", "Answered"}, {"done", "Done"}, {"review", "Needs review"},
                                      {"hidden", "Hidden"}};
constexpr const char* kCategories[][2] = {{"", "All kinds"},
                                          {"question", "Questions"},
                                          {"criticism", "Criticism"},
                                          {"thanks", "Thanks"},
                                          {"profanity", "Bad language"},
                                          {"threat", "Threats"},
                                          {"hate", "Hate"},
                                          {"personal_data", "Personal data"},
                                          {"scam", "Scams"},
                                          {"spam", "Spam"},
                                          {"other", "Other"}};
// The period a person looks at, in days back from now (0: all time).
constexpr int kPeriodDays[] = {0, 1, 7, 30};
constexpr const char* kPeriods[][2] = {{"", "All time"}, {"", "Today"}, {"", "Last 7 days"}, {"", "Last 30 days"}};
constexpr const char* kLanguages[][2] = {{"", "All languages"}, {"sv", "Svenska"}, {"da", "Dansk"},  {"nb", "Norsk"},
                                         {"fi", "Suomi"},       {"en", "English"}, {"de", "Deutsch"}};

template <std::size_t N>
wxChoice* choice_of(wxWindow* parent, const char* name, const char* const (&entries)[N][2]) {
  auto* choice = new wxChoice(parent, wxID_ANY);
  choice->SetName(name);
  for (const auto& entry : entries) choice->Append(wxString::FromUTF8(entry[1]));
  choice->SetSelection(0);
  return choice;
}

// A saved reply with its fields filled: {name} is the person answered.
std::string filled(std::string text, const wire::InboxItem& item) {
  const std::string field = "{name}";
  const std::string name = item.author_name.empty() ? item.author_handle : item.author_name;
  for (auto at = text.find(field); at != std::string::npos; at = text.find(field, at + name.size())) {
    text.replace(at, field.size(), name);
  }
  return text;
}

}  // namespace

InboxView::InboxView(wxWindow* parent, Connection& connection, StatusSink status)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "inbox_view"),
      connection_(connection),
      status_(std::move(status)),
      check_timer_(this),
      new_timer_(this) {
  // A width of its own: a long account name must not push Sync now and "N new — show" off the row.
  account_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(200), -1));
  account_->SetName("inbox_account");
  account_->Append(_("All accounts"));
  account_->SetSelection(0);
  state_ = choice_of(this, "inbox_state", kStates);
  category_ = choice_of(this, "inbox_category", kCategories);
  language_ = choice_of(this, "inbox_language", kLanguages);
  period_ = choice_of(this, "inbox_period", kPeriods);
  auto* sync = new wxButton(this, wxID_ANY, _("&Sync now"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            "inbox_sync");
  show_new_ =
      new wxButton(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "inbox_show_new");
  show_new_->Hide();
  answer_times_ = new wxStaticText(this, wxID_ANY, "");
  answer_times_->SetName("inbox_answer_times");

  auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
  list_ = new InboxList(splitter,
                        [this](std::uint64_t generation, std::int64_t offset) { fetch_page(generation, offset); });
  auto* right = new wxPanel(splitter);
  conversation_view_ =
      new wxHtmlWindow(right, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxHW_SCROLLBAR_AUTO, "inbox_conversation");
  conversation_view_->SetPage(
      wxString::FromUTF8("<html><body><p>Choose a comment to see its conversation.</p>"
                         "<p>Keys: j / k next and previous, r reply, e done.</p>"
                         "</body></html>"));
  const auto action_button = [&](const wxString& label, const char* name, const char* action) {
    auto* button =
        new wxButton(right, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT, wxDefaultValidator, name);
    const std::string what = action;
    button->Bind(wxEVT_BUTTON, [this, what](wxCommandEvent&) {
      if (what == "done") {
        mark_done();
      } else if (what == "assign") {
        assign();
      } else if (what == "delete") {
        delete_on_network();
      } else {
        act(what);
      }
    });
    actions_.push_back(button);
    return button;
  };
  auto* moderation_row = new wxWrapSizer(wxHORIZONTAL);
  for (const auto& [label, name, action] :
       {std::tuple{_("Hide"), "inbox_hide", "hide"}, std::tuple{_("Show again"), "inbox_unhide", "unhide"},
        std::tuple{_("Needs review"), "inbox_review", "review"}, std::tuple{_("Mute author"), "inbox_mute", "mute"},
        std::tuple{_("Block author"), "inbox_block", "block"}, std::tuple{_("Report"), "inbox_report", "report"},
        std::tuple{_("Delete on network…"), "inbox_delete", "delete"}}) {
    moderation_row->Add(action_button(label, name, action), wxSizerFlags().Border(wxRIGHT, FromDIP(4)));
  }
  auto* work_row = new wxWrapSizer(wxHORIZONTAL);
  assignee_ = new wxChoice(right, wxID_ANY);
  assignee_->SetName("inbox_assignee");
  assignee_->Append(_("Me"));
  assignee_->SetSelection(0);
  work_row->Add(action_button(_("Assign to"), "inbox_assign", "assign"), wxSizerFlags().Border(wxRIGHT, FromDIP(2)));
  work_row->Add(assignee_, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
  work_row->Add(action_button(_("Done (e)"), "inbox_done", "done"), wxSizerFlags().Border(wxRIGHT, FromDIP(4)));

  saved_ = new wxChoice(right, wxID_ANY);
  saved_->SetName("inbox_saved_reply");
  saved_->Append(_("Saved reply…"));
  saved_->SetSelection(0);
  reply_ = new wxTextCtrl(right, wxID_ANY, "", wxDefaultPosition, FromDIP(wxSize(-1, 80)), wxTE_MULTILINE);
  reply_->SetName("inbox_reply");
  reply_->SetHint(_("Answer (r)"));
  verdict_ = new wxStaticText(right, wxID_ANY, "");
  verdict_->SetName("inbox_verdict");
  send_ = new wxButton(right, wxID_ANY, _("Send answer"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                       "inbox_send");
  auto* answer_row = new wxBoxSizer(wxHORIZONTAL);
  answer_row->AddStretchSpacer();
  answer_row->Add(send_);
  auto* right_sizer = new wxBoxSizer(wxVERTICAL);
  right_sizer->Add(conversation_view_, wxSizerFlags(1).Expand());
  right_sizer->Add(moderation_row, wxSizerFlags().Expand().Border(wxTOP, FromDIP(6)));
  right_sizer->Add(work_row, wxSizerFlags().Expand().Border(wxTOP, FromDIP(4)));
  right_sizer->Add(saved_, wxSizerFlags().Border(wxTOP, FromDIP(8)));
  right_sizer->Add(reply_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(4)));
  right_sizer->Add(verdict_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(4)));
  right_sizer->Add(answer_row, wxSizerFlags().Expand().Border(wxTOP | wxBOTTOM, FromDIP(4)));
  right->SetSizer(right_sizer);
  splitter->SplitVertically(list_, right, FromDIP(560));
  splitter->SetMinimumPaneSize(FromDIP(240));

  auto* filters = new wxBoxSizer(wxHORIZONTAL);
  for (auto* choice : {account_, state_, category_, language_, period_}) {
    filters->Add(choice, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    choice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { reload(); });
  }
  filters->Add(sync, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  filters->Add(show_new_);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(filters, wxSizerFlags().Border(wxALL, FromDIP(8)));
  sizer->Add(answer_times_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
  sizer->Add(splitter, wxSizerFlags(1).Expand());
  SetSizer(sizer);

  sync->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { sync_now(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) { open_row(event.GetIndex()); });
  list_->Bind(wxEVT_KEY_DOWN, &InboxView::on_key, this);
  saved_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { apply_saved_reply(); });
  send_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { send_answer(); });
  // The approval policy's verdict follows the answer as it is written.
  reply_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { check_timer_.StartOnce(400); });
  Bind(
      wxEVT_TIMER, [this](wxTimerEvent&) { check_answer(); }, check_timer_.GetId());
  show_new_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
  // kanald syncs every minute: say when there is something new rather than move the rows under the reader.
  Bind(
      wxEVT_TIMER, [this](wxTimerEvent&) { look_for_new(); }, new_timer_.GetId());
  new_timer_.Start(20'000);
  enable_actions();
}

wire::InboxFilter InboxView::filter() const {
  wire::InboxFilter f;
  if (const int account = account_->GetSelection(); account > 0) {
    f.account = accounts_[static_cast<std::size_t>(account - 1)].id;
  }
  f.state = kStates[std::max(0, state_->GetSelection())][0];
  f.category = kCategories[std::max(0, category_->GetSelection())][0];
  f.language = kLanguages[std::max(0, language_->GetSelection())][0];
  if (const int days = kPeriodDays[std::max(0, period_->GetSelection())]; days > 0) {
    f.from = SystemClock{}.now() - std::chrono::days(days);
  }
  return f;
}

void InboxView::reload() {
  auto api = connection_.api();
  if (!api) return;
  // The accounts every time: one may have been connected since the view was first shown.
  then_on_window(
      this, all(api->accounts(), api->networks()),
      [this](std::tuple<std::vector<Account>, std::vector<NetworkDescriptor>>& loaded) {
        show_accounts(std::move(std::get<0>(loaded)), std::get<1>(loaded));
      },
      [](const Error&) {});
  if (!lists_asked_) {
    lists_asked_ = true;
    then_on_window(
        this, api->users(),
        [this](std::vector<User>& users) {
          users_ = std::move(users);
          assignee_->Clear();
          assignee_->Append(_("Me"));
          assignee_->SetSelection(0);
          for (const auto& user : users_) assignee_->Append(wxString::FromUTF8(user.display_name));
        },
        [](const Error&) {});
    then_on_window(
        this, api->saved_replies(),
        [this](std::vector<wire::SavedReplyInfo>& replies) {
          saved_replies_ = std::move(replies);
          saved_->Clear();
          saved_->Append(_("Saved reply…"));
          saved_->SetSelection(0);
          for (const auto& reply : saved_replies_) {
            saved_->Append(
                wxString::FromUTF8(reply.name + (reply.language.empty() ? "" : " (" + reply.language + ")")));
          }
        },
        [](const Error&) {});
  }
  close_conversation();
  auto count = filter();
  count.limit = 1;
  count.count = true;
  then_on_window(
      this, api->inbox(count),
      [this](wire::InboxPage& page) {
        total_ = page.total.value_or(0);
        show_new_->Hide();
        Layout();
        newest_.reset();
        if (!page.items.empty()) newest_ = page.items.front().id;
        list_->reset(total_);
        status_(wxString::Format(_("%lld items in the inbox"), static_cast<long long>(total_)));
      },
      [this](const Error& e) { status_(wxString::FromUTF8("Could not read the inbox: " + e.detail())); });
  show_answer_times();
}

void InboxView::show_accounts(std::vector<Account> accounts, const std::vector<NetworkDescriptor>& networks) {
  std::map<std::int64_t, std::string> names;
  for (const auto& account : accounts) {
    names[account.id.value] = network_name(networks, account.network).utf8_string() + " " + account.handle;
  }
  if (names == account_names_) return;
  // The filter keeps the account it was set to.
  std::optional<AccountId> chosen;
  if (const int at = account_->GetSelection(); at > 0 && static_cast<std::size_t>(at) <= accounts_.size()) {
    chosen = accounts_[static_cast<std::size_t>(at - 1)].id;
  }
  accounts_ = std::move(accounts);
  account_names_ = names;
  account_->Clear();
  account_->Append(_("All accounts"));
  account_->SetSelection(0);
  for (const auto& account : accounts_) {
    const int at = account_->Append(wxString::FromUTF8(account_names_[account.id.value]));
    if (chosen == account.id) account_->SetSelection(at);
  }
  list_->set_account_names(std::move(names));
  list_->Refresh();
  show_answer_times();
}

void InboxView::look_for_new() {
  auto api = connection_.api();
  if (!api || !IsShownOnScreen()) return;
  auto count = filter();
  count.limit = 1;
  count.count = true;
  then_on_window(
      this, api->inbox(count),
      [this](wire::InboxPage& page) {
        const auto arrived = page.total.value_or(0) - total_;
        if (arrived <= 0) return;
        show_new_->SetLabel(wxString::Format(_("%lld new — show"), static_cast<long long>(arrived)));
        show_new_->Show();
        Layout();
      },
      [](const Error&) {});
}

void InboxView::fetch_page(std::uint64_t generation, std::int64_t offset) {
  auto api = connection_.api();
  if (!api) return;
  auto page = filter();
  page.offset = offset;
  page.limit = static_cast<int>(InboxList::kPageSize);
  if (newest_) page.before = InteractionId{newest_->value + 1};
  then_on_window(
      this, api->inbox(page),
      [this, generation, offset](wire::InboxPage& result) {
        list_->set_page(generation, offset, std::move(result.items));
        // The chosen row's page has come: open it now.
        const long row = list_->selected_row();
        const auto* chosen = row >= 0 ? list_->item(row) : nullptr;
        if (chosen != nullptr && !conversation_ && opening_ != chosen->id) open_row(row);
      },
      [this, generation, offset](const Error& e) {
        list_->forget_page(generation, offset);
        status_(wxString::FromUTF8("Could not read the inbox: " + e.detail()));
      });
}

void InboxView::show_answer_times() {
  auto api = connection_.api();
  if (!api) return;
  const auto now = SystemClock{}.now();
  then_on_window(
      this, api->answer_times(now - std::chrono::days(7), now + std::chrono::hours(1)),
      [this](std::vector<wire::WeeklyAnswerTime>& weeks) {
        // The newest week per account: what the team is doing now.
        std::map<std::int64_t, wire::WeeklyAnswerTime> latest;
        for (const auto& week : weeks) latest[week.account.value] = week;
        std::string text;
        for (const auto& [account, week] : latest) {
          const auto named = account_names_.find(account);
          const std::string handle =
              named != account_names_.end() ? named->second : "account " + std::to_string(account);
          text += (text.empty() ? "Time to first answer, week " + std::to_string(week.iso_week) + ": " : "  ·  ") +
                  handle + " median " +
                  (week.median_s ? duration_words(std::chrono::seconds(*week.median_s)) : std::string("—")) + " (" +
                  std::to_string(week.answered) + " answered, " + std::to_string(week.unanswered) + " waiting)";
        }
        answer_times_->SetLabel(wxString::FromUTF8(text.empty() ? "No comments this week yet." : text));
      },
      [](const Error&) {});
}

void InboxView::sync_now() {
  auto api = connection_.api();
  if (!api) return;
  status_(_("Fetching comments and mentions…"));
  then_on_window(
      this, api->sync_inbox(std::nullopt),
      [this](wire::SyncResult& result) {
        std::string text = std::to_string(result.stored) + " new, " + std::to_string(result.hidden) + " hidden, " +
                           std::to_string(result.to_review) + " to review";
        if (result.unreadable > 0) text += ", " + std::to_string(result.unreadable) + " unreadable (skipped)";
        if (result.more) text += "; more is waiting: Sync now again, or it comes within a minute";
        for (const auto& problem : result.problems) text += "; " + problem;
        status_(wxString::FromUTF8(text));
        reload();
      },
      [this](const Error& e) { status_(wxString::FromUTF8("Could not sync: " + e.detail())); });
}

void InboxView::close_conversation() {
  conversation_.reset();
  enable_actions();
}

void InboxView::open_row(long row) {
  // Nothing acts on the conversation shown before while this one comes.
  close_conversation();
  const auto* item = list_->item(row);
  auto api = connection_.api();
  if (item == nullptr || !api) return;
  const auto id = item->id;
  opening_ = id;
  then_on_window(
      this, api->conversation(id),
      [this, id](wire::Conversation& conversation) {
        if (opening_ == id) opening_.reset();
        const auto* shown = list_->item(list_->selected_row());
        if (shown == nullptr || shown->id != id) return;  // another row was chosen meanwhile
        const auto named = account_names_.find(conversation.item.account.value);
        const std::string account = named != account_names_.end() ? named->second : std::string();
        conversation_view_->SetPage(wxString::FromUTF8(conversation_html(conversation, account)));
        conversation_ = std::move(conversation);
        enable_actions();
        check_answer();
      },
      [this, id](const Error& e) {
        if (opening_ == id) opening_.reset();
        status_(wxString::FromUTF8("Could not open the conversation: " + e.detail()));
      });
}

void InboxView::refresh_open_item(const wire::InboxItem& item) {
  list_->update(item);
  if (conversation_ && conversation_->item.id == item.id) open_row(list_->selected_row());
}

void InboxView::act(const std::string& action) {
  auto api = connection_.api();
  if (!api || !conversation_) return;
  then_on_window(
      this, api->moderate(conversation_->item.id, action),
      [this](wire::InboxItem& item) {
        const auto badge = moderation_badge(item);
        status_(wxString::FromUTF8((badge.empty() ? std::string("Kept") : badge) +
                                   (item.network_note.empty() ? "" : " — " + item.network_note)));
        refresh_open_item(item);
      },
      [this](const Error& e) { status_(wxString::FromUTF8("Not done: " + e.detail())); });
}

// Deleting is never the policy's doing: a person confirms it, after being
// reminded that hiding is usually enough.
void InboxView::delete_on_network() {
  if (!conversation_) return;
  wxMessageDialog confirm(this,
                          _("Delete this comment on the network? Nobody will see it there any more, its author "
                            "included. Hiding it is usually enough, and criticism and bad language are kept. Kanal "
                            "keeps its own record of the comment either way."),
                          _("Delete comment"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
  confirm.SetYesNoLabels(_("Delete"), _("Keep it"));
  if (confirm.ShowModal() == wxID_YES) act("delete");
}

void InboxView::mark_done() {
  auto api = connection_.api();
  if (!api || !conversation_) return;
  then_on_window(
      this, api->set_inbox_state(conversation_->item.id, "done"),
      [this](wire::InboxItem& item) {
        status_(_("Marked done"));
        refresh_open_item(item);
      },
      [this](const Error& e) { status_(wxString::FromUTF8("Not done: " + e.detail())); });
}

void InboxView::assign() {
  auto api = connection_.api();
  const auto& me = connection_.me();
  if (!api || !conversation_ || !me) return;
  const int chosen = assignee_->GetSelection();
  const auto who = chosen > 0 ? users_[static_cast<std::size_t>(chosen - 1)] : me->user;
  then_on_window(
      this, api->assign(conversation_->item.id, who.id),
      [this, name = who.display_name](wire::InboxItem& item) {
        status_(wxString::FromUTF8("Assigned to " + name));
        refresh_open_item(item);
      },
      [this](const Error& e) { status_(wxString::FromUTF8("Not assigned: " + e.detail())); });
}

void InboxView::focus_reply() {
  if (conversation_) reply_->SetFocus();
}

void InboxView::apply_saved_reply() {
  const int chosen = saved_->GetSelection();
  if (chosen <= 0 || !conversation_) return;
  reply_->SetValue(
      wxString::FromUTF8(filled(saved_replies_[static_cast<std::size_t>(chosen - 1)].text, conversation_->item)));
  saved_->SetSelection(0);
  reply_->SetFocus();
}

void InboxView::check_answer() {
  auto api = connection_.api();
  const auto text = reply_->GetValue().utf8_string();
  if (!api || !conversation_ || text.find_first_not_of(" \n\t") == std::string::npos) {
    verdict_->SetLabel("");
    return;
  }
  then_on_window(
      this, api->check_answer(conversation_->item.id, {text, ""}),
      [this](wire::AnswerCheck& check) {
        std::string words = check.waiting_for.empty() ? "Goes out at once (no approval needed)"
                                                      : "Needs approval: " + check.waiting_for;
        if (check.rights) words += " — it speaks of rights or entitlements";
        verdict_->SetLabel(wxString::FromUTF8(words));
        verdict_->SetToolTip(wxString::FromUTF8(check.why));
        verdict_->GetParent()->Layout();
      },
      [this](const Error& e) { verdict_->SetLabel(wxString::FromUTF8(e.detail())); });
}

void InboxView::send_answer() {
  auto api = connection_.api();
  const auto text = reply_->GetValue().utf8_string();
  if (!api || !conversation_ || text.find_first_not_of(" \n\t") == std::string::npos) return;
  send_->Disable();
  then_on_window(
      this, api->answer(conversation_->item.id, {text, ""}),
      [this](wire::AnswerResult& result) {
        send_->Enable();
        reply_->Clear();
        status_(wxString::FromUTF8(result.queued ? "Answer on its way"
                                                 : "Answer sent for approval: waiting for " + result.waiting_for));
        open_row(list_->selected_row());
      },
      [this](const Error& e) {
        send_->Enable();
        status_(wxString::FromUTF8("The answer was not sent: " + e.detail()));
      });
}

void InboxView::enable_actions() {
  const bool open = conversation_.has_value();
  for (auto* button : actions_) button->Enable(open);
  assignee_->Enable(open);
  send_->Enable(open);
  reply_->Enable(open);
  saved_->Enable(open);
}

void InboxView::on_key(wxKeyEvent& event) {
  if (event.HasAnyModifiers()) {
    event.Skip();
    return;
  }
  const long row = list_->selected_row();
  switch (event.GetKeyCode()) {
    case 'J': list_->select_row(row + 1); break;
    case 'K': list_->select_row(std::max(0L, row - 1)); break;
    case 'R': focus_reply(); break;
    case 'E': mark_done(); break;
    default: event.Skip();
  }
}

}  // namespace kanal::gui
