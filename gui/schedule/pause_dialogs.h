#pragma once
// The two dialogs of a crisis pause: pausing (a reason is required; all
// accounts or chosen ones) and resuming (what fell due meanwhile is held:
// tick what to publish now; the rest stays held for a new time).

#include <wx/dialog.h>

#include <vector>

#include "api/wire/schedule.h"
#include "core/domain.h"

class wxCheckListBox;
class wxRadioButton;
class wxTextCtrl;

namespace kanal::gui {

class PauseDialog final : public wxDialog {
 public:
  PauseDialog(wxWindow* parent, std::vector<Account> accounts);

  wire::PauseRequest request() const;
  // For tests, as a person would: the reason, and the accounts (none: all).
  void fill(const wxString& reason, const std::vector<AccountId>& only = {});

 private:
  std::vector<Account> accounts_;
  wxTextCtrl* reason_;
  wxRadioButton* all_;
  wxRadioButton* some_;
  wxCheckListBox* chosen_;
};

class ResumeDialog final : public wxDialog {
 public:
  ResumeDialog(wxWindow* parent, std::vector<wire::ScheduleInfo> overdue);

  // The posts ticked to publish now.
  std::vector<wire::ScheduleInfo> to_publish() const;
  void tick_all();

 private:
  std::vector<wire::ScheduleInfo> overdue_;
  wxCheckListBox* list_;
};

}  // namespace kanal::gui
