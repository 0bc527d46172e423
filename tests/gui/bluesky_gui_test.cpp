// Bluesky from the app, on a real local network (PLC, PDS and AppView): a
// comms officer connects the agency's account with an app password,
// publishes a thread with an image and its alt text, sees it on the network
// with its link, hides a citizen's reply from the Inbox view, and sees the
// post's likes in Analytics.
#include <catch2/catch.hpp>

#include <wx/listctrl.h>
#include <wx/statbmp.h>
#include <wx/statusbr.h>
#include <wx/testing.h>
#include <wx/textctrl.h>

#include "analytics/analytics_view.h"
#include "api/client/api_client.h"
#include "app/main_frame.h"
#include "gui_driver.h"
#include "inbox/inbox_view.h"
#include "support/bluesky_network.h"
#include "support/images.h"
#include "support/kanald_process.h"
#include "support/temp_dir.h"
#include "test_browser.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

std::filesystem::path artifact(const char* name) { return std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / name; }

}  // namespace

TEST_CASE("connect a Bluesky account with an app password, publish a thread with an image, hide a reply, see its likes",
          "[bluesky]") {
  test::BlueskyNetwork network(KANAL_TEST_BLUESKY_DIR);
  const auto agency = network.create_person("agency");
  const auto bob = network.create_person("bob");
  test::KanaldProcess kanald({"--network-url", "bluesky=" + network.pds_url(), "--network-url",
                              "bluesky.plc_url=" + network.plc_url(), "--inbox-sync-s", "3600", "--test-clock"});
  client::ApiClient api(kanald.endpoint());
  const int asserts_before = test::wx_assert_count();

  test::TempDir pictures;
  const auto image_file = pictures.path() / "application.png";
  test::write_file(image_file, test::tiny_png());
  auto desktop = gui::Desktop::system();
  desktop.choose_image = [&](wxWindow*) { return std::optional(image_file); };
  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, desktop);
  frame->Show();
  auto status = [&] { return frame->GetStatusBar()->GetStatusText(0); };
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));

  // Accounts › Connect: Bluesky asks for a handle and an app password, no browser.
  test::choose_in_sidebar(frame, "Accounts");
  REQUIRE(test::pump_until([&] { return test::find(frame, "accounts_view")->IsShownOnScreen(); }));
  auto* accounts = test::find<wxListCtrl>(frame, "account_list");
  wxTEST_DIALOG(
      {
        test::click(test::find(frame, "connect_account"));
        REQUIRE(test::pump_until([&] { return accounts->GetItemCount() == 1; }, 30s));
      },
      test::EnterInstanceUrl("", "bluesky", "@" + agency.handle, agency.app_password));
  INFO("status: " << status().utf8_string());
  CHECK(accounts->GetItemText(0, 0) == "Bluesky");
  CHECK(accounts->GetItemText(0, 1) == wxString::FromUTF8("@" + agency.handle));
  CHECK(accounts->GetItemText(0, 2) == "OK");
  test::save_screenshot(frame, artifact("bluesky-accounts.png"));

  // Drafts: a post with an image and its alt text, and a second part.
  test::choose_in_sidebar(frame, "Drafts");
  REQUIRE(test::pump_until([&] { return test::find(frame, "drafts_view")->IsShownOnScreen(); }));
  test::click(test::find(frame, "new_draft"));
  test::click(test::find(frame, "draft_editor"));
  test::type_text("Now you can apply for housing benefit in the app: kanal.se/apply #housing");
  test::click(test::find(frame, "add_image_1"));
  REQUIRE(test::pump_until([&] { return test::find(frame, "alt_text_1_1") != nullptr; }));
  test::click(test::find(frame, "alt_text_1_1"));
  test::type_text("The application form in the app");
  test::click(test::find(frame, "add_thread_part"));
  REQUIRE(test::pump_until([&] { return test::find(frame, "thread_part_2") != nullptr; }));
  test::click(test::find(frame, "thread_part_2"));
  test::type_text("You need BankID to sign it.");
  test::press_ctrl('s');
  REQUIRE(test::pump_until([&] { return status().Contains("created"); }));
  auto* publish = test::find(frame, "publish_draft");
  REQUIRE(test::pump_until([&] { return publish->IsEnabled(); }));
  test::save_screenshot(frame, artifact("bluesky-draft.png"));
  test::click(publish);

  auto* deliveries = test::find<wxTextCtrl>(frame, "deliveries");
  REQUIRE(test::pump_until([&] { return deliveries->GetValue().Contains("published"); }, 60s));
  CHECK(deliveries->GetValue().Contains(wxString::FromUTF8("/profile/" + agency.handle + "/post/")));
  test::save_screenshot(frame, artifact("bluesky-published.png"));

  // On the network: the thread, the image with its alt text, the link as a facet.
  REQUIRE(test::pump_until(
      [&] { return network.query(agency, "app.bsky.feed.getAuthorFeed", "actor=" + agency.did)["feed"].Size() == 2; },
      20s));
  const auto feed = network.query(agency, "app.bsky.feed.getAuthorFeed", "actor=" + agency.did);
  std::string head_uri, head_cid;
  for (const auto& item : feed["feed"].GetArray()) {
    if (item["post"]["record"].HasMember("reply")) continue;
    head_uri = item["post"]["uri"].GetString();
    head_cid = item["post"]["cid"].GetString();
    CHECK(std::string(item["post"]["embed"]["images"][0]["alt"].GetString()) == "The application form in the app");
    CHECK(std::string(item["post"]["record"]["facets"][0]["features"][0]["uri"].GetString()) ==
          "https://kanal.se/apply");
  }
  REQUIRE_FALSE(head_uri.empty());

  // A reply arrives; the officer hides it from the Inbox view.
  network.post(bob, "You people are useless and I know where your office is.", head_uri, head_cid);
  const auto account = api.accounts().get().at(0);
  wire::InboxFilter all;
  all.account = account.id;
  REQUIRE(test::pump_until(
      [&] {
        api.sync_inbox(account.id).get();
        return !api.inbox(all).get().items.empty();
      },
      30s));
  test::choose_in_sidebar(frame, "Inbox");
  auto& inbox = frame->inbox();
  auto& list = inbox.list();
  REQUIRE(test::pump_until([&] { return list.GetItemCount() == 1 && list.item(0) != nullptr; }));
  list.select_row(0);
  REQUIRE(test::pump_until([&] { return inbox.conversation().has_value(); }));
  if (list.item(0)->visibility != "hidden") {  // the moderation may have hidden it already
    test::click(test::find(frame, "inbox_hide"));
    REQUIRE(test::pump_until([&] { return list.item(0)->visibility == "hidden"; }, 30s));
  }
  test::save_screenshot(frame, artifact("bluesky-inbox-hidden.png"));
  const auto rkey = head_uri.substr(head_uri.rfind('/') + 1);
  const auto gate = network.query({}, "com.atproto.repo.getRecord",
                                  "repo=" + agency.did + "&collection=app.bsky.feed.threadgate&rkey=" + rkey);
  REQUIRE(gate["value"]["hiddenReplies"].Size() == 1);
  CHECK(gate["value"]["hiddenReplies"][0].GetString() == list.item(0)->network_id);

  // Bob likes the post; kanald reads its figures an hour after publishing,
  // and the Analytics view shows them.
  network.like(bob, head_uri, head_cid);
  REQUIRE(test::pump_until(
      [&] {
        return network.query(agency, "app.bsky.feed.getPosts", "uris=" + head_uri)["posts"][0]["likeCount"].GetInt() ==
               1;
      },
      20s));
  api.set_test_clock(SystemClock{}.now() + 1h + 5s).get();
  api.collect_metrics().get();
  test::choose_in_sidebar(frame, "Analytics");
  auto& analytics = frame->analytics();
  REQUIRE(test::pump_until(
      [&] {
        return analytics.report() && analytics.report()->accounts.size() == 1 &&
               analytics.report()->accounts[0].likes == 1;
      },
      20s));
  test::save_screenshot(frame, artifact("bluesky-analytics.png"));
  CHECK(test::wx_assert_count() == asserts_before);

  frame->Destroy();
  test::pump_for(100ms);
}
