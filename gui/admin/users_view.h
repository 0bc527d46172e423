#pragma once
// The Users view (admins): the workspace's people with their roles; add a
// person with a first password, change a role, disable or enable, reset a
// password. kanald records each change in the audit trail and keeps one
// enabled admin.

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>

#include <functional>
#include <vector>

#include "app/connection.h"

namespace kanal::gui {

class UsersView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  UsersView(wxWindow* parent, Connection& connection, StatusSink status);

  void reload();
  void add_user();
  void change_role();
  void toggle_disabled();
  void reset_password();

 private:
  void show(std::vector<User> users);
  const User* selected() const;
  void update_buttons();
  void after_change(Future<User> change, const wxString& done);

  Connection& connection_;
  StatusSink status_;
  wxListCtrl* list_;
  wxButton* role_button_;
  wxButton* disable_button_;
  wxButton* password_button_;
  std::vector<User> users_;
};

// The roles in the order people choose from, with their names in words.
const std::vector<std::pair<Role, wxString>>& role_names();

}  // namespace kanal::gui
