// Connecting the sandbox account and publishing a draft, from the app.
#include <catch2/catch.hpp>

#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/statbmp.h>
#include <wx/statusbr.h>
#include <wx/testing.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/uiaction.h>

#include <thread>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "app/main_frame.h"
#include "gui_driver.h"
#include "support/connect_account.h"
#include "support/images.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/temp_dir.h"
#include "test_browser.h"

using namespace kanal;
using namespace std::chrono_literals;

TEST_CASE("connect the sandbox account and publish a thread with an image from the app") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  const int asserts_before = test::wx_assert_count();

  test::TestBrowser browser(sandbox, /*approve=*/true);
  // The "file chooser": picks the image a person would.
  test::TempDir pictures;
  const auto image_file = pictures.path() / "new-office.png";
  test::write_file(image_file, test::tiny_png());
  auto desktop = gui::Desktop::system();
  desktop.open_browser = [&](const std::string& url) { browser.open(url); };
  desktop.choose_image = [&](wxWindow*) { return std::optional(image_file); };
  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, desktop);
  frame->Show();
  auto status = [&] { return frame->GetStatusBar()->GetStatusText(0); };
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));

  // Sidebar: Drafts, then Accounts.
  test::choose_in_sidebar(frame, "Accounts");
  REQUIRE(test::pump_until([&] { return test::find(frame, "accounts_view")->IsShownOnScreen(); }));

  wxTEST_DIALOG(
      {
        test::click(test::find(frame, "connect_account"));
        // The dialog has been answered once the network's page was opened.
        REQUIRE(test::pump_until([&] { return !browser.opened().empty(); }));
      },
      test::EnterInstanceUrl(sandbox.url()));
  auto* accounts = test::find<wxListCtrl>(frame, "account_list");
  const bool connected = test::pump_until([&] { return accounts->GetItemCount() == 1; }, 30s);
  INFO("status: " << status().utf8_string() << "; browser: " << browser.error());
  REQUIRE(connected);
  browser.join();
  CHECK(accounts->GetItemText(0, 1) == "@kanal_demo@127.0.0.1");
  CHECK(accounts->GetItemText(0, 2) == "OK");
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "accounts-view.png");

  // Back to Drafts: write a post with an image and its alt text, add a
  // second part to make it a thread, save, publish.
  test::choose_in_sidebar(frame, "Drafts");
  REQUIRE(test::pump_until([&] { return test::find(frame, "drafts_view")->IsShownOnScreen(); }));
  test::click(test::find(frame, "new_draft"));
  test::click(test::find(frame, "draft_editor"));
  test::type_text("Our office in Tromso moves on 1 March.");

  test::click(test::find(frame, "add_image_1"));
  REQUIRE(test::pump_until([&] { return test::find(frame, "alt_text_1_1") != nullptr; }));
  // The picture shown is the image (red), not the grey stand-in.
  auto* thumbnail = test::find<wxStaticBitmap>(frame, "image_1_1");
  REQUIRE(thumbnail != nullptr);
  REQUIRE(test::pump_until([&] {
    const auto picture = thumbnail->GetBitmap().ConvertToImage();
    return picture.IsOk() && picture.GetRed(picture.GetWidth() / 2, picture.GetHeight() / 2) > 150 &&
           picture.GetGreen(picture.GetWidth() / 2, picture.GetHeight() / 2) < 80;
  }));
  test::click(test::find(frame, "alt_text_1_1"));
  test::type_text("Map of the new office by the harbour");

  test::click(test::find(frame, "add_thread_part"));
  REQUIRE(test::pump_until([&] { return test::find(frame, "thread_part_2") != nullptr; }));
  test::click(test::find(frame, "thread_part_2"));
  test::type_text("Opening hours stay the same.");
  test::press_ctrl('s');
  REQUIRE(test::pump_until([&] { return status().Contains("created"); }));
  auto* publish = test::find(frame, "publish_draft");
  REQUIRE(test::pump_until([&] { return publish->IsEnabled(); }));
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "draft-with-image-and-thread.png");
  test::click(publish);

  auto* deliveries = test::find<wxTextCtrl>(frame, "deliveries");
  REQUIRE(test::pump_until([&] { return deliveries->GetValue().Contains("published"); }, 30s));
  CHECK(deliveries->GetValue().Contains(wxString::FromUTF8(sandbox.url())));
  auto statuses = sandbox.statuses();
  REQUIRE(statuses.Size() == 2);
  CHECK(std::string(statuses[0]["text"].GetString()) == "Our office in Tromso moves on 1 March.");
  REQUIRE(statuses[0]["media"].Size() == 1);
  CHECK(std::string(statuses[0]["media"][0]["description"].GetString()) == "Map of the new office by the harbour");
  CHECK(std::string(statuses[1]["text"].GetString()) == "Opening hours stay the same.");
  CHECK(std::string(statuses[1]["in_reply_to_id"].GetString()) == statuses[0]["id"].GetString());
  // The list follows the post's new state.
  auto* drafts = test::find<wxListCtrl>(frame, "draft_list");
  CHECK(test::pump_until([&] { return drafts->GetItemText(0, 1) == "Published"; }));
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "published-draft.png");
  CHECK(test::wx_assert_count() == asserts_before);

  frame->Destroy();
  test::pump_for(100ms);
}

// The network forgets idempotency keys after a second here, and the thread's
// second part is made twice without an answer: kanald finds two of three
// parts on the account and cannot tell what a resend would do. The person
// is asked, in the draft's publish panel.
TEST_CASE("where the network cannot tell whether a post went out, the person answers from the app") {
  test::SandboxProcess sandbox({"--idempotency-window", "1"});
  test::KanaldProcess kanald({"--idempotency-window", "mastodon=1"});
  const int asserts_before = test::wx_assert_count();
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  sandbox.add_fault(R"({"kind":"drop_after","path":"/api/v1/statuses","skip":1,"count":2})");
  wire::CreatePostRequest request{"1/3 New rules for housing benefit.", {}};
  request.thread = {{"2/3 They apply from 1 January.", {}}, {"3/3 Questions? Answer here.", {}}};
  auto post = api.create_post(request).get();
  api.publish(post.id, {{account.id}}).get();
  REQUIRE(test::wait_until_settled(api, post.id)[0].state == "undecided");

  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, gui::Desktop::system());
  frame->Show();
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));
  auto* drafts = test::find<wxListCtrl>(frame, "draft_list");
  REQUIRE(test::pump_until([&] { return drafts->GetItemCount() == 1; }));
  wxRect row;
  REQUIRE(drafts->GetItemRect(0, row));
  test::click_at(drafts, wxPoint(row.x + 20, row.y + row.height / 2));
  auto* deliveries = test::find<wxTextCtrl>(frame, "deliveries");
  REQUIRE(test::pump_until([&] { return deliveries->GetValue().Contains("Kanal cannot tell"); }));
  CHECK(deliveries->GetValue().Contains("2 of the thread's 3 parts"));
  auto* decision = test::find(frame, "delivery_decision");
  REQUIRE(test::pump_until([&] { return decision->IsShownOnScreen(); }));
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "undecided-delivery.png");

  // The person looked: the last part is missing, so it goes again.
  const auto made = sandbox.statuses().Size();
  test::click(test::find(frame, "delivery_publish_again"));
  REQUIRE(test::pump_until([&] { return deliveries->GetValue().Contains("published"); }, 30s));
  CHECK_FALSE(decision->IsShown());
  CHECK(sandbox.statuses().Size() == made + 3);
  CHECK(test::pump_until([&] { return drafts->GetItemText(0, 1) == "Published"; }));
  CHECK(test::wx_assert_count() == asserts_before);
  frame->Destroy();
  test::pump_for(100ms);
}
