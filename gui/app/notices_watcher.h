#pragma once
// Tells the signed-in person what others did to the posts they wrote — a
// colleague's edit that voided its approvals, an approval, a sending back,
// a post out or failed — as desktop notifications; a click opens the post.
// kanald decides what counts (GET /api/v1/me/notices); this only asks and
// says it.

#include <wx/timer.h>
#include <wx/window.h>

#include <functional>
#include <optional>

#include "app/connection.h"
#include "app/desktop.h"

namespace kanal::gui {

class NoticesWatcher {
 public:
  NoticesWatcher(wxWindow* owner, Connection& connection, Desktop::Notify notify,
                 std::function<void(PostId)> open_post);

 private:
  void ask();

  wxWindow* owner_;
  Connection& connection_;
  Desktop::Notify notify_;
  std::function<void(PostId)> open_post_;
  wxTimer timer_;
  std::optional<UserId> listening_for_;  // whose notices the cursor is of
  std::int64_t after_ = 0;
  bool catching_up_ = false;  // reading past what was there before, telling none of it
  bool asking_ = false;
};

// A notice in words, for its notification.
wxString notice_text(const wire::Notice& notice);

}  // namespace kanal::gui
