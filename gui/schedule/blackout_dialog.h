#pragma once
// "Blackout window…": a named period (first and last day, on a country's
// clock) in which all accounts, or chosen ones, publish nothing.

#include <wx/dialog.h>

#include "api/wire/schedule.h"
#include "core/domain.h"

class wxCheckListBox;
class wxDatePickerCtrl;
class wxTextCtrl;

namespace kanal::gui {

class BlackoutDialog final : public wxDialog {
 public:
  BlackoutDialog(wxWindow* parent, std::vector<Account> accounts, std::string zone);

  wire::BlackoutRequest request() const;
  void fill(const wxString& name, const std::string& first_day, const std::string& last_day);

 private:
  std::vector<Account> accounts_;
  std::string zone_;
  wxTextCtrl* name_;
  wxDatePickerCtrl* first_;
  wxDatePickerCtrl* last_;
  wxCheckListBox* chosen_;
};

}  // namespace kanal::gui
