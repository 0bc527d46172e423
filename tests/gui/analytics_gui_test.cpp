// The Analytics view as a line manager uses it: after the sandbox's audience
// has reacted for a while, the period's followers and likes over time per
// account and per segment, the values on hover, the best times, the
// moderation figures — and the month exported as PDF and CSV.
#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/notebook.h>
#include <wx/textctrl.h>

#include <fstream>

#include "analytics/analytics_view.h"
#include "api/client/api_client.h"
#include "app/main_frame.h"
#include "core/json.h"
#include "drafts/drafts_view.h"
#include "gui_driver.h"
#include "support/child_process.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/temp_dir.h"
#include "support/template_post.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

std::filesystem::path artifact(const char* name) { return std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / name; }

// The post went out yesterday (on kanald's test clock), so "Last 7 days" holds it
// together with the comments the sandbox dates now.
Timestamp published_at() {
  return std::chrono::floor<std::chrono::hours>(
             std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())) -
         26h;
}

}  // namespace

TEST_CASE("a line manager sees followers and likes over time per account and segment, and exports the month") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({"--test-clock", "--inbox-sync-s", "3600", "--metrics-every-s", "3600"});
  client::ApiClient api(kanald.endpoint());
  const auto start = published_at();
  api.set_test_clock(start).get();
  const auto account = test::connect_sandbox_account(api, sandbox);
  api.collect_metrics().get();
  const auto post = test::create_template_post(api);
  api.publish(post.id, {{account.id}}).get();
  REQUIRE(test::wait_until_settled(api, post.id).at(0).state == "published");
  for (const auto hours : {1, 6, 24}) {
    sandbox.advance_audience(std::chrono::minutes(hours == 1 ? 60 : hours == 6 ? 300 : 18 * 60));
    api.set_test_clock(start + std::chrono::hours(hours) + 1s).get();
    REQUIRE(api.collect_metrics().get().problems.empty());
  }
  const std::string status = sandbox.statuses()[0]["id"].GetString();
  sandbox.comment(
      test::comment_json("I know where your caseworker lives and I am going to kill her.", status, "angry"));
  sandbox.comment(test::comment_json("This is a fucking disgrace, my benefit is three months late.", status, "late"));
  api.sync_inbox(account.id).get();
  const auto likes = *api.post_figures(post.id).get().at(0).likes;
  REQUIRE(likes > 0);

  test::TempDir dir;
  auto desktop = gui::Desktop::system();
  std::filesystem::path chosen;
  desktop.choose_save = [&](wxWindow*, const wxString& suggested, const wxString&) {
    return std::optional(chosen = dir.path() / suggested.utf8_string());
  };
  const int asserts_before = test::wx_assert_count();
  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, desktop);
  frame->SetSize(1280, 780);
  frame->Show();
  REQUIRE(test::pump_until([&] { return frame->connection().me().has_value(); }));
  test::choose_in_sidebar(frame, "Analytics");
  auto& view = frame->analytics();

  // The last seven days, as a person picks them.
  auto* period = test::find<wxChoice>(frame, "analytics_period");
  period->SetSelection(period->FindString("Last 7 days"));
  wxCommandEvent chosen_period(wxEVT_CHOICE, period->GetId());
  chosen_period.SetEventObject(period);
  period->ProcessWindowEvent(chosen_period);
  REQUIRE(test::pump_until([&] { return view.report() && view.report()->to - view.report()->from == 24h * 7; }));
  const auto& report = *view.report();
  REQUIRE(view.last_load_time().has_value());

  // Followers over time, a point a day (seven days are shown by day): the
  // chart plots what kanald computed, the last reading of each day.
  auto* followers = test::find<gui::ChartPanel>(frame, "analytics_followers_chart");
  REQUIRE(followers != nullptr);
  REQUIRE(test::pump_until([&] { return followers->drawing().plotted.size() == 1; }));
  const auto& plotted = followers->drawing().plotted[0];
  CHECK(plotted.name == account.handle);
  CHECK(report.granularity == reports::Granularity::day);
  REQUIRE(plotted.values.size() == 2);  // read on the day of publishing and the day after
  REQUIRE(report.followers[0].points.size() == 2);
  for (std::size_t i = 0; i < plotted.values.size(); ++i) {
    CHECK(plotted.values[i].second == *report.followers[0].points[i].value);
  }
  CHECK(plotted.values.back().second == double(*report.accounts[0].followers_end));
  // Resting on a point shows its value.
  const auto& spot = followers->drawing().hotspots.back();
  const auto hover = followers->label_at(wxPoint(int(spot.area.x + spot.area.width / 2), int(spot.area.y + 10)));
  CHECK(hover.Contains(wxString::FromUTF8(reports::format_number(plotted.values.back().second))));

  // Likes over time add up to the post's likes on the network; per segment too.
  auto* likes_chart = test::find<gui::ChartPanel>(frame, "analytics_likes_chart");
  double charted = 0;
  for (const auto& [at, value] : likes_chart->drawing().plotted.at(0).values) charted += value;
  CHECK(charted == double(likes));
  auto* table = test::find<gui::FigureTable>(frame, "analytics_accounts");
  REQUIRE(table->rows() == 1);
  CHECK(table->cell(0, 0) == wxString::FromUTF8(account.handle));
  CHECK(table->cell(0, 4) == wxString::Format("%lld", static_cast<long long>(likes)));

  auto* pages = test::find<wxNotebook>(frame, "analytics_pages");
  pages->SetSelection(1);
  test::pump_for(200ms);
  auto* segments = test::find<gui::ChartPanel>(frame, "analytics_segment_chart");
  REQUIRE(test::pump_until([&] { return !segments->drawing().plotted.empty(); }));
  CHECK(segments->drawing().plotted[0].name == "families");
  auto* segment_likes = test::find<gui::ChartPanel>(frame, "analytics_segment_likes_chart");
  REQUIRE(segment_likes->drawing().plotted.size() == 1);
  CHECK(segment_likes->drawing().plotted[0].name == "families");
  test::save_screenshot(frame, artifact("analytics-segments.png"));

  // The top posts and the best time to post.
  pages->SetSelection(2);
  test::pump_for(200ms);
  auto* heatmap = test::find<gui::ChartPanel>(frame, "analytics_heatmap");
  REQUIRE(test::pump_until([&] { return heatmap->drawing().hotspots.size() == 7 * 24; }));
  CHECK(test::find<gui::FigureTable>(frame, "analytics_top_posts")->rows() == 1);
  test::save_screenshot(frame, artifact("analytics-posts.png"));

  // Moderation figures: the threat hidden or sent to review, the complaint kept.
  pages->SetSelection(3);
  test::pump_for(200ms);
  auto* moderation = test::find<gui::FigureTable>(frame, "analytics_moderation");
  bool threat = false, kept = false;
  for (std::size_t row = 0; row < moderation->rows(); ++row) {
    threat |= moderation->cell(row, 1) == "threat" && moderation->cell(row, 2) != "keep";
    kept |= moderation->cell(row, 1) == "criticism" && moderation->cell(row, 2) == "keep";
  }
  CHECK(threat);
  CHECK(kept);
  // Tables sort by any column: by action, A to Z.
  moderation->sort_by(2, true);
  for (std::size_t row = 1; row < moderation->rows(); ++row) {
    CHECK(moderation->cell(row - 1, 2).CmpNoCase(moderation->cell(row, 2)) <= 0);
  }

  pages->SetSelection(0);
  test::pump_for(300ms);
  test::save_screenshot(frame, artifact("analytics.png"));

  // Export the period as PDF (the same charts) and CSV.
  test::click(test::find(frame, "analytics_export_pdf"));
  REQUIRE(test::pump_until([&] { return std::filesystem::exists(chosen) && chosen.extension() == ".pdf"; }));
  const auto text = test::run_program({"/usr/bin/pdftotext", "-layout", chosen.string(), "-"});
  CHECK(text.out.find(account.handle) != std::string::npos);
  CHECK(text.out.find("Engagement by audience segment") != std::string::npos);
  test::click(test::find(frame, "analytics_export_csv"));
  REQUIRE(test::pump_until([&] { return chosen.extension() == ".csv" && std::filesystem::exists(chosen); }));
  CHECK(test::read_text_file(chosen).find("account," + account.handle + ",,,likes," + std::to_string(likes)) !=
        std::string::npos);

  // The monthly report goes to a folder kanald writes by itself.
  pages->SetSelection(4);
  test::pump_for(100ms);
  const auto folder = dir.path() / "monthly";
  test::find<wxTextCtrl>(frame, "analytics_report_folder")->ChangeValue(wxString::FromUTF8(folder.string()));
  test::click(test::find(frame, "analytics_report_save"));
  REQUIRE(test::pump_until([&] { return api.report_settings().get().folder == folder.string(); }));

  // The published post, opened in Drafts (as from the Calendar), shows its current figures.
  test::choose_in_sidebar(frame, "Drafts");
  frame->drafts().open_post(post.id);
  auto* deliveries = test::find<wxTextCtrl>(frame, "deliveries");
  const auto likes_line = wxString::Format("%lld likes", static_cast<long long>(likes));
  REQUIRE(test::pump_until([&] { return deliveries->GetValue().Contains(likes_line); }));
  CHECK(deliveries->GetValue().Contains("replies (read "));
  test::save_screenshot(frame, artifact("published-figures.png"));

  CHECK(test::wx_assert_count() == asserts_before);
  frame->Destroy();
}
