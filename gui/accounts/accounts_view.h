#pragma once
// The Accounts view: connected accounts with their network, health and
// followers; connect one (the form its network asks for: in the browser,
// with progress and a way to cancel, or with an app password; then the
// accounts to pick when a sign-in gives several), reconnect one that needs
// it, disconnect, refresh.

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/wire/networks.h"
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
  void reconnect_selected();
  void disconnect_selected();
  void cancel_connecting();
  // Who may do what on the selected account (admins).
  void edit_permissions();
  // A network's workspace settings, e.g. the X app's client (admins).
  void edit_network_settings();
  const std::vector<Account>& accounts() const { return accounts_; }

 private:
  void show(std::vector<Account> accounts);
  // Asks which network and how (preselected when connecting `again`), then connects.
  void ask_and_connect(const std::optional<Account>& again);
  // Starts signing in: the browser step, or the app password at once.
  void begin_connecting(const wire::ConnectRequest& request, const std::string& display_name);
  void choose_accounts(const wire::ConnectProgress& progress);
  void poll_connection();
  void show_progress(bool waiting, const wxString& text = {});
  void update_buttons();
  std::optional<Account> selected() const;

  Connection& connection_;
  StatusSink status_;
  BrowserOpener open_browser_;
  wxListCtrl* list_;
  wxStaticText* details_;  // the selected account's health in full (the column cuts it)
  wxButton* reconnect_;
  wxButton* disconnect_;
  wxButton* permissions_;
  wxButton* network_settings_;
  wxPanel* progress_;
  wxActivityIndicator* spinner_;
  wxStaticText* progress_text_;
  std::vector<Account> accounts_;
  std::vector<NetworkDescriptor> networks_;  // what kanald loaded: names and marks
  wxTimer poll_timer_;
  std::string waiting_for_;    // the connection attempt the browser is busy with
  std::string authorize_url_;  // to open again if the tab was closed
  int polls_left_ = 0;
};

}  // namespace kanal::gui
