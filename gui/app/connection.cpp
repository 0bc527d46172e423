#include "app/connection.h"

#include <wx/intl.h>

#include <algorithm>
#include <utility>

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

void Connection::reread_owner_token() {
  if (check_in_flight_) {
    check_again_ = true;
  } else {
    check();
  }
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
        if (std::exchange(check_again_, false)) check();
      },
      [this](const Error& error) {
        check_in_flight_ = false;
        on_failed(error);
        if (std::exchange(check_again_, false)) check();
      });
}

void Connection::on_connected(const client::Endpoint& endpoint, const wxString& version) {
  failures_ = 0;
  owner_endpoint_ = endpoint;
  auto wanted = endpoint;
  if (session_) {
    wanted.token = session_->token;
  } else if (!as_owner_) {
    wanted.token.clear();  // nobody: kanald answers 401 until someone signs in
  }
  const bool changed = !api_ || api_->endpoint().url != wanted.url || api_->endpoint().token != wanted.token;
  if (changed) api_ = std::make_shared<client::ApiClient>(wanted, 2);
  set_state(ConnectionState::connected, wxString::Format(_("Connected to kanald %s"), version));
  // A session can end at any time (it expires, an admin disables the user): look each time.
  if (changed || session_ || (!me_ && as_owner_)) refresh_identity();
}

void Connection::use_current_token() {
  auto endpoint = owner_endpoint_;
  if (session_) {
    endpoint.token = session_->token;
  } else if (!as_owner_) {
    endpoint.token.clear();
  }
  api_ = std::make_shared<client::ApiClient>(endpoint, 2);
  me_.reset();
}

void Connection::use_session(const wire::SessionInfo& session) {
  session_ = session;
  use_current_token();
  refresh_identity();
}

void Connection::use_owner() {
  session_.reset();
  as_owner_ = true;
  use_current_token();
  refresh_identity();
}

void Connection::sign_out() {
  if (session_ && api_) api_->sign_out();  // ends the session in kanald; nothing waits for the answer
  session_.reset();
  as_owner_ = false;
  use_current_token();
  if (on_identity_) on_identity_(_("Signed out. Sign in to continue."));
}

bool Connection::may(const std::string& permission) const {
  if (!me_) return false;
  return std::find(me_->permissions.begin(), me_->permissions.end(), permission) != me_->permissions.end();
}

void Connection::refresh_identity(const wxString& note) {
  auto api = api_;
  if (!api) return;
  then_on_window(
      owner_, api->me(),
      [this, api, note](wire::Me& me) {
        if (api != api_) return;  // someone signed in or out meanwhile
        const bool same =
            me_ && me_->user.id == me.user.id && me_->user.role == me.user.role && me_->permissions == me.permissions;
        me_ = me;
        if (!same && on_identity_) on_identity_(note);
      },
      [this, api](const Error& error) {
        if (api != api_ || error.code() != ErrorCode::unauthorized) return;
        const bool session_ended = session_.has_value();
        // The session ended (it expired, or an admin disabled the user), or
        // the owner's token is refused: nobody is signed in, and nobody
        // takes their place by themselves.
        session_.reset();
        as_owner_ = false;
        use_current_token();
        if (on_identity_) {
          on_identity_(session_ended ? _("Your session has ended. Sign in to continue.")
                                     : _("Sign in to use Kanal's service."));
        }
      });
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
