#pragma once
// The main window: a sidebar of views, the view, and a status bar with the
// connection to kanald. Only views that work are listed.

#include <wx/frame.h>
#include <wx/infobar.h>
#include <wx/listbox.h>
#include <wx/simplebook.h>

#include <functional>
#include <memory>
#include <string>

#include "app/connection.h"
#include "app/desktop.h"

namespace kanal::gui {

class AccountsView;
class AuditView;
class DraftsView;

class MainFrame final : public wxFrame {
 public:
  explicit MainFrame(ConnectionTarget target, Desktop desktop = Desktop::system());
  ~MainFrame() override;

  Connection& connection() { return *connection_; }
  DraftsView& drafts() { return *drafts_; }
  AccountsView& accounts() { return *accounts_; }
  AuditView& audit() { return *audit_; }

 private:
  void build_menus();
  void on_connection(ConnectionState state, const wxString& detail);
  void on_close(wxCloseEvent& event);
  void show_about();

  std::unique_ptr<Connection> connection_;
  wxInfoBar* banner_ = nullptr;
  wxListBox* sidebar_ = nullptr;
  wxSimplebook* views_ = nullptr;
  DraftsView* drafts_ = nullptr;
  AccountsView* accounts_ = nullptr;
  AuditView* audit_ = nullptr;
  bool was_connected_ = false;
  bool ever_connected_ = false;
  bool start_error_shown_ = false;
};

}  // namespace kanal::gui
