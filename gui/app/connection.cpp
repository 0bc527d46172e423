#include "app/connection.h"

#include <wx/intl.h>

#include "app/async.h"
#include "app/local_kanald.h"

namespace kanal::gui {
namespace {

constexpr int kCheckIntervalMs = 3000;
constexpr int kFailuresBeforeOffline = 3;

struct Connected {
  client::Endpoint endpoint;
  std::string version;
};

}  // namespace

Connection::Connection(wxWindow* owner, ConnectionTarget target, StateListener on_change)
    : owner_(owner), target_(std::move(target)), on_change_(std::move(on_change)), timer_(this) {
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { check(); });
}

Connection::~Connection() {
  *closing_ = true;  // a kanald start in progress gives up at its next step
  timer_.Stop();
  background_.reset();
}

void Connection::start() {
  set_state(ConnectionState::connecting, target_.remote ? _("Connecting…") : _("Starting Kanal's service…"));
  check();
  timer_.Start(kCheckIntervalMs);
}

void Connection::report_unreachable() {
  if (state_ == ConnectionState::connected) set_state(ConnectionState::reconnecting, _("Reconnecting…"));
  check();
}

void Connection::check() {
  if (check_in_flight_) return;
  check_in_flight_ = true;
  auto work = background_->submit([target = target_, closing = closing_]() {
    client::Endpoint endpoint;
    if (target.remote) {
      endpoint = *target.remote;
    } else {
      // A local kanald that went away is started again: posts are scheduled on it.
      endpoint = ensure_local_kanald({target.data_dir, target.kanald_program, std::chrono::seconds(30)},
                                     [closing](const std::string&) {
                                       if (*closing) throw Error(ErrorCode::unreachable, "the app is closing");
                                     });
    }
    client::ApiClient api(endpoint, 1, std::chrono::seconds(3));
    auto info = api.version().get();
    return Connected{endpoint, info.version + " (" + info.mode + ")"};
  });
  then_on_window(
      owner_, std::move(work),
      [this](Connected& connected) {
        check_in_flight_ = false;
        on_connected(connected.endpoint, wxString::FromUTF8(connected.version));
      },
      [this](const Error& error) {
        check_in_flight_ = false;
        on_failed(error);
      });
}

void Connection::on_connected(const client::Endpoint& endpoint, const wxString& version) {
  failures_ = 0;
  if (!api_ || api_->endpoint().url != endpoint.url || api_->endpoint().token != endpoint.token) {
    api_ = std::make_shared<client::ApiClient>(endpoint, 2);
  }
  set_state(ConnectionState::connected, wxString::Format(_("Connected to kanald %s"), version));
}

void Connection::on_failed(const Error& error) {
  ++failures_;
  const auto detail = wxString::FromUTF8(error.detail());
  if (state_ == ConnectionState::connecting && failures_ == 1) {
    set_state(ConnectionState::offline, detail);
  } else if (failures_ >= kFailuresBeforeOffline) {
    set_state(ConnectionState::offline, _("Offline: ") + detail);
  } else {
    set_state(ConnectionState::reconnecting, _("Reconnecting…"));
  }
}

void Connection::set_state(ConnectionState state, const wxString& detail) {
  state_ = state;
  if (on_change_) on_change_(state, detail);
}

}  // namespace kanal::gui
