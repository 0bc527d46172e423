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

class Connection : public wxEvtHandler {
 public:
  using StateListener = std::function<void(ConnectionState, const wxString& detail)>;

  Connection(wxWindow* owner, ConnectionTarget target, StateListener on_change);
  ~Connection() override;

  // Finds or starts kanald in the background; reports through the listener.
  void start();
  ConnectionState state() const { return state_; }
  // The client for the current kanald (null before the first connection).
  std::shared_ptr<client::ApiClient> api() const { return api_; }
  // Called when a request failed because kanald was unreachable: check now.
  void report_unreachable();

 private:
  void on_connected(const client::Endpoint& endpoint, const wxString& version);
  void on_failed(const Error& error);
  void check();
  void set_state(ConnectionState state, const wxString& detail);

  wxWindow* owner_;
  ConnectionTarget target_;
  StateListener on_change_;
  ConnectionState state_ = ConnectionState::connecting;
  std::shared_ptr<client::ApiClient> api_;
  wxTimer timer_;
  int failures_ = 0;
  bool check_in_flight_ = false;
  std::shared_ptr<std::atomic<bool>> closing_ = std::make_shared<std::atomic<bool>>(false);
  std::unique_ptr<Executor> background_ = std::make_unique<Executor>(1);
};

}  // namespace kanal::gui
