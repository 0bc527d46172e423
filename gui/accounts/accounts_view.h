#pragma once
// The Accounts view: connected accounts with their health and followers;
// connect one (the network's page opens in the browser), disconnect, refresh.

#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/timer.h>

#include <functional>
#include <string>
#include <vector>

#include "app/connection.h"
#include "core/domain.h"

namespace kanal::gui {

// Opens a URL for the person at the desk (the system browser by default).
using BrowserOpener = std::function<void(const std::string& url)>;

class AccountsView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;

  AccountsView(wxWindow* parent, Connection& connection, StatusSink status, BrowserOpener open_browser);

  void reload();
  void connect_account();
  void disconnect_selected();
  const std::vector<Account>& accounts() const { return accounts_; }

 private:
  void show(std::vector<Account> accounts);
  void poll_connection();

  Connection& connection_;
  StatusSink status_;
  BrowserOpener open_browser_;
  wxListCtrl* list_;
  std::vector<Account> accounts_;
  wxTimer poll_timer_;
  std::string waiting_for_;  // the connection attempt the browser is busy with
  int polls_left_ = 0;
};

}  // namespace kanal::gui
