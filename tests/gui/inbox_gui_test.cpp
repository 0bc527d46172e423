// The Inbox view as a comms officer uses it: comments from the sandbox with
// their moderation badges (the reason on hover), the conversation, j/k to
// move, r to answer with the approval policy's verdict shown before sending,
// e to mark done; hiding from the view; and a list of many thousands of
// items that loads only the rows on screen.
#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "api/client/api_client.h"
#include "app/main_frame.h"
#include "core/json.h"
#include "gui_driver.h"
#include "inbox/inbox_view.h"
#include "inbox/inbox_words.h"
#include "store/account_repository.h"
#include "store/interaction_repository.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

std::filesystem::path artifact(const char* name) { return std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / name; }

// The row showing the comment that begins with `start` (once loaded).
long row_of(gui::InboxList& list, const std::string& start) {
  for (long row = 0; row < list.GetItemCount(); ++row) {
    const auto* item = list.item(row);
    if (item != nullptr && item->text.rfind(start, 0) == 0) return row;
  }
  return -1;
}

void press(int key) {
  wxUIActionSimulator keys;
  keys.Char(key);
  test::pump_for(150ms);
}

}  // namespace

TEST_CASE("an officer answers a question from the inbox, sees what was hidden and why, and marks it done") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({"--inbox-sync-s", "3600"});
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const auto post = api.create_post({"Housing benefit for December is paid on the 18th.", {}}).get();
  api.publish(post.id, {{account.id}}).get();
  REQUIRE(test::wait_until_settled(api, post.id).at(0).state == "published");
  const std::string status = sandbox.statuses()[0]["id"].GetString();
  const auto question =
      sandbox.comment(test::comment_json("When is it paid if the 18th is a Sunday?", status, "citizen_question"));
  sandbox.comment(test::comment_json("Her number is 19121212-1212, she cheats.", status, "citizen_exposer"));
  sandbox.comment(test::comment_json("Holy shit, thank you, the money came!", status, "citizen_thanks"));
  api.add_saved_reply({0, "Sunday payments", "en", "Hi {name}, it is paid on the Friday before."}).get();
  REQUIRE(api.sync_inbox(account.id).get().stored == 3);
  const auto colleague = api.create_user({"maja", "Maja Lind", Role::officer, "a long password for maja"}).get();
  const int asserts_before = test::wx_assert_count();

  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}});
  frame->Show();
  REQUIRE(test::pump_until([&] { return frame->connection().me().has_value(); }));
  test::choose_in_sidebar(frame, "Inbox");
  auto& inbox = frame->inbox();
  auto& list = inbox.list();
  REQUIRE(test::pump_until([&] { return list.GetItemCount() == 3 && list.item(2) != nullptr; }));

  // The exposed identity number is hidden, and the badge says why.
  const long exposed = row_of(list, "Her number");
  REQUIRE(exposed >= 0);
  CHECK(list.GetItemText(exposed, 0) == wxString::FromUTF8("Hidden · personal data"));
  CHECK_THAT(gui::moderation_reason(*list.item(exposed)), Catch::Contains("identity number"));
  CHECK(row_of(list, "Holy shit") >= 0);
  CHECK(list.item(row_of(list, "Holy shit"))->visibility == "visible");

  // j / k move through the list; the conversation follows.
  const long asked = row_of(list, "When is it paid");
  wxRect first;
  REQUIRE(list.GetItemRect(0, first));
  test::click_at(&list, first.GetPosition() + wxPoint(40, first.height / 2));
  list.SetFocus();
  for (long row = list.selected_row(); row < asked; ++row) press('j');
  for (long row = list.selected_row(); row > asked; --row) press('k');
  REQUIRE(list.selected_row() == asked);
  REQUIRE(test::pump_until(
      [&] { return inbox.conversation() && inbox.conversation()->item.text.rfind("When is it paid", 0) == 0; }));
  CHECK(inbox.conversation()->post_text == "Housing benefit for December is paid on the 18th.");

  // r: the answer box; a saved reply fills in the name; the verdict shows before sending.
  press('r');
  auto* reply = test::find<wxTextCtrl>(frame, "inbox_reply");
  REQUIRE(test::pump_until([&] { return reply->HasFocus(); }));
  test::type_text("Hi, it is paid on Friday the 16th.");
  auto* verdict = test::find<wxStaticText>(frame, "inbox_verdict");
  REQUIRE(test::pump_until([&] { return verdict->GetLabel().Contains("Goes out at once"); }));
  test::save_screenshot(frame, artifact("inbox.png"));
  test::click(test::find(frame, "inbox_send"));
  REQUIRE(test::pump_until(
      [&] {
        const auto statuses = sandbox.statuses();
        return statuses.Size() == 2 && question == statuses[1]["in_reply_to_id"].GetString();
      },
      30s));
  REQUIRE(test::pump_until([&] { return inbox.conversation() && inbox.conversation()->answers.size() == 1; }));

  // Handed to a colleague.
  auto* assignee = test::find<wxChoice>(frame, "inbox_assignee");
  REQUIRE(test::pump_until([&] { return assignee->FindString("Maja Lind") != wxNOT_FOUND; }));
  assignee->SetSelection(assignee->FindString("Maja Lind"));
  test::click(test::find(frame, "inbox_assign"));
  REQUIRE(test::pump_until([&] { return list.item(asked)->assignee == colleague.id; }));

  // e: done.
  REQUIRE(test::pump_until([&] { return inbox.conversation().has_value(); }));
  list.SetFocus();
  press('e');
  REQUIRE(test::pump_until([&] { return list.GetItemText(asked, 5) == "done"; }));

  // Hiding from the view: the sweary thank-you is kept unless a person decides otherwise.
  const long thanks = row_of(list, "Holy shit");
  list.select_row(thanks);
  REQUIRE(
      test::pump_until([&] { return inbox.conversation() && inbox.conversation()->item.text.rfind("Holy", 0) == 0; }));
  test::click(test::find(frame, "inbox_hide"));
  REQUIRE(test::pump_until([&] { return list.item(thanks)->visibility == "hidden"; }));
  CHECK_THAT(list.item(thanks)->decided_by, Catch::StartsWith("person:"));

  // What kanald syncs meanwhile is announced, not slipped under the reader's rows.
  sandbox.comment(test::comment_json("Is the office open on Monday?", status, "citizen_late"));
  api.sync_inbox(account.id).get();
  inbox.look_for_new();
  auto* show_new = test::find<wxButton>(frame, "inbox_show_new");
  REQUIRE(test::pump_until([&] { return show_new->IsShown() && show_new->GetLabel().StartsWith("1 new"); }));
  CHECK(list.GetItemCount() == 3);
  test::click(show_new);
  REQUIRE(test::pump_until([&] { return list.GetItemCount() == 4; }));
  CHECK(test::wx_assert_count() == asserts_before);
  frame->Destroy();
  test::pump_for(100ms);
}

TEST_CASE("the inbox list holds many thousands of items and loads only the pages on screen") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({"--inbox-sync-s", "3600"});
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  constexpr int kItems = 50'000;
  {
    const auto db = kanald.database().open();
    db->transact([&](Poco::Data::Session& session) {
      store::InteractionRepository inbox(session);
      for (int i = 0; i < kItems; ++i) {
        store::NewInteraction item;
        item.account = account.id;
        item.network_id = std::to_string(1'000'000 + i);
        item.kind = "reply";
        item.author_handle = "@citizen" + std::to_string(i % 97) + "@127.0.0.1";
        item.text = "Comment number " + std::to_string(i);
        item.language = "sv";
        item.created_at = SystemClock{}.now();
        item.decision = {"question", 800, "keep", "model", ""};
        inbox.insert(item, SystemClock{}.now());
      }
    });
  }
  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}});
  frame->Show();
  REQUIRE(test::pump_until([&] { return frame->connection().me().has_value(); }));
  test::choose_in_sidebar(frame, "Inbox");
  auto& list = frame->inbox().list();
  REQUIRE(test::pump_until([&] { return list.GetItemCount() == kItems && list.item(0) != nullptr; }));
  CHECK(list.item(0)->text == "Comment number " + std::to_string(kItems - 1));  // newest first
  // Jump to the end: that page is fetched, not the ones between.
  list.EnsureVisible(kItems - 1);
  REQUIRE(test::pump_until([&] { return list.item(kItems - 1) != nullptr; }));
  CHECK(list.item(kItems - 1)->text == "Comment number 0");
  CHECK(list.GetItemText(kItems - 1, 2) == "Comment number 0");
  frame->Destroy();
  test::pump_for(100ms);
}
