// Benchmark (not a timed test) of the Analytics view: the time from opening
// it to its charts drawn, which is what a person waits for. analytics_bench
// times the report in process and through kanald; this adds what the app
// does on top (the page switch, the JSON, laying out and painting the charts
// and filling the tables), on the same workspace (analytics_seed.h: 20
// accounts read hourly for a year, two published posts a day each), seeded
// here to end today so the period the view opens on (this month) has figures.
// kanald runs on it (127.0.0.1); the app's main window (1280x780) asks it as
// a person's clicks make it ask:
//   a. Analytics chosen in the sidebar: the first time in a window (it also
//      reads the accounts, the segments and the report settings then; 5
//      fresh windows), and again after Drafts was chosen (once per window);
//   b. the whole seeded year: the date pickers set to it, Show — by week,
//      as kanald chooses by the period's length;
//   c. one month of it, the last 31 days: the pickers, Show — by day.
// Each is the wall time from the choice or click to the new report shown
// and its charts drawn (AnalyticsView::report() replaced, last_load_time()
// set, the followers chart plotting every account), and the view's own
// last_load_time() (from asking kanald to the charts painted) — median of
// 5, and the first. The choice and the click arrive as the events wx makes
// of them (wxEVT_LISTBOX, wxEVT_BUTTON), so the time starts when the app
// has the click, not with the X server's delivery of it. Then the same
// queries as GET /api/v1/analytics alone, for what kanald's part is.
//   NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1280x800x24" analytics_view_bench [--accounts N] [--days N]
//   (defaults 20 and 365; it needs an X display)
// The database is SQLite, or PostgreSQL under KANAL_TEST_DATABASE=postgresql
// (the cluster the `postgres` CTest fixture starts).
#include <wx/app.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/datectrl.h>
#include <wx/evtloop.h>
#include <wx/image.h>
#include <wx/init.h>
#include <wx/listbox.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "analytics/analytics_view.h"
#include "analytics/chart_panel.h"
#include "analytics_bench_support.h"
#include "api/client/api_client.h"
#include "api/wire/analytics.h"
#include "app/main_frame.h"
#include "app/utf8_locale.h"
#include "gui_driver.h"
#include "store/migrations.h"
#include "support/kanald_process.h"

using namespace kanal;
using namespace kanal::bench;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kRuns = 5;
// Longest wait for one report; the app's own request gives up after 30 s.
constexpr auto kLoadTimeout = std::chrono::seconds(120);

// Pumps the event loop until `done` (then true) or the timeout (false).
// Finer than the GUI tests' pump_until: it looks every millisecond, and
// right after the pending events (where the answer's continuation,
// CallAfter, usually runs) as well as after the rest of the pass (GTK's
// events, idle), so the time is read within about a millisecond of the
// charts drawn — or, when the answer came in during that rest, after it.
bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = Steady::now() + timeout;
  while (!done()) {
    if (Steady::now() >= deadline) return false;
    wxTheApp->ProcessPendingEvents();
    if (done()) break;
    wxTheApp->Yield(true);
    if (done()) break;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// A day in a date picker: the view asks for it as that day's start, UTC.
wxDateTime picker_day(Timestamp day) {
  const std::chrono::year_month_day date{std::chrono::floor<std::chrono::days>(day)};
  return wxDateTime(static_cast<wxDateTime::wxDateTime_t>(static_cast<unsigned>(date.day())),
                    static_cast<wxDateTime::Month>(static_cast<unsigned>(date.month()) - 1),
                    static_cast<int>(date.year()));
}

std::string day_text(Timestamp day) { return to_iso8601(day).substr(0, 10); }

template <class T>
T& find(gui::MainFrame& frame, const char* name) {
  auto* window = test::find<T>(&frame, name);
  if (window == nullptr) throw std::runtime_error(std::string("the main window has no ") + name);
  return *window;
}

// The main window as the app opens it; `connected_ms` is how long until
// kanald said who this is. It returns when the views read then (Drafts,
// Accounts, Approvals) have had their answers, so they do not compete.
gui::MainFrame* open_window(const client::Endpoint& endpoint, double& connected_ms) {
  const auto start = Steady::now();
  auto* frame = new gui::MainFrame(gui::ConnectionTarget{endpoint, {}, {}});
  frame->SetSize(1280, 780);
  frame->Show();
  if (!wait_for([&] { return frame->connection().me().has_value(); }, 30s)) {
    throw std::runtime_error("the main window did not connect to kanald");
  }
  connected_ms = ms_since(start);
  test::pump_for(1s);
  return frame;
}

void close_window(gui::MainFrame* frame) {
  frame->Destroy();
  test::pump_for(300ms);
}

// The sidebar's row called `label` chosen, as a click on it reaches the app.
void choose_in_sidebar(gui::MainFrame& frame, const wxString& label) {
  auto& sidebar = find<wxListBox>(frame, "sidebar");
  const int row = sidebar.FindString(label);
  if (row == wxNOT_FOUND) throw std::runtime_error("the sidebar has no " + label.utf8_string());
  sidebar.SetSelection(row);
  wxCommandEvent chosen(wxEVT_LISTBOX, sidebar.GetId());
  chosen.SetEventObject(&sidebar);
  chosen.SetInt(row);
  chosen.SetString(label);
  sidebar.ProcessWindowEvent(chosen);
}

// The days from `first` to `last` (both shown) in the date pickers.
void choose_days(gui::MainFrame& frame, Timestamp first, Timestamp last) {
  auto& period = find<wxChoice>(frame, "analytics_period");
  period.SetSelection(period.FindString(_("Chosen days")));
  find<wxDatePickerCtrl>(frame, "analytics_from").SetValue(picker_day(first));
  find<wxDatePickerCtrl>(frame, "analytics_to").SetValue(picker_day(last));
}

// Show clicked, as the click reaches the app.
void click_show(gui::MainFrame& frame) {
  auto& show = find<wxButton>(frame, "analytics_show");
  wxCommandEvent clicked(wxEVT_BUTTON, show.GetId());
  clicked.SetEventObject(&show);
  show.ProcessWindowEvent(clicked);
}

struct Load {
  double wall_ms = 0;  // from the choice or click to the charts drawn, as read here
  double view_ms = 0;  // the view's own last_load_time()
};

// Does `ask` (which makes the view ask kanald) and waits for the new report
// to be shown: the view says "Reading the figures…" from asking until it
// has drawn the answer (or an empty line and the reason in the status bar).
Load load(gui::MainFrame& frame, std::size_t accounts, const std::function<void()>& ask) {
  auto& view = frame.analytics();
  auto& summary = find<wxStaticText>(frame, "analytics_summary");
  const wxString reading = _("Reading the figures…");
  const auto start = Steady::now();
  ask();
  if (summary.GetLabel() != reading) throw std::runtime_error("the view did not ask kanald for the figures");
  if (!wait_for([&] { return summary.GetLabel() != reading; }, kLoadTimeout)) {
    throw std::runtime_error("no report within " + std::to_string(kLoadTimeout.count()) + " s");
  }
  Load timing{ms_since(start), 0};
  if (summary.GetLabel().empty() || !view.report() || !view.last_load_time()) {
    throw std::runtime_error("the view shows no report: " + frame.GetStatusBar()->GetStatusText(0).utf8_string());
  }
  timing.view_ms = static_cast<double>(view.last_load_time()->count());
  // A report with nothing in it would be fast for the wrong reason.
  const auto& report = *view.report();
  const auto& followers = find<gui::ChartPanel>(frame, "analytics_followers_chart");
  if (report.accounts.size() != accounts || report.followers.empty() || report.followers[0].points.empty() ||
      followers.drawing().plotted.size() != report.followers.size()) {
    throw std::runtime_error("the view's report is missing figures: " + std::to_string(report.accounts.size()) +
                             " accounts, " + std::to_string(followers.drawing().plotted.size()) +
                             " plotted in the followers chart");
  }
  test::pump_for(200ms);  // what follows the drawing (status bar, idle) is done before the next
  return timing;
}

// What a load showed, and its query for the same report from kanald alone.
struct Shown {
  std::string label;
  std::vector<Load> loads;
  wire::AnalyticsQuery query;
};

Shown shown(const std::string& what, const reports::Report& report) {
  Shown result;
  result.label = what + " (" + day_text(report.from) + " to " + day_text(report.to - std::chrono::days(1)) + ", by " +
                 std::string(reports::to_string(report.granularity)) + ": " +
                 std::to_string(report.followers[0].points.size()) + " points a line)";
  result.query.from = report.from;
  result.query.to = report.to;
  result.query.zone = report.zone;
  return result;
}

void print_row(const Shown& shown) {
  std::vector<double> wall, own;
  for (const auto& load : shown.loads) {
    wall.push_back(load.wall_ms);
    own.push_back(load.view_ms);
  }
  const auto w = summarise(wall), v = summarise(own);
  std::printf("  %-78s %8.1f ms  (first %.1f ms); view's own %.0f ms (first %.0f ms)\n", shown.label.c_str(),
              w.median_ms, w.first_ms, v.median_ms, v.first_ms);
}

int run(std::size_t account_count, std::int64_t days) {
  // The seeded days end today, so the view opens on figures.
  const Timestamp today{std::chrono::floor<std::chrono::days>(SystemClock{}.now())};
  const Timestamp from = today - std::chrono::days(days - 1);

  // Nothing is read from the networks meanwhile (the accounts have no
  // credentials anyway): the report answers from what is seeded.
  test::KanaldProcess kanald({"--inbox-sync-s", "3600", "--metrics-every-s", "3600", "--account-check-s", "3600"});
  // Seeded with kanald stopped, so its start-up round does not compete with the ingest.
  kanald.stop();
  bench::SeededWorkspace seeded;
  {
    auto db = kanald.database().open();
    store::migrate(*db);
    std::printf("database: %s; %zu accounts, %lld days from %s (to today)\n",
                kanald.database().is_postgresql() ? "postgresql" : "sqlite", account_count,
                static_cast<long long>(days), to_iso8601(from).c_str());
    seeded = bench::seed_analytics_workspace(*db, account_count, days, from);
  }
  bench::print_seeding(seeded);
  const auto restart = Steady::now();
  kanald.start();
  std::printf("kanald started on the seeded workspace in %.0f ms\n", ms_since(restart));
  std::fflush(stdout);

  const auto accounts = seeded.accounts.size();
  const auto month_days = std::min<std::int64_t>(days, 31);
  const auto last_day = seeded.to - std::chrono::days(1);
  Shown first_open, again, year, month;
  std::vector<double> window_ms;
  for (int i = 0; i < kRuns; ++i) {
    auto* frame = open_window(kanald.endpoint(), window_ms.emplace_back());
    const auto first = load(*frame, accounts, [&] { choose_in_sidebar(*frame, _("Analytics")); });
    if (i == 0) first_open = shown("first open: this month", *frame->analytics().report());
    first_open.loads.push_back(first);
    choose_in_sidebar(*frame, _("Drafts"));
    test::pump_for(500ms);
    const auto next = load(*frame, accounts, [&] { choose_in_sidebar(*frame, _("Analytics")); });
    if (i == 0) again = shown("open again, after Drafts", *frame->analytics().report());
    again.loads.push_back(next);
    if (i + 1 < kRuns) {
      close_window(frame);
      continue;
    }
    // The last window stays for the chosen days.
    std::vector<Load> loads;
    for (int run = 0; run < kRuns; ++run) {
      choose_days(*frame, seeded.from, last_day);
      loads.push_back(load(*frame, accounts, [&] { click_show(*frame); }));
    }
    const auto& year_report = *frame->analytics().report();
    if (year_report.from != seeded.from || year_report.to != seeded.to) {
      throw std::runtime_error("the year shown is " + day_text(year_report.from) + " to " + day_text(year_report.to));
    }
    year = shown("Show: the " + std::to_string(days) + " days seeded", year_report);
    year.loads = std::move(loads);
    loads.clear();
    for (int run = 0; run < kRuns; ++run) {
      choose_days(*frame, seeded.to - std::chrono::days(month_days), last_day);
      loads.push_back(load(*frame, accounts, [&] { click_show(*frame); }));
    }
    const auto& month_report = *frame->analytics().report();
    if (month_report.from != seeded.to - std::chrono::days(month_days) || month_report.to != seeded.to) {
      throw std::runtime_error("the month shown is " + day_text(month_report.from) + " to " +
                               day_text(month_report.to));
    }
    month = shown("Show: their last " + std::to_string(month_days) + " days", month_report);
    month.loads = std::move(loads);
    close_window(frame);
  }

  const auto windows = summarise(window_ms);
  std::printf("main window (1280x780) made, shown and told who this is by kanald: %.0f ms (first %.0f ms)\n",
              windows.median_ms, windows.first_ms);
  std::printf(
      "the Analytics view, from the choice or click to the charts drawn (median of %d; the view's own: its "
      "last_load_time(), from asking kanald):\n",
      kRuns);
  for (const auto* row : {&first_open, &again, &year, &month}) print_row(*row);

  // kanald's part: the same reports asked for alone.
  client::ApiClient api(kanald.endpoint(), 1, std::chrono::seconds(300));
  api.health().get();  // the connection is open before the first timing
  std::printf("GET /api/v1/analytics alone, the same queries (median of %d):\n", kRuns);
  for (const auto* row : {&first_open, &year, &month}) {
    std::vector<double> ms;
    for (int run = 0; run < kRuns; ++run) {
      const auto start = Steady::now();
      api.analytics(row->query).get();
      ms.push_back(ms_since(start));
    }
    const auto timing = summarise(ms);
    std::printf("  %-78s %8.1f ms  (first %.1f ms)\n", row->label.c_str(), timing.median_ms, timing.first_ms);
  }
  if (test::wx_assert_count() != 0) {
    std::fprintf(stderr, "%d wx assertions (above)\n", test::wx_assert_count());
    return 1;
  }
  return 0;
}

}  // namespace

// wx started for real, as the GUI tests' main does (tests/gui/gui_test_main.cpp).
int main(int argc, char** argv) {
  const auto account_count = static_cast<std::size_t>(std::max<std::int64_t>(1, option(argc, argv, "--accounts", 20)));
  const auto days = std::max<std::int64_t>(1, option(argc, argv, "--days", 365));
  wxApp::SetInstance(new wxApp);
  int wx_argc = 1;
  if (!wxEntryStart(wx_argc, argv)) {
    std::fprintf(stderr, "cannot start wxWidgets: is there an X display (DISPLAY)?\n");
    return 1;
  }
  wxTheApp->SetAppName("kanal-bench");
  gui::ensure_utf8_ctype();  // as the app does
  wxInitAllImageHandlers();
  wxConfigBase::DontCreateOnDemand();  // no settings file left behind; the window's size is set
  test::install_assert_counter();
  int result = 0;
  {
    wxEventLoop loop;
    wxEventLoopActivator active(&loop);
    try {
      result = run(account_count, days);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "analytics_view_bench: %s\n", e.what());
      result = 1;
    }
  }
  wxEntryCleanup();
  return result;
}
