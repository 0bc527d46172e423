#include "approvals/approvals_view.h"

#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>

#include "app/async.h"
#include "app/error_dialog.h"
#include "approvals/review_html.h"
#include "approvals/step_labels.h"
#include "core/utf8.h"

namespace kanal::gui {
namespace {

constexpr int kPollMs = 10'000;
enum Column { kPost, kStep, kSubmitted, kText };

}  // namespace

ApprovalsView::ApprovalsView(wxWindow* parent, Connection& connection, StatusSink status, CountSink on_count,
                             Notify notify, OpenItem open_item)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "approvals_view"),
      connection_(connection),
      status_(std::move(status)),
      on_count_(std::move(on_count)),
      notify_(std::move(notify)),
      open_item_(std::move(open_item)),
      poll_(this) {
  auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
  auto* left = new wxPanel(split);
  list_ = new wxListCtrl(left, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL,
                         wxDefaultValidator, "approvals_list");
  list_->AppendColumn(_("Post"), wxLIST_FORMAT_RIGHT, FromDIP(50));
  list_->AppendColumn(_("Step"), wxLIST_FORMAT_LEFT, FromDIP(110));
  list_->AppendColumn(_("Submitted"), wxLIST_FORMAT_LEFT, FromDIP(130));
  list_->AppendColumn(_("Text"), wxLIST_FORMAT_LEFT, FromDIP(300));
  auto* left_sizer = new wxBoxSizer(wxVERTICAL);
  left_sizer->Add(new wxStaticText(left, wxID_ANY, _("Waiting for your approval")),
                  wxSizerFlags().Border(wxALL, FromDIP(6)));
  left_sizer->Add(list_, wxSizerFlags(1).Expand());
  left->SetSizer(left_sizer);

  auto* right = new wxPanel(split);
  detail_ = new wxHtmlWindow(right, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxHW_SCROLLBAR_AUTO, "approval_detail");
  comment_ = new wxTextCtrl(right, wxID_ANY, {}, wxDefaultPosition, wxSize(-1, FromDIP(60)), wxTE_MULTILINE,
                            wxDefaultValidator, "approval_comment");
  approve_button_ = new wxButton(right, wxID_ANY, _("&Approve"), wxDefaultPosition, wxDefaultSize, 0,
                                 wxDefaultValidator, "approve_post");
  send_back_button_ = new wxButton(right, wxID_ANY, _("Send &back"), wxDefaultPosition, wxDefaultSize, 0,
                                   wxDefaultValidator, "send_back_post");
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(approve_button_, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
  buttons->Add(send_back_button_);
  auto* right_sizer = new wxBoxSizer(wxVERTICAL);
  right_sizer->Add(detail_, wxSizerFlags(1).Expand());
  right_sizer->Add(new wxStaticText(right, wxID_ANY, _("Comment (needed to send back: say what should change):")),
                   wxSizerFlags().Border(wxTOP, FromDIP(6)));
  right_sizer->Add(comment_, wxSizerFlags().Expand().Border(wxTOP | wxBOTTOM, FromDIP(4)));
  right_sizer->Add(buttons, wxSizerFlags().Border(wxBOTTOM, FromDIP(6)));
  right->SetSizer(right_sizer);

  split->SplitVertically(left, right, FromDIP(420));
  split->SetMinimumPaneSize(FromDIP(200));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(split, wxSizerFlags(1).Expand());
  SetSizer(sizer);

  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { on_selection(); });
  approve_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { approve(); });
  send_back_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { send_back(); });
  Bind(
      wxEVT_TIMER, [this](wxTimerEvent&) { reload(); }, poll_.GetId());
  poll_.Start(kPollMs);
  show_review(wire::ReviewView{});
}

void ApprovalsView::reload() {
  auto api = connection_.api();
  if (!api || !connection_.may("approve")) {
    show_queue({});
    return;
  }
  then_on_window(
      this, api->approvals(),
      [this](std::vector<wire::QueueItem>& queue) {
        show_queue(std::move(queue));
        loaded_once_ = true;  // what waits from now on is news
      },
      [](const Error&) {
        // The next tick tries again; the status bar shows a lost connection.
      });
  // Names for what the queue shows by id.
  then_on_window(
      this, api->accounts(), [this](std::vector<Account>& accounts) { accounts_ = std::move(accounts); },
      [](const Error&) {});
  then_on_window(
      this, api->users(), [this](std::vector<User>& users) { users_ = std::move(users); }, [](const Error&) {});
}

void ApprovalsView::forget() {
  known_reviews_.clear();
  loaded_once_ = false;
  show_queue({});
}

void ApprovalsView::show_queue(std::vector<wire::QueueItem> queue) {
  // New work since the last look: tell the person, even when Kanal is behind other windows.
  std::vector<const wire::QueueItem*> arrived;
  for (const auto& item : queue) {
    if (known_reviews_.insert(item.review_id).second && loaded_once_) arrived.push_back(&item);
  }
  if (!arrived.empty() && notify_) {
    const auto first = *arrived.front();
    // A draft for an account kept for this person (the director's own) says so.
    const auto& own = connection_.me() ? connection_.me()->own_accounts : std::vector<AccountId>{};
    const bool for_me = std::any_of(first.targets.begin(), first.targets.end(),
                                    [&](AccountId id) { return std::find(own.begin(), own.end(), id) != own.end(); });
    notify_(
        arrived.size() == 1 && for_me ? _("Kanal: a draft for you to post") : _("Kanal: a post awaits your approval"),
        arrived.size() == 1
            ? wxString::Format(_("Post %lld (%s): %s"), static_cast<long long>(first.post.value),
                               step_label(first.step), wxString::FromUTF8(utf8::preview(first.excerpt, 80)))
            : wxString::Format(_("%zu posts await your approval."), arrived.size()),
        [this, first] {
          if (open_item_) open_item_(first);
        });
  }

  const auto selected = current_ ? std::optional(current_->review.post) : std::nullopt;
  queue_ = std::move(queue);
  list_->DeleteAllItems();
  long reselect = -1;
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    const auto& item = queue_[i];
    const auto row =
        list_->InsertItem(static_cast<long>(i), wxString::Format("%lld", static_cast<long long>(item.post.value)));
    list_->SetItem(row, kStep, step_label(item.step));
    auto submitted = to_iso8601(item.submitted_at).substr(0, 16);  // UTC, to the minute
    submitted[10] = ' ';
    list_->SetItem(row, kSubmitted, wxString::FromUTF8(submitted));
    list_->SetItem(row, kText, wxString::FromUTF8(utf8::preview(item.excerpt, 80)));
    if (selected && item.post == *selected) reselect = row;
  }
  if (on_count_) on_count_(queue_.size());
  if (reselect >= 0) {
    list_->SetItemState(reselect, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  } else if (!queue_.empty()) {
    list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  } else {
    show_review(wire::ReviewView{});
  }
}

void ApprovalsView::on_selection() {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  auto api = connection_.api();
  if (row < 0 || static_cast<std::size_t>(row) >= queue_.size() || !api) return;
  const auto post = queue_[static_cast<std::size_t>(row)].post;
  then_on_window(
      this, api->review(post), [this](wire::ReviewView& view) { show_review(view); },
      [this](const Error& error) { status_(wxString::FromUTF8(error.detail())); });
}

void ApprovalsView::show_review(const wire::ReviewView& view) {
  const bool same_post = current_ && current_->review.post == view.review.post;
  // The poll brings the same submission back: leave the page where the reviewer is reading.
  if (same_post && current_->review.id == view.review.id && current_->review.content_hash == view.review.content_hash &&
      current_->review.decisions.size() == view.review.decisions.size() && current_->may_decide == view.may_decide) {
    return;
  }
  if (view.review.id == 0) {
    current_.reset();
    detail_->SetPage("<html><body><p>" + _("Nothing waits for your approval.") + "</p></body></html>");
  } else {
    current_ = view;
    detail_->SetPage(wxString::FromUTF8(review_html(view, accounts_, users_)));
  }
  if (!same_post) comment_->Clear();
  const bool may = current_ && current_->may_decide;
  approve_button_->Enable(may);
  send_back_button_->Enable(may);
}

void ApprovalsView::decide(bool approve) {
  auto api = connection_.api();
  if (!api || !current_) return;
  const auto comment = comment_->GetValue().utf8_string();
  if (!approve && comment.find_first_not_of(" \t\r\n") == std::string::npos) {
    wxMessageBox(_("Say what should change: sending back needs a comment."), _("Kanal"), wxOK | wxICON_INFORMATION,
                 this);
    comment_->SetFocus();
    return;
  }
  const auto post = current_->review.post;
  const wire::DecisionRequest decision{current_->review.content_hash, comment};
  approve_button_->Disable();
  send_back_button_->Disable();
  then_on_window(
      this, approve ? api->approve(post, decision) : api->send_back(post, decision),
      [this, approve, post](wire::ReviewView&) {
        status_(wxString::Format(approve ? _("Approved post %lld.") : _("Sent post %lld back."),
                                 static_cast<long long>(post.value)));
        current_.reset();
        comment_->Clear();
        reload();
      },
      [this](const Error& error) {
        show_error(this, _("The decision was not recorded."), error);
        reload();  // it may have changed: show what is there now
      });
}

}  // namespace kanal::gui
