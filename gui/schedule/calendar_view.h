#pragma once
// The Calendar view: the month or week of scheduled posts, coloured by
// account and marked by state, with the country's public holidays and the
// blackout windows. Drag a post to another day or time to reschedule it
// (kanald checks approvals and blackouts again); double-click to open it.
// Import a CSV of posts, export the schedule as iCalendar, add a blackout
// window, pause publishing.

#include <wx/panel.h>

#include <functional>

#include "app/connection.h"
#include "app/desktop.h"
#include "schedule/calendar_grid.h"

class wxChoice;
class wxStaticText;

namespace kanal::gui {

class CalendarView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  CalendarView(wxWindow* parent, Connection& connection, StatusSink status, Desktop desktop,
               std::function<void(PostId)> open_post, std::function<void()> pause);

  void reload();
  void show_span(CalendarContents::Span span);
  // Moves the period shown by `steps` months or weeks (0: back to today).
  void go(int steps);
  void show_day(date::local_days day);
  // Reschedules `entry` to `to` on the calendar's clock, as dropping it does.
  void move(const wire::CalendarEntry& entry, scheduling::LocalTime to);
  void import_csv();
  void export_ical();
  void add_blackout();
  // How late a post may still go out after Kanal was not running (admins).
  void set_catch_up();

  CalendarGrid& grid() { return *grid_; }
  const std::string& zone() const;

 private:
  void load();
  date::local_days first_day() const;

  Connection& connection_;
  StatusSink status_;
  Desktop desktop_;
  std::function<void(PostId)> open_post_;
  wxChoice* span_;
  wxChoice* country_;
  wxStaticText* title_;
  CalendarGrid* grid_;
  CalendarContents::Span span_shown_ = CalendarContents::Span::month;
  date::local_days anchor_;  // a day in the period shown
  int generation_ = 0;       // answers to an older load are dropped
};

}  // namespace kanal::gui
