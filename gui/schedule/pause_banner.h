#pragma once
// The banner across every view while publishing is paused: who paused it,
// when and why, and "Resume…". It asks kanald every few seconds, so every
// connected desktop shows a pause made on any of them; and it tells the
// person (a desktop notification) when a scheduled post is held.

#include <wx/panel.h>
#include <wx/timer.h>

#include <functional>
#include <set>

#include "api/wire/schedule.h"
#include "app/connection.h"
#include "app/desktop.h"

class wxButton;
class wxStaticText;

namespace kanal::gui {

class PauseBanner final : public wxPanel {
 public:
  using Notify = Desktop::Notify;
  // `changed` hears when the status changed (views may show held posts).
  PauseBanner(wxWindow* parent, Connection& connection, Notify notify, std::function<void()> changed);

  // Asks kanald now.
  void refresh();
  // Publishing › Pause publishing…: the reason dialog, then the pause.
  void pause();
  // "Resume…": lifts the pause shown; what fell due meanwhile is offered to publish now.
  void resume();
  const wire::PublishingStatus& status() const { return status_; }

 private:
  void show(wire::PublishingStatus status);

  Connection& connection_;
  Notify notify_;
  std::function<void()> changed_;
  wxStaticText* text_;
  wxButton* resume_;
  wxTimer timer_;
  wire::PublishingStatus status_;
  std::set<std::int64_t> held_known_;
  bool first_status_ = true;
  bool asking_ = false;
};

}  // namespace kanal::gui
