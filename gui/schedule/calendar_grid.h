#pragma once
// The calendar itself: a week (days as columns, hours down) or a month
// (weeks as rows), with public holidays and blackout windows shaded and
// each scheduled post as a block in its account's colour, marked by its
// state. A block that still waits for its time can be dragged to another
// day (and, in the week, another time); the grid says where it was dropped
// and the view reschedules it.

#include <wx/window.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/wire/schedule.h"
#include "scheduling/wall_clock.h"

namespace kanal::gui {

struct CalendarContents {
  enum class Span { week, month };
  Span span = Span::month;
  date::local_days first_day;  // a Monday
  std::string zone;            // the clock the grid shows
  std::vector<wire::CalendarEntry> entries;
  std::map<date::local_days, std::string> holidays;
  std::vector<wire::BlackoutInfo> blackouts;
  std::map<std::int64_t, wxColour> account_colours;

  int days() const { return span == Span::week ? 7 : 42; }
};

class CalendarGrid final : public wxWindow {
 public:
  // A block dropped on another moment (on the grid's clock).
  using MoveHandler = std::function<void(const wire::CalendarEntry&, scheduling::LocalTime moved_to)>;
  using OpenHandler = std::function<void(PostId)>;
  CalendarGrid(wxWindow* parent, MoveHandler on_move, OpenHandler on_open);

  void show(CalendarContents contents);
  const CalendarContents& contents() const { return contents_; }

  // Where things are drawn, in client coordinates (for tests and tooltips).
  std::optional<wxRect> block_rect(PostId post) const;
  wxRect day_rect(date::local_days day) const;

 private:
  struct Placed {
    std::size_t entry;
    wxRect rect;
  };
  void on_paint(wxPaintEvent& event);
  void on_mouse_down(wxMouseEvent& event);
  void on_mouse_move(wxMouseEvent& event);
  void on_mouse_up(wxMouseEvent& event);
  void place_blocks();
  // The moment under `point`: a day, and in the week view a time (15-minute steps).
  std::optional<scheduling::LocalTime> moment_at(wxPoint point, std::chrono::minutes keep_time) const;
  const Placed* block_at(wxPoint point) const;
  int header_height() const;
  std::chrono::minutes time_of(const wire::CalendarEntry& entry) const;
  date::local_days day_of(const wire::CalendarEntry& entry) const;

  MoveHandler on_move_;
  OpenHandler on_open_;
  CalendarContents contents_;
  std::vector<Placed> placed_;
  std::optional<std::size_t> pressed_;  // the block the mouse went down on
  wxPoint press_point_;
  bool dragging_ = false;
  wxPoint drag_point_;
};

// The colour of a post's state on the calendar, and the state in words.
wxString calendar_state_label(const wire::CalendarEntry& entry);

}  // namespace kanal::gui
