#pragma once
// Who may do what on one account: open to every role (the default), or
// only the people ticked, each with what they may do there — draft,
// publish, approve, answer, moderate. The director's own account is
// usually the director's.

#include <wx/checkbox.h>
#include <wx/dataview.h>
#include <wx/dialog.h>

#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::gui {

class AccountPermissionsDialog final : public wxDialog {
 public:
  AccountPermissionsDialog(wxWindow* parent, const Account& account, std::vector<User> users,
                           const std::vector<AccountGrant>& grants);

  // Empty when the account is open to every role.
  std::vector<AccountGrant> grants() const;
  // What a person ticks (tests use these too).
  void set_restricted(bool restricted);
  void set_capability(UserId user, const std::string& capability, bool allowed);

  static const std::vector<std::string>& capabilities();

 private:
  wxCheckBox* restricted_;
  wxDataViewListCtrl* grid_;
  std::vector<User> users_;
};

}  // namespace kanal::gui
