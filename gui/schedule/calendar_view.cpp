#include "schedule/calendar_view.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/numdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <fstream>
#include <sstream>

#include "app/async.h"
#include "app/error_dialog.h"
#include "schedule/blackout_dialog.h"
#include "schedule/zones.h"
#include "scheduling/time_words.h"

namespace kanal::gui {
namespace {

// Colours told apart by people with the common colour-vision deficiencies.
const wxColour kAccountColours[] = {{0x00, 0x72, 0xB2}, {0xE6, 0x9F, 0x00}, {0x00, 0x9E, 0x73}, {0xCC, 0x79, 0xA7},
                                    {0x56, 0xB4, 0xE9}, {0xD5, 0x5E, 0x00}, {0x44, 0x44, 0x44}, {0xF0, 0xE4, 0x42}};

date::local_days today_in(const std::string& zone) {
  return date::floor<date::days>(scheduling::to_local(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()), zone));
}

date::local_days monday_on_or_before(date::local_days day) { return day - (date::weekday{day} - date::Monday); }

wxString month_name(unsigned month) {
  static const wxString names[] = {_("January"),   _("February"), _("March"),    _("April"),
                                   _("May"),       _("June"),     _("July"),     _("August"),
                                   _("September"), _("October"),  _("November"), _("December")};
  return names[(month - 1) % 12];
}

}  // namespace

CalendarView::CalendarView(wxWindow* parent, Connection& connection, StatusSink status, Desktop desktop,
                           std::function<void(PostId)> open_post, std::function<void()> pause)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "calendar_view"),
      connection_(connection),
      status_(std::move(status)),
      desktop_(std::move(desktop)),
      open_post_(std::move(open_post)) {
  span_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                       "calendar_span");
  span_->Append(_("Month"));
  span_->Append(_("Week"));
  span_->SetSelection(0);
  auto* previous = new wxButton(this, wxID_ANY, "\u25C0", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                                wxDefaultValidator, "calendar_previous");
  auto* today = new wxButton(this, wxID_ANY, _("Today"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             "calendar_today");
  auto* next = new wxButton(this, wxID_ANY, "\u25B6", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                            wxDefaultValidator, "calendar_next");
  title_ = new wxStaticText(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, "calendar_title");
  title_->SetFont(title_->GetFont().Scaled(1.3f).Bold());
  country_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                          "calendar_country");
  for (const auto& country : countries()) country_->Append(wxGetTranslation(country.name));
  country_->SetSelection(0);
  auto* import = new wxButton(this, wxID_ANY, _("&Import CSV…"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, "import_csv");
  auto* export_button = new wxButton(this, wxID_ANY, _("&Export iCalendar…"), wxDefaultPosition, wxDefaultSize, 0,
                                     wxDefaultValidator, "export_ical");
  auto* blackout = new wxButton(this, wxID_ANY, _("&Blackout window…"), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, "add_blackout");
  auto* pause_button = new wxButton(this, wxID_ANY, _("&Pause publishing…"), wxDefaultPosition, wxDefaultSize, 0,
                                    wxDefaultValidator, "pause_publishing");
  pause_button->SetForegroundColour(wxColour(0xB7, 0x1C, 0x1C));
  grid_ = new CalendarGrid(
      this, [this](const wire::CalendarEntry& entry, scheduling::LocalTime to) { move(entry, to); },
      [this](PostId post) {
        if (open_post_) open_post_(post);
      });
  auto* legend = new wxStaticText(this, wxID_ANY,
                                  _("Colour: the account. Dashed: awaiting approval. Orange border: held. Red border: "
                                    "failed. Pale: published.\nRed days: public holidays. Hatched: blackout window. "
                                    "Drag a post to reschedule it; double-click to open it."));

  // Finding one's way on the first row, acting on the schedule on the second.
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  for (wxWindow* control : std::initializer_list<wxWindow*>{span_, previous, today, next}) {
    bar->Add(control, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(4)));
  }
  bar->Add(title_, wxSizerFlags(1).CenterVertical().Border(wxLEFT | wxRIGHT, FromDIP(10)));
  bar->Add(new wxStaticText(this, wxID_ANY, _("Public holidays of:")),
           wxSizerFlags().CenterVertical().Border(wxRIGHT, 4));
  bar->Add(country_, wxSizerFlags().CenterVertical());
  auto* actions = new wxBoxSizer(wxHORIZONTAL);
  for (wxWindow* control : std::initializer_list<wxWindow*>{import, export_button, blackout}) {
    actions->Add(control, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(4)));
  }
  actions->AddStretchSpacer();
  actions->Add(pause_button, wxSizerFlags().CenterVertical());
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(bar, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(6)));
  sizer->Add(actions, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
  sizer->Add(grid_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(6)));
  sizer->Add(legend, wxSizerFlags().Border(wxALL, FromDIP(6)));
  SetSizer(sizer);

  anchor_ = today_in(zone());
  span_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    show_span(span_->GetSelection() == 1 ? CalendarContents::Span::week : CalendarContents::Span::month);
  });
  previous->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go(-1); });
  today->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go(0); });
  next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go(1); });
  country_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { reload(); });
  import->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_csv();
});
export_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_ical(); });
blackout->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_blackout(); });
pause_button->Bind(wxEVT_BUTTON, [pause](wxCommandEvent&) {
  if (pause) pause();
});
}  // namespace kanal::gui

const std::string& CalendarView::zone() const {
  return countries()[static_cast<std::size_t>(std::max(country_->GetSelection(), 0))].zone;
}

date::local_days CalendarView::first_day() const {
  if (span_shown_ == CalendarContents::Span::week) return monday_on_or_before(anchor_);
  const date::year_month_day ymd{anchor_};
  return monday_on_or_before(date::local_days{ymd.year() / ymd.month() / 1});
}

void CalendarView::show_span(CalendarContents::Span span) {
  span_shown_ = span;
  span_->SetSelection(span == CalendarContents::Span::week ? 1 : 0);
  reload();
}

void CalendarView::go(int steps) {
  if (steps == 0) {
    anchor_ = today_in(zone());
  } else if (span_shown_ == CalendarContents::Span::week) {
    anchor_ += date::days{7 * steps};
  } else {
    const date::year_month_day ymd{anchor_};
    anchor_ = date::local_days{(ymd.year() / ymd.month() + date::months{steps}) / 1};
  }
  reload();
}

void CalendarView::show_day(date::local_days day) {
  anchor_ = day;
  reload();
}

void CalendarView::reload() {
  const auto first = first_day();
  const date::year_month_day shown{span_shown_ == CalendarContents::Span::week ? first : anchor_};
  wxString title = month_name(unsigned(shown.month())) + wxString::Format(" %d", int(shown.year()));
  if (span_shown_ == CalendarContents::Span::week) {
    // ISO 8601 week number, as Nordic calendars show it.
    const auto thursday = first + date::days{3};
    const date::year_month_day thursday_ymd{thursday};
    const auto week = (thursday - date::local_days{thursday_ymd.year() / 1 / 1}).count() / 7 + 1;
    title = wxString::Format(_("Week %d, "), int(week)) + title;
  }
  title_->SetLabel(title);
  Layout();
  load();
}

void CalendarView::load() {
  auto api = connection_.api();
  if (!api) return;
  CalendarContents contents;
  contents.span = span_shown_;
  contents.first_day = first_day();
  contents.zone = zone();
  const auto& country = countries()[static_cast<std::size_t>(std::max(country_->GetSelection(), 0))];
  const auto last_day = contents.first_day + date::days{contents.days()};
  const auto from = scheduling::to_utc(scheduling::LocalTime{contents.first_day}, contents.zone);
  const auto to = scheduling::to_utc(scheduling::LocalTime{last_day}, contents.zone);
  const int generation = ++generation_;
  then_on_window(
      this,
      all(api->calendar(from, to), api->blackouts(), api->accounts(),
          api->holidays(country.code, date::format("%Y-%m-%d", contents.first_day),
                        date::format("%Y-%m-%d", last_day))),
      [this, generation,
       contents = std::move(contents)](std::tuple<std::vector<wire::CalendarEntry>, std::vector<wire::BlackoutInfo>,
                                                  std::vector<Account>, std::vector<wire::Holiday>>& loaded) mutable {
        if (generation != generation_) return;  // a newer load is under way
        auto& [entries, blackouts, accounts, holidays] = loaded;
        contents.entries = std::move(entries);
        contents.blackouts = std::move(blackouts);
        for (std::size_t i = 0; i < accounts.size(); ++i) {
          contents.account_colours[accounts[i].id.value] = kAccountColours[i % std::size(kAccountColours)];
        }
        for (const auto& holiday : holidays) {
          if (const auto day = scheduling::local_day(holiday.day)) contents.holidays[*day] = holiday.name;
        }
        grid_->show(std::move(contents));
      },
      [this](const Error& error) { status_(_("Could not read the schedule: ") + wxString::FromUTF8(error.detail())); });
}

void CalendarView::move(const wire::CalendarEntry& entry, scheduling::LocalTime to) {
  auto api = connection_.api();
  if (!api) return;
  // Dropped on the calendar's clock; kept on the post's own.
  const auto at = scheduling::to_utc(to, zone());
  const auto wall_clock = scheduling::wall_clock_text(scheduling::to_local(at, entry.schedule.zone));
  status_(_("Rescheduling…"));
  then_on_window(
      this, api->schedule_post(entry.schedule.post, {entry.schedule.accounts, wall_clock, entry.schedule.zone}),
      [this](wire::ScheduleInfo& info) {
        wxString at_text = wxString::FromUTF8(info.at);
        at_text.Replace("T", " ");
        status_(wxString::Format(_("Post %lld now goes out at %s %s."), static_cast<long long>(info.post.value),
                                 at_text, wxString::FromUTF8(info.zone)) +
                (info.approval_note.empty() ? wxString()
                                            : "  " + _("Before then: ") + wxString::FromUTF8(info.approval_note)));
        if (!info.blackout_note.empty()) {
          wxMessageBox(wxString::FromUTF8(info.blackout_note), _("In a blackout window"), wxOK | wxICON_WARNING, this);
        }
        load();
      },
      [this](const Error& error) {
        status_({});
        show_error(this, _("The post was not rescheduled."), error);
        load();
      });
}

void CalendarView::import_csv() {
  auto api = connection_.api();
  if (!api || !desktop_.choose_open) return;
  const auto path = desktop_.choose_open(this, _("CSV files (*.csv)|*.csv|All files|*"));
  if (!path) return;
  std::ifstream file(*path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) {
    wxMessageBox(_("The file could not be read."), _("Import"), wxOK | wxICON_ERROR, this);
    return;
  }
  status_(_("Importing…"));
  const auto name = wxString::FromUTF8(path->filename().string());
  then_on_window(
      this, api->import_schedule(text.str()),
      [this, name](wire::ImportResult& result) {
        status_({});
        if (!result.faults.empty()) {
          wxString faults;
          for (const auto& fault : result.faults) {
            faults += wxString::Format(_("Line %lld"), static_cast<long long>(fault.line)) +
                      (fault.column.empty() ? wxString() : ", " + wxString::FromUTF8(fault.column)) + ": " +
                      wxString::FromUTF8(fault.message) + "\n";
          }
          wxMessageDialog dialog(
              this, wxString::Format(_("Nothing was imported from %s: fix these lines and try again."), name),
              _("Import"), wxOK | wxICON_WARNING);
          dialog.SetExtendedMessage(faults);
          dialog.ShowModal();
          return;
        }
        status_(wxString::Format(_("%zu posts imported and scheduled."), result.imported.size()));
        load();
      },
      [this](const Error& error) {
        status_({});
        show_error(this, _("Nothing was imported."), error);
      });
}

void CalendarView::export_ical() {
  auto api = connection_.api();
  if (!api || !desktop_.choose_save) return;
  const auto path = desktop_.choose_save(this, "kanal-schedule.ics", _("iCalendar (*.ics)|*.ics"));
  if (!path) return;
  then_on_window(
      this, api->schedule_ical(std::nullopt, std::nullopt),
      [this, path = *path](std::string& ics) {
        std::ofstream file(path, std::ios::binary);
        file << ics;
        if (!file) {
          wxMessageBox(_("The file could not be written."), _("Export"), wxOK | wxICON_ERROR, this);
          return;
        }
        status_(_("The schedule is saved as iCalendar: ") + wxString::FromUTF8(path.string()));
      },
      [this](const Error& error) { show_error(this, _("The schedule was not exported."), error); });
}

void CalendarView::set_catch_up() {
  auto api = connection_.api();
  if (!api) return;
  if (!connection_.may("admin")) {
    wxMessageBox(_("An admin sets how late posts may still go out."), _("Catch-up"), wxOK | wxICON_INFORMATION, this);
    return;
  }
  then_on_window(
      this, api->publishing_settings(),
      [this, api](wire::PublishingSettingsInfo& settings) {
        wxNumberEntryDialog dialog(
            this,
            _("When Kanal was not running at a post's time, it still publishes the post this many minutes late.\n"
              "A post found later than that is held for a person to publish or reschedule, never sent in a burst."),
            _("Minutes:"), _("Catch-up after downtime"), static_cast<long>(settings.catch_up_minutes), 0, 7 * 24 * 60);
        if (dialog.ShowModal() != wxID_OK) return;
        then_on_window(
            this, api->set_publishing_settings({dialog.GetValue()}),
            [this](wire::PublishingSettingsInfo& saved) {
              status_(wxString::Format(_("Posts may now go out up to %lld minutes late after downtime."),
                                       static_cast<long long>(saved.catch_up_minutes)));
            },
            [this](const Error& error) { show_error(this, _("The setting was not saved."), error); });
      },
      [this](const Error& error) { show_error(this, _("The setting could not be read."), error); });
}

void CalendarView::add_blackout() {
  auto api = connection_.api();
  if (!api) return;
  if (!connection_.may("plan")) {
    wxMessageBox(_("Blackout windows are set by a line manager, the director or an admin."), _("Blackout window"),
                 wxOK | wxICON_INFORMATION, this);
    return;
  }
  then_on_window(
      this, api->accounts(),
      [this, api](std::vector<Account>& accounts) {
        BlackoutDialog dialog(this, accounts, zone());
        if (dialog.ShowModal() != wxID_OK) return;
        then_on_window(
            this, api->add_blackout(dialog.request()), [this](wire::BlackoutInfo&) { load(); },
            [this](const Error& error) { show_error(this, _("The blackout window was not added."), error); });
      },
      [this](const Error& error) { show_error(this, _("The blackout window was not added."), error); });
}

}  // namespace kanal::gui
