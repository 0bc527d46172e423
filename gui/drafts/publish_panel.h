#pragma once
// Under the editor: which accounts a saved draft goes to, what approval the
// policy asks for them ("Submit for approval" when it asks for any, and
// where the submission stands: awaiting whom, sent back with the comment,
// approved), "Publish now" or "Schedule…" / "Add to queue" (and when it is
// scheduled for), and how each delivery goes (published with its
// link and its current likes, shares and replies; retrying; failed and why).

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "app/connection.h"
#include "core/domain.h"

namespace kanal::gui {

class PublishPanel final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  // `post_changed` learns that publishing moved a post on (it started, or
  // every delivery settled), so its state can be read again.
  PublishPanel(wxWindow* parent, Connection& connection, StatusSink status, std::function<void(PostId)> post_changed);

  // The draft on screen (nullopt: a new one); unsaved drafts cannot be published.
  void show_post(const std::optional<Post>& post, bool has_unsaved_changes);
  // The accounts a post can go to (the connected ones), named with their
  // network: a page and its Instagram account often share a handle.
  void set_accounts(const std::vector<Account>& accounts, const std::vector<NetworkDescriptor>& networks);
  void publish();
  void submit();
  // "Schedule…" (once or repeated) and "Add to queue" for the ticked accounts.
  void schedule();
  void add_to_queue();
  // What the policy asks of `post` per account (GET /posts/{id}/approval).
  void set_policy_answer(PostId post, const std::vector<wire::ApprovalTarget>& targets);

 private:
  void poll_deliveries();
  void show_deliveries(const std::vector<wire::DeliveryInfo>& deliveries);
  void show_delivery_text(const wxString& text);
  // The published post's current likes, shares and replies (once per post shown).
  void read_figures();
  // Where the network could not tell whether the post went out to an
  // account: the person looked, and says (kanald records it).
  void decide(bool it_is_published);
  void update_button();
  // The newest submission of the post on screen.
  void read_review();
  void read_schedule();
  void show_scheduled(const std::vector<wire::ScheduleInfo>& scheduled);
  std::vector<std::string> steps_for_checked() const;
  std::vector<AccountId> checked_accounts() const;

  Connection& connection_;
  StatusSink status_;
  std::function<void(PostId)> post_changed_;
  wxCheckListBox* targets_;
  wxButton* publish_button_;
  wxButton* submit_button_;
  wxButton* schedule_button_;
  wxButton* queue_button_;
  wxStaticText* schedule_status_;
  wxStaticText* approval_;
  wxTextCtrl* deliveries_;
  wxPanel* decision_;  // shown while a delivery is undecided
  wxStaticText* decision_question_;
  wxTimer poll_timer_;
  std::vector<Account> accounts_;
  std::vector<wxString> account_names_;  // "Network @handle", as accounts_
  std::optional<Post> post_;
  bool dirty_ = false;
  std::map<std::int64_t, std::vector<std::string>> steps_;  // account id → steps the policy asks
  std::optional<wire::ReviewView> review_;
  std::int64_t read_version_ = 0;  // the post version review_ was read for
  std::vector<wire::DeliveryInfo> shown_deliveries_;
  std::vector<wire::PostFiguresInfo> figures_;
  std::optional<PostId> figures_of_;  // the post figures_ were asked for
};

}  // namespace kanal::gui
