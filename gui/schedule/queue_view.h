#pragma once
// The Queue view: one account's queue — its weekly slots ("mon 09:00,
// wed 12:30" on a zone's clock; "Add to queue" in Drafts takes the next
// free one) and what waits to go out from it, in order; unschedule a post,
// or publish a held one now.

#include <wx/panel.h>

#include <functional>
#include <vector>

#include "api/wire/schedule.h"
#include "app/connection.h"

class wxButton;
class wxChoice;
class wxListCtrl;
class wxTextCtrl;

namespace kanal::gui {

class QueueView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  QueueView(wxWindow* parent, Connection& connection, StatusSink status);

  void reload();
  void save_slots();
  void unschedule_selected();
  void publish_selected();

 private:
  void load_account();
  std::optional<AccountId> account() const;
  const wire::CalendarEntry* selected() const;

  Connection& connection_;
  StatusSink status_;
  wxChoice* account_;
  wxTextCtrl* slots_;
  wxChoice* zone_;
  wxListCtrl* list_;
  wxButton* unschedule_;
  wxButton* publish_;
  std::vector<Account> accounts_;
  std::vector<wire::CalendarEntry> entries_;
};

}  // namespace kanal::gui
