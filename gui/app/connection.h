#pragma once
// The app's link to kanald: which one (the local workspace's, started on
// demand, or a --server), the API client for it, and a health check every
// few seconds that drives connected / reconnecting / offline.

#include <wx/event.h>
#include <wx/timer.h>
#include <wx/window.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "api/client/api_client.h"
#include "core/error.h"
#include "core/executor.h"

namespace kanal::gui {

enum class ConnectionState { connecting, connected, reconnecting, offline };

struct ConnectionTarget {
  std::optional<client::Endpoint> remote;  // --server; else the local workspace
  std::filesystem::path data_dir;
  std::filesystem::path kanald_program;
};

// Who the app acts as: the desktop's owner (the local workspace token: the
// person logged in to this computer) until someone signs in with a password;
// then that person, until they sign out or the session ends — and then
// nobody, never the owner again by itself: the owner continues only by
// choosing to (use_owner()). kanald decides what each may do; the app shows
// only that (permissions()).
class Connection : public wxEvtHandler {
 public:
  using StateListener = std::function<void(ConnectionState, const wxString& detail)>;
  // Called when who the app acts as is known or changes; `note` says why
  // when it changed by itself (a session that ended).
  using IdentityListener = std::function<void(const wxString& note)>;

  Connection(wxWindow* owner, ConnectionTarget target, StateListener on_change);
  ~Connection() override;

  // Finds or starts kanald in the background; reports through the listener.
  void start();
  ConnectionState state() const { return state_; }
  // The client for the current kanald (null before the first connection).
  std::shared_ptr<client::ApiClient> api() const { return api_; }
  // Called when a request failed because kanald was unreachable: check now.
  void report_unreachable();

  void on_identity(IdentityListener listener) { on_identity_ = std::move(listener); }
  // Act as the person of `session` from now on.
  void use_session(const wire::SessionInfo& session);
  // End the session (or the owner's use): nobody is signed in.
  void sign_out();
  // The desktop's owner continues, by their own choice.
  void use_owner();
  // The workspace token was replaced: read it again now (after a check in
  // flight, which may have read the old one).
  void reread_owner_token();
  // This desktop's own workspace, whose token file the app reads (not --server).
  bool is_local() const { return !target_.remote; }
  bool signed_in_with_password() const { return session_.has_value(); }
  bool acting_as_owner() const { return !session_ && as_owner_; }
  // Nobody: signed out, or a session that ended.
  bool nobody_signed_in() const { return !session_ && !as_owner_; }
  // Whether this desktop has an owner to continue as (the local workspace's token).
  bool has_owner() const { return !owner_endpoint_.token.empty(); }
  // Who the app acts as and what they may do (empty until known).
  const std::optional<wire::Me>& me() const { return me_; }
  bool may(const std::string& permission) const;

 private:
  void on_connected(const client::Endpoint& endpoint, const wxString& version);
  void on_failed(const Error& error);
  void check();
  void set_state(ConnectionState state, const wxString& detail);
  void refresh_identity(const wxString& note = {});
  // Acts as `session_`, else the owner if as_owner_, else nobody.
  void use_current_token();

  wxWindow* owner_;
  ConnectionTarget target_;
  StateListener on_change_;
  ConnectionState state_ = ConnectionState::connecting;
  std::shared_ptr<client::ApiClient> api_;
  client::Endpoint owner_endpoint_;           // the workspace token's (or --server's)
  std::optional<wire::SessionInfo> session_;  // a password sign-in
  bool as_owner_ = true;                      // without a session: the owner's token (false: nobody)
  std::optional<wire::Me> me_;
  IdentityListener on_identity_;
  wxTimer timer_;
  int failures_ = 0;
  bool check_in_flight_ = false;
  bool check_again_ = false;  // a check was asked for while one was in flight
  std::shared_ptr<std::atomic<bool>> closing_ = std::make_shared<std::atomic<bool>>(false);
  std::unique_ptr<Executor> background_ = std::make_unique<Executor>(1);
};

}  // namespace kanal::gui
