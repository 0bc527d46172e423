#pragma once
// The Inbox view: comments, replies, mentions and direct messages from every
// account in one list (filters: account, state — new, assigned, answered,
// done, hidden, needs review — category, language); the conversation with
// the post it answers; moderation badges with the reason on hover; hide,
// show again, ask for review, or — where the network cannot hide — mute,
// block or report the author; assign, mark done; and an answer with saved
// replies and the approval policy's verdict before it is sent. The median
// time to first answer of the week, per account, above the list.
// Keys in the list: j / k next and previous, r reply, e done.

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/html/htmlwin.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "app/connection.h"
#include "inbox/inbox_list.h"

namespace kanal::gui {

class InboxView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;

  InboxView(wxWindow* parent, Connection& connection, StatusSink status);

  // Counts again and shows the list from the top (the filters as they are).
  void reload();
  // Asks kanald to fetch from the networks now, then reloads.
  void sync_now();
  void open_row(long row);
  void act(const std::string& action);  // hide, unhide, review, mute, block, report
  void delete_on_network();
  void mark_done();
  // To the colleague chosen beside the button (yourself when none is).
  void assign();
  void focus_reply();
  void send_answer();
  // What kanald synced since the list was counted: "3 new — show" (every 20 s while shown).
  void look_for_new();
  InboxList& list() { return *list_; }
  const std::optional<wire::Conversation>& conversation() const { return conversation_; }

 private:
  wire::InboxFilter filter() const;
  void fetch_page(std::uint64_t generation, std::int64_t offset);
  void show_answer_times();
  // The accounts as the filter, the list and the conversation name them
  // ("Facebook @agency": a page and its Instagram account often share a handle).
  void show_accounts(std::vector<Account> accounts, const std::vector<NetworkDescriptor>& networks);
  void check_answer();
  void on_key(wxKeyEvent& event);
  void enable_actions();
  void apply_saved_reply();
  void refresh_open_item(const wire::InboxItem& item);
  void close_conversation();

  Connection& connection_;
  StatusSink status_;
  wxChoice* account_;
  wxChoice* state_;
  wxChoice* category_;
  wxChoice* language_;
  wxChoice* period_;
  wxChoice* assignee_;
  wxStaticText* answer_times_;
  InboxList* list_;
  wxHtmlWindow* conversation_view_;
  std::vector<wxButton*> actions_;
  wxChoice* saved_;
  wxTextCtrl* reply_;
  wxStaticText* verdict_;
  wxButton* send_;
  wxTimer check_timer_;
  wxTimer new_timer_;
  wxButton* show_new_;
  std::vector<Account> accounts_;
  std::map<std::int64_t, std::string> account_names_;  // account id → "Network @handle"
  std::vector<User> users_;
  std::vector<wire::SavedReplyInfo> saved_replies_;
  std::optional<wire::Conversation> conversation_;
  std::int64_t total_ = 0;
  // The list as counted: pages are read below the newest item then, so what
  // a sync brings meanwhile does not shift the rows (Sync now shows it).
  std::optional<InteractionId> newest_;
  bool lists_asked_ = false;              // people and saved replies (accounts: at every reload)
  std::optional<InteractionId> opening_;  // the conversation on its way
};

}  // namespace kanal::gui
