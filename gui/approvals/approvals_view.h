#pragma once
// The Approvals view: what waits for me (kanald decides: the next step is
// one my role takes, and it is not my own work), with the policy's reasons,
// what will be published, and what changed since I last looked; approve,
// or send back with a comment. It looks for new work every few seconds,
// tells the sidebar how much waits, and the desktop when something arrives.

#include <wx/button.h>
#include <wx/html/htmlwin.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <functional>
#include <optional>
#include <set>
#include <vector>

#include "app/connection.h"
#include "app/desktop.h"

namespace kanal::gui {

class ApprovalsView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  using CountSink = std::function<void(std::size_t waiting)>;
  using Notify = Desktop::Notify;
  // A notification of `item` was clicked.
  using OpenItem = std::function<void(const wire::QueueItem& item)>;

  ApprovalsView(wxWindow* parent, Connection& connection, StatusSink status, CountSink on_count, Notify notify,
                OpenItem open_item);

  // Reads the queue again (and the accounts and people it names).
  void reload();
  // Someone else signed in: what waited for the one before is not theirs
  // (reload() reads theirs).
  void forget();
  void approve() { decide(true); }
  void send_back() { decide(false); }

 private:
  void show_queue(std::vector<wire::QueueItem> queue);
  void on_selection();
  void show_review(const wire::ReviewView& view);
  void decide(bool approve);

  Connection& connection_;
  StatusSink status_;
  CountSink on_count_;
  Notify notify_;
  OpenItem open_item_;
  wxListCtrl* list_;
  wxHtmlWindow* detail_;
  wxTextCtrl* comment_;
  wxButton* approve_button_;
  wxButton* send_back_button_;
  wxTimer poll_;
  std::vector<wire::QueueItem> queue_;
  std::set<std::int64_t> known_reviews_;
  bool loaded_once_ = false;
  std::optional<wire::ReviewView> current_;
  std::vector<Account> accounts_;
  std::vector<User> users_;
};

}  // namespace kanal::gui
