#include "schedule/calendar_grid.h"

#include <wx/control.h>
#include <wx/dcbuffer.h>
#include <wx/intl.h>
#include <wx/settings.h>

#include <algorithm>

#include "core/time.h"

namespace kanal::gui {
namespace {

constexpr int kFirstHour = 6;  // the week shows 06:00–22:00
constexpr int kLastHour = 22;
constexpr auto kDragStep = std::chrono::minutes(15);

const wxColour kHoliday(0xFB, 0xE3, 0xE3);
const wxColour kBlackout(0xDD, 0xDD, 0xDD);
const wxColour kHeld(0xE0, 0x7B, 0x00);
const wxColour kFailed(0xC6, 0x28, 0x28);

bool waits_for_its_time(const wire::CalendarEntry& entry) {
  return entry.schedule.state == "scheduled" || entry.schedule.state == "held";
}

wxString weekday_label(date::weekday day) {
  static const wxString names[] = {_("Sun"), _("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat")};
  return names[day.c_encoding()];
}

}  // namespace

wxString calendar_state_label(const wire::CalendarEntry& entry) {
  const auto& state = entry.schedule.state;
  if (state == "held") return _("held");
  if (state == "queued") {
    if (entry.post_state == "published" && entry.likes) {
      return wxString::Format(_("published, %lld likes"), static_cast<long long>(*entry.likes));
    }
    if (entry.post_state == "published") return _("published");
    if (entry.post_state == "failed") return _("failed");
    return _("publishing");
  }
  if (!entry.schedule.approval_note.empty()) return _("awaiting approval");
  if (entry.post_state == "draft") return _("draft, scheduled");
  return _("scheduled");
}

CalendarGrid::CalendarGrid(wxWindow* parent, MoveHandler on_move, OpenHandler on_open)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE | wxWANTS_CHARS,
               "calendar_grid"),
      on_move_(std::move(on_move)),
      on_open_(std::move(on_open)) {
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  SetMinSize(FromDIP(wxSize(600, 360)));
  Bind(wxEVT_PAINT, &CalendarGrid::on_paint, this);
  Bind(wxEVT_LEFT_DOWN, &CalendarGrid::on_mouse_down, this);
  Bind(wxEVT_MOTION, &CalendarGrid::on_mouse_move, this);
  Bind(wxEVT_LEFT_UP, &CalendarGrid::on_mouse_up, this);
  Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) {
    pressed_.reset();  // a dialog took the mouse mid-drag: nothing moves
    dragging_ = false;
    Refresh();
  });
  Bind(wxEVT_LEFT_DCLICK, [this](wxMouseEvent& event) {
    if (const auto* block = block_at(event.GetPosition()); block && on_open_) {
      on_open_(contents_.entries[block->entry].schedule.post);
    }
  });
  Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    place_blocks();
    event.Skip();
  });
}

void CalendarGrid::show(CalendarContents contents) {
  contents_ = std::move(contents);
  pressed_.reset();
  dragging_ = false;
  place_blocks();
  Refresh();
}

int CalendarGrid::header_height() const { return FromDIP(24); }

std::chrono::minutes CalendarGrid::time_of(const wire::CalendarEntry& entry) const {
  const auto local = scheduling::to_local(entry.schedule.due_at, contents_.zone);
  return std::chrono::duration_cast<std::chrono::minutes>(local - date::floor<date::days>(local));
}

date::local_days CalendarGrid::day_of(const wire::CalendarEntry& entry) const {
  return date::floor<date::days>(scheduling::to_local(entry.schedule.due_at, contents_.zone));
}

wxRect CalendarGrid::day_rect(date::local_days day) const {
  const auto size = GetClientSize();
  const int gutter = contents_.span == CalendarContents::Span::week ? FromDIP(44) : 0;
  const int index = static_cast<int>((day - contents_.first_day).count());
  const int column_width = (size.x - gutter) / 7;
  const int column = index % 7;
  if (contents_.span == CalendarContents::Span::week) {
    return wxRect(gutter + column * column_width, header_height(), column_width, size.y - header_height());
  }
  const int row_height = (size.y - header_height()) / 6;
  return wxRect(column * column_width, header_height() + (index / 7) * row_height, column_width, row_height);
}

void CalendarGrid::place_blocks() {
  placed_.clear();
  const int line = FromDIP(17);
  std::map<int, int> stacked;  // day index → blocks placed in its cell (month)
  for (std::size_t i = 0; i < contents_.entries.size(); ++i) {
    const auto& entry = contents_.entries[i];
    const auto day = day_of(entry);
    const auto index = (day - contents_.first_day).count();
    if (index < 0 || index >= contents_.days()) continue;
    const auto cell = day_rect(day);
    if (contents_.span == CalendarContents::Span::week) {
      const double hour_height = static_cast<double>(cell.height) / (kLastHour - kFirstHour);
      const double hours = std::clamp(static_cast<double>(time_of(entry).count()) / 60.0 - kFirstHour, 0.0,
                                      kLastHour - kFirstHour - 0.5);
      const int top = cell.y + static_cast<int>(hours * hour_height);
      // Posts at the same time share the column side by side.
      int beside = 0;
      for (const auto& other : placed_) {
        if (other.rect.y == top && other.rect.x >= cell.x && other.rect.x < cell.GetRight()) ++beside;
      }
      const int width = std::max(cell.width / (beside + 1) - 2, FromDIP(20));
      placed_.push_back({i, wxRect(cell.x + 1 + beside * (width + 1), top, beside == 0 ? cell.width - 2 : width,
                                   std::max(line, int(hour_height / 2)))});
    } else {
      const int n = stacked[static_cast<int>(index)]++;
      const int top = cell.y + line + 2 + n * (line + 1);
      if (top + line > cell.GetBottom()) continue;  // the cell is full; the count says how many
      placed_.push_back({i, wxRect(cell.x + 2, top, cell.width - 4, line)});
    }
  }
}

const CalendarGrid::Placed* CalendarGrid::block_at(wxPoint point) const {
  for (auto it = placed_.rbegin(); it != placed_.rend(); ++it) {
    if (it->rect.Contains(point)) return &*it;
  }
  return nullptr;
}

std::optional<wxRect> CalendarGrid::block_rect(PostId post) const {
  for (const auto& placed : placed_) {
    if (contents_.entries[placed.entry].schedule.post == post) return placed.rect;
  }
  return std::nullopt;
}

std::optional<scheduling::LocalTime> CalendarGrid::moment_at(wxPoint point, std::chrono::minutes keep_time) const {
  for (int i = 0; i < contents_.days(); ++i) {
    const auto day = contents_.first_day + date::days{i};
    const auto cell = day_rect(day);
    if (!cell.Contains(point)) continue;
    if (contents_.span == CalendarContents::Span::month) return scheduling::LocalTime{day} + keep_time;
    const double hour_height = static_cast<double>(cell.height) / (kLastHour - kFirstHour);
    const auto minutes = std::chrono::minutes(static_cast<int>((kFirstHour + (point.y - cell.y) / hour_height) * 60.0) /
                                              kDragStep.count() * kDragStep.count());
    return scheduling::LocalTime{day} + minutes;
  }
  return std::nullopt;
}

void CalendarGrid::on_mouse_down(wxMouseEvent& event) {
  SetFocus();
  const auto* block = block_at(event.GetPosition());
  pressed_ = block ? std::optional<std::size_t>(block->entry) : std::nullopt;
  press_point_ = event.GetPosition();
  dragging_ = false;
  if (pressed_) CaptureMouse();
}

void CalendarGrid::on_mouse_move(wxMouseEvent& event) {
  if (!pressed_ || !event.LeftIsDown()) {
    const auto* block = block_at(event.GetPosition());
    SetCursor(block && waits_for_its_time(contents_.entries[block->entry]) ? wxCursor(wxCURSOR_HAND) : wxNullCursor);
    return;
  }
  const auto moved = event.GetPosition() - press_point_;
  if (!dragging_ && std::abs(moved.x) + std::abs(moved.y) > FromDIP(6) &&
      waits_for_its_time(contents_.entries[*pressed_])) {
    dragging_ = true;
  }
  if (dragging_) {
    drag_point_ = event.GetPosition();
    Refresh();
  }
}

void CalendarGrid::on_mouse_up(wxMouseEvent& event) {
  if (HasCapture()) ReleaseMouse();
  const auto pressed = pressed_;
  const bool dragged = dragging_;
  pressed_.reset();
  dragging_ = false;
  Refresh();
  if (!pressed || !dragged) return;
  const auto& entry = contents_.entries[*pressed];
  const auto to = moment_at(event.GetPosition(), time_of(entry));
  if (!to) return;
  const auto from = scheduling::to_local(entry.schedule.due_at, contents_.zone);
  if (date::floor<std::chrono::minutes>(from) == date::floor<std::chrono::minutes>(*to)) return;
  if (on_move_) on_move_(entry, *to);
}

void CalendarGrid::on_paint(wxPaintEvent&) {
  wxAutoBufferedPaintDC dc(this);
  const auto size = GetClientSize();
  const wxColour background = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
  const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
  const wxColour grid = wxSystemSettings::GetColour(wxSYS_COLOUR_3DLIGHT);
  dc.SetBackground(wxBrush(background));
  dc.Clear();
  if (contents_.zone.empty()) return;
  dc.SetFont(GetFont());
  const bool week = contents_.span == CalendarContents::Span::week;
  const auto today = date::floor<date::days>(scheduling::to_local(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()), contents_.zone));
  const auto month_shown = date::year_month_day{contents_.first_day + date::days{10}}.month();

  for (int i = 0; i < contents_.days(); ++i) {
    const auto day = contents_.first_day + date::days{i};
    const auto cell = day_rect(day);
    const auto day_start = scheduling::to_utc(scheduling::LocalTime{day}, contents_.zone);
    const auto day_end = scheduling::to_utc(scheduling::LocalTime{day + date::days{1}}, contents_.zone);
    const auto holiday = contents_.holidays.find(day);
    bool blacked_out = false;
    for (const auto& blackout : contents_.blackouts) {
      blacked_out = blacked_out || (blackout.starts_at < day_end && day_start < blackout.ends_at);
    }
    dc.SetPen(wxPen(grid));
    dc.SetBrush(wxBrush(holiday != contents_.holidays.end() ? kHoliday : background));
    dc.DrawRectangle(cell);
    if (blacked_out) {
      dc.SetBrush(wxBrush(kBlackout, wxBRUSHSTYLE_BDIAGONAL_HATCH));
      dc.DrawRectangle(cell);
    }
    const date::year_month_day ymd{day};
    wxString label = week ? weekday_label(date::weekday{day}) + wxString::Format(" %u", unsigned(ymd.day()))
                          : wxString::Format("%u", unsigned(ymd.day()));
    if (holiday != contents_.holidays.end()) label += "  " + wxString::FromUTF8(holiday->second);
    dc.SetTextForeground(!week && ymd.month() != month_shown ? grid.ChangeLightness(70) : text);
    if (holiday != contents_.holidays.end()) dc.SetTextForeground(kFailed);
    wxFont font = GetFont();
    if (day == today) font.MakeBold();
    dc.SetFont(font);
    const wxRect label_rect = week ? wxRect(cell.x, 0, cell.width, header_height()) : cell;
    dc.DrawText(wxControl::Ellipsize(label, dc, wxELLIPSIZE_END, label_rect.width - 6), label_rect.x + 3,
                label_rect.y + 2);
    dc.SetFont(GetFont());
  }
  if (week) {
    const auto first = day_rect(contents_.first_day);
    const double hour_height = static_cast<double>(first.height) / (kLastHour - kFirstHour);
    dc.SetTextForeground(text);
    for (int hour = kFirstHour; hour < kLastHour; ++hour) {
      const int y = first.y + static_cast<int>((hour - kFirstHour) * hour_height);
      dc.SetPen(wxPen(grid, 1, wxPENSTYLE_DOT));
      dc.DrawLine(first.x, y, size.x, y);
      dc.DrawText(wxString::Format("%02d:00", hour), 4, y + 1);
    }
  } else {
    dc.SetTextForeground(text);
    for (int column = 0; column < 7; ++column) {
      const auto cell = day_rect(contents_.first_day + date::days{column});
      dc.DrawText(weekday_label(date::weekday{contents_.first_day + date::days{column}}), cell.x + 3, 4);
    }
  }

  for (const auto& placed : placed_) {
    const auto& entry = contents_.entries[placed.entry];
    const auto account = entry.schedule.accounts.empty() ? 0 : entry.schedule.accounts.front().value;
    auto colour =
        contents_.account_colours.count(account) ? contents_.account_colours.at(account) : wxColour(90, 90, 90);
    const auto state = calendar_state_label(entry);
    if (entry.post_state == "published") colour = colour.ChangeLightness(150);
    wxPen border(colour.ChangeLightness(70), 1);
    if (entry.schedule.state == "held") border = wxPen(kHeld, 3);
    if (entry.post_state == "failed") border = wxPen(kFailed, 3);
    if (!entry.schedule.approval_note.empty() && entry.schedule.state == "scheduled") {
      border = wxPen(colour.ChangeLightness(50), 2, wxPENSTYLE_SHORT_DASH);
      colour = colour.ChangeLightness(160);
    }
    dc.SetPen(border);
    dc.SetBrush(wxBrush(colour));
    dc.DrawRoundedRectangle(placed.rect, 3);
    const auto minutes = time_of(entry).count();
    const wxString label = wxString::Format("%02d:%02d ", int(minutes / 60), int(minutes % 60)) +
                           wxString::FromUTF8(entry.title) + " (" + state + ")";
    dc.SetTextForeground(colour.GetLuminance() < 0.55 ? *wxWHITE : *wxBLACK);
    dc.SetClippingRegion(placed.rect);
    dc.DrawText(wxControl::Ellipsize(label, dc, wxELLIPSIZE_END, placed.rect.width - 6), placed.rect.x + 3,
                placed.rect.y + 1);
    dc.DestroyClippingRegion();
  }
  if (!week) {
    // Cells with more posts than fit say how many more.
    std::map<long, int> shown, total;
    for (const auto& placed : placed_) ++shown[(day_of(contents_.entries[placed.entry]) - contents_.first_day).count()];
    for (const auto& entry : contents_.entries) ++total[(day_of(entry) - contents_.first_day).count()];
    for (const auto& [index, count] : total) {
      if (index < 0 || index >= contents_.days() || count <= shown[index]) continue;
      const auto cell = day_rect(contents_.first_day + date::days{index});
      dc.SetTextForeground(text);
      dc.DrawText(wxString::Format(_("+%d more"), count - shown[index]), cell.x + 4, cell.GetBottom() - FromDIP(16));
    }
  }
  if (dragging_ && pressed_) {
    // Where the block would land.
    const auto to = moment_at(drag_point_, time_of(contents_.entries[*pressed_]));
    if (to) {
      const auto cell = day_rect(date::floor<date::days>(*to));
      dc.SetPen(wxPen(text, 2, wxPENSTYLE_DOT));
      dc.SetBrush(*wxTRANSPARENT_BRUSH);
      dc.DrawRectangle(wxRect(cell).Deflate(2));
    }
  }
}

}  // namespace kanal::gui
