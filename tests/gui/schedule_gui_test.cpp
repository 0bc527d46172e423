// Scheduling from the app: a payment-day reminder for a year, seen on the
// working days in the calendar and dragged to another day; a crisis pause
// that every connected desktop shows, resumed with what fell due.
#include <catch2/catch.hpp>

#include <wx/stattext.h>
#include <wx/testing.h>

#include <date/tz.h>

#include "api/client/api_client.h"
#include "app/main_frame.h"
#include "drafts/drafts_view.h"
#include "gui_driver.h"
#include "schedule/calendar_view.h"
#include "schedule/pause_banner.h"
#include "schedule/pause_dialogs.h"
#include "schedule/schedule_dialog.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/template_post.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

class ScheduleAs final : public wxExpectModalBase<gui::ScheduleDialog, ScheduleAs> {
 protected:
  int OnInvoked(gui::ScheduleDialog* dialog) const override {
    dialog->fill("2027-01-01", "09:00", "Europe/Stockholm", "payment_day", 25, "se", "2027-12-31");
    return wxID_OK;
  }
};

class PauseBecause final : public wxExpectModalBase<gui::PauseDialog, PauseBecause> {
 protected:
  int OnInvoked(gui::PauseDialog* dialog) const override {
    dialog->fill(wxString::FromUTF8("The payment system is down"));
    return wxID_OK;
  }
};

class PublishAllOverdue final : public wxExpectModalBase<gui::ResumeDialog, PublishAllOverdue> {
 protected:
  int OnInvoked(gui::ResumeDialog* dialog) const override {
    dialog->tick_all();
    return wxID_OK;
  }
};

date::local_days day(int y, unsigned m, unsigned d) { return date::local_days{date::year{y} / m / d}; }

std::filesystem::path artifact(const char* name) { return std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / name; }

}  // namespace

TEST_CASE("schedule a payment-day reminder for a year, see it on working days, drag one to another day") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  test::connect_sandbox_account(api, sandbox);
  const auto reminder = test::create_template_post(api);
  const int asserts_before = test::wx_assert_count();

  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}});
  frame->Show();
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));
  REQUIRE(test::pump_until([&] { return frame->connection().me().has_value(); }));
  frame->drafts().open_post(reminder.id);
  auto* schedule = test::find(frame, "schedule_draft");
  REQUIRE(test::pump_until([&] { return schedule->IsEnabled(); }));
  wxTEST_DIALOG(test::click(schedule), ScheduleAs());
  auto* scheduled = test::find<wxStaticText>(frame, "schedule_status");
  REQUIRE(test::pump_until([&] { return scheduled->GetLabel().Contains("12 posts scheduled"); }));
  test::save_screenshot(frame, artifact("scheduled-series.png"));

  // June 2027 in the calendar: the 25th is midsummer eve, so the 24th.
  REQUIRE(frame->show_view(&frame->calendar()));
  auto& calendar = frame->calendar();
  calendar.show_day(day(2027, 6, 1));
  auto& grid = calendar.grid();
  REQUIRE(test::pump_until([&] { return grid.contents().entries.size() == 1; }));
  const auto june = grid.contents().entries.front();
  CHECK(june.schedule.at == "2027-06-24T09:00");
  CHECK(grid.contents().holidays.at(day(2027, 6, 25)) == "Midsommarafton");
  const auto block = grid.block_rect(june.schedule.post);
  REQUIRE(block);
  CHECK(grid.day_rect(day(2027, 6, 24)).Contains(block->GetPosition()));
  test::save_screenshot(frame, artifact("calendar-month.png"));

  // Drag it to Tuesday the 22nd: kanald reschedules it, same time of day.
  test::drag(&grid, wxPoint(block->x + block->width / 2, block->y + block->height / 2),
             grid.day_rect(day(2027, 6, 22)).GetPosition() + wxPoint(20, 40));
  REQUIRE(test::pump_until([&] { return api.schedule_of(june.schedule.post).get().at == "2027-06-22T09:00"; }));
  REQUIRE(test::pump_until([&] {
    const auto moved = grid.block_rect(june.schedule.post);
    return moved && grid.day_rect(day(2027, 6, 22)).Contains(moved->GetPosition());
  }));
  CHECK(api.audit("action=post.schedule").get().events.size() == 13);  // twelve, and the move

  calendar.show_span(gui::CalendarContents::Span::week);
  calendar.show_day(day(2027, 6, 22));
  REQUIRE(test::pump_until([&] { return grid.contents().entries.size() == 1; }));
  test::save_screenshot(frame, artifact("calendar-week.png"));
  CHECK(test::wx_assert_count() == asserts_before);
  frame->Destroy();
  test::pump_for(100ms);
}

TEST_CASE("a pause made on one desktop shows on every desktop, and resuming offers what fell due") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const int asserts_before = test::wx_assert_count();

  auto* officer = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}});
  auto* director = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}});
  officer->Show();
  director->Show();
  REQUIRE(test::pump_until([&] { return officer->connection().me() && director->connection().me(); }));

  wxTEST_DIALOG(
      {
        officer->pause_banner().pause();
        REQUIRE(test::pump_until([&] { return !api.publishing_status().get().pauses.empty(); }));
      },
      PauseBecause());
  auto* officer_text = test::find<wxStaticText>(officer, "pause_text");
  auto* director_text = test::find<wxStaticText>(director, "pause_text");
  REQUIRE(test::pump_until([&] { return officer_text->IsShownOnScreen(); }));
  REQUIRE(test::pump_until([&] { return director_text->IsShownOnScreen(); }, 10s));
  CHECK(director_text->GetLabel().Contains("The payment system is down"));
  test::save_screenshot(director, artifact("pause-banner.png"));

  // A post falls due during the pause: nothing goes out.
  const auto post = test::create_template_post(api);
  const auto soon = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + 2s;
  api.schedule_post(post.id,
                    {{account.id},
                     date::format("%Y-%m-%dT%H:%M:%S", date::make_zoned("Europe/Stockholm", soon).get_local_time()),
                     "Europe/Stockholm"})
      .get();
  test::pump_for(3500ms);
  CHECK(sandbox.statuses().Size() == 0);

  // The director resumes; the post that fell due is offered, and published.
  wxTEST_DIALOG(
      {
        test::click(test::find(director, "resume_publishing"));
        REQUIRE(test::pump_until([&] { return sandbox.statuses().Size() == 1; }, 20s));
      },
      PublishAllOverdue());
  REQUIRE(test::pump_until([&] { return !director_text->IsShownOnScreen() && !officer_text->IsShownOnScreen(); }, 10s));
  CHECK(test::wx_assert_count() == asserts_before);
  officer->Destroy();
  director->Destroy();
  test::pump_for(100ms);
}
