// X and the director's quick post, in the app, against the suite's X (a fake
// X behind Prism, which checks every request and answer against X's
// official OpenAPI description): an admin gives the workspace's X app and
// adds a journalist to the press contacts; the account is connected in the
// browser; the director presses Ctrl+Shift+N, mentions the journalist from
// the press contacts, posts with an image and its alt text; the journalist's
// reply reaches the inbox, an abusive reply is hidden on X, the post's
// figures show in Analytics. Then an officer drafts for the director, who is
// told, opens it from the notification, edits it and posts it.
#include <catch2/catch.hpp>

#include <algorithm>

#include <wx/choicdlg.h>
#include <wx/listbox.h>
#include <wx/statusbr.h>
#include <wx/testing.h>
#include <wx/uiaction.h>

#include <mutex>
#include <thread>

#include "accounts/network_settings_dialog.h"
#include "analytics/analytics_view.h"
#include "api/client/http_client.h"
#include "app/main_frame.h"
#include "contacts/press_contact_dialog.h"
#include "contacts/press_contacts_view.h"
#include "core/json.h"
#include "gui_driver.h"
#include "inbox/inbox_view.h"
#include "network_dialogs.h"
#include "quickpost/quick_post_window.h"
#include "sign_in_as.h"
#include "support/images.h"
#include "support/kanald_process.h"
#include "support/team.h"
#include "support/temp_dir.h"
#include "support/x_network.h"
#include "test_browser.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

std::filesystem::path artifact(const char* name) { return std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / name; }

class EnterJournalist final : public wxExpectModalBase<gui::PressContactDialog, EnterJournalist> {
 protected:
  int OnInvoked(gui::PressContactDialog* dialog) const override {
    dialog->fill("Anna Svensson", "Dagens Nyheter", contacts::PressRole::journalist);
    dialog->set_handle("x", "@anna_reporter");
    return wxID_OK;
  }
};

// The person's browser on X's consent page: consents, and X sends it back
// to kanald's listener — off the UI thread, as the app keeps running.
struct XBrowser {
  test::XNetwork& network;
  std::mutex mutex;
  std::string error;
  std::vector<std::thread> threads;

  void open(const std::string& url) {
    std::lock_guard lock(mutex);
    threads.emplace_back([this, url] {
      try {
        client::HttpRequest back;
        back.url = network.consent(url);
        client::perform(back);
      } catch (const std::exception& e) {
        std::lock_guard error_lock(mutex);
        error = e.what();
      }
    });
  }
  ~XBrowser() {
    for (auto& thread : threads) thread.join();
  }
};

struct Notification {
  wxString title;
  wxString message;
  std::function<void()> click;
};

constexpr const char* kPolicy =
    "The director posts on the director's own account: account @kanal_director and author director -> none\n"
    "Drafts for the director's account need the director: account @kanal_director -> director\n"
    "Everything else is reviewed by the line manager: always -> line_manager\n";

}  // namespace

TEST_CASE(
    "the director connects X, quick-posts to a journalist with an image, hides an abusive reply, sees figures, "
    "and posts an officer's draft from the notification",
    "[x]") {
  test::XNetwork network(KANAL_TEST_X_DIR);
  network.create_user("anna_reporter", "Anna Svensson", 5400);
  network.create_user("troll_account", "Troll", 3);
  test::KanaldProcess kanald(
      {"--network-url", "x=" + network.api_url(), "--network-url", "x.oauth_url=" + network.fake_url(), "--network-url",
       "x.authorize_url=" + network.fake_url() + "/i/oauth2/authorize", "--inbox-sync-s", "3600", "--test-clock"});
  test::Team team(kanald);
  team.add("greta", Role::director);
  team.add("olle", Role::officer);
  team.admin().replace_policy(kPolicy).get();
  const int asserts_before = test::wx_assert_count();

  test::TempDir pictures;
  const auto image_file = pictures.path() / "foraldrapenning.png";
  test::write_file(image_file, test::tiny_png());
  const auto contacts_file = pictures.path() / "kontakter.csv";
  test::write_file(contacts_file,
                   "name;organisation;role;x\nPer Holm;Sveriges Radio;journalist;@per_holm\n"
                   "Lena Ek;Riksdagen;politician;@lena_ek\n");
  XBrowser browser{network};
  std::vector<Notification> notifications;
  auto desktop = gui::Desktop::system();
  desktop.open_browser = [&](const std::string& url) { browser.open(url); };
  desktop.choose_image = [&](wxWindow*) { return std::optional(image_file); };
  desktop.choose_open = [&](wxWindow*, const wxString&) { return std::optional(contacts_file); };
  desktop.notify = [&](const wxString& title, const wxString& message, std::function<void()> click) {
    notifications.push_back({title, message, std::move(click)});
  };
  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, desktop);
  frame->Show();
  auto status = [&] { return frame->GetStatusBar()->GetStatusText(0); };
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));

  // The admin: the workspace's X app (Accounts › Network settings), then the account, in the browser.
  test::choose_in_sidebar(frame, "Accounts");
  REQUIRE(test::pump_until([&] { return test::find(frame, "accounts_view")->IsShownOnScreen(); }));
  wxTEST_DIALOG(
      {
        test::click(test::find(frame, "network_settings"));
        REQUIRE(test::pump_until([&] { return status().Contains("settings saved"); }, 20s));
      },
      test::ChooseNetwork("X"),
      test::EnterNetworkSettings(
          {{"client_id", test::XNetwork::kClientId}, {"client_secret", test::XNetwork::kClientSecret}},
          artifact("x-network-settings.png")));
  auto* accounts = test::find<wxListCtrl>(frame, "account_list");
  wxTEST_DIALOG(
      {
        test::click(test::find(frame, "connect_account"));
        REQUIRE(test::pump_until([&] { return accounts->GetItemCount() == 1; }, 30s));
      },
      test::EnterInstanceUrl("", "x"));
  INFO("browser: " << browser.error);
  CHECK(accounts->GetItemText(0, 0) == "X");
  CHECK(accounts->GetItemText(0, 1) == "@kanal_director");
  test::save_screenshot(frame, artifact("x-accounts.png"));
  const auto account = team.admin().accounts().get().at(0);
  team.admin()
      .set_account_permissions(account.id,
                               {{team.user("greta").id, {"draft", "publish", "approve", "answer", "moderate"}},
                                {team.user("olle").id, {"draft"}}})
      .get();

  // The admin adds the journalist to the press contacts.
  test::choose_in_sidebar(frame, "Press contacts");
  REQUIRE(test::pump_until([&] { return test::find(frame, "press_contacts_view")->IsShownOnScreen(); }));
  wxTEST_DIALOG(
      {
        test::click(test::find(frame, "add_press_contact"));
        REQUIRE(test::pump_until([&] { return frame->press_contacts().contacts().size() == 1; }, 20s));
      },
      EnterJournalist());
  // …and two more from the team's spreadsheet.
  test::click(test::find(frame, "import_press_contacts"));
  REQUIRE(test::pump_until([&] { return frame->press_contacts().contacts().size() == 3; }, 20s));
  CHECK(status().Contains("2 added"));
  test::save_screenshot(frame, artifact("x-press-contacts.png"));

  // In the composer too, "@" offers them.
  test::choose_in_sidebar(frame, "Drafts");
  REQUIRE(test::pump_until([&] { return test::find(frame, "drafts_view")->IsShownOnScreen(); }));
  test::click(test::find(frame, "new_draft"));
  test::click(test::find(frame, "draft_editor"));
  test::type_text("Intervju med @pe");
  auto* offered = test::find<wxListBox>(test::find(frame, "drafts_view"), "mention_suggestions");
  REQUIRE(offered != nullptr);
  REQUIRE(test::pump_until([&] { return offered->IsShown() && offered->GetCount() == 1; }));
  CHECK(offered->GetString(0).Contains("Per Holm"));
  test::save_screenshot(frame, artifact("x-composer-mention.png"));

  // The director signs in and presses Ctrl+Shift+N.
  wxTEST_DIALOG(frame->sign_in(), test::SignInAs("greta"));
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(2).Contains("Test greta"); }));
  frame->Raise();
  test::pump_for(200ms);
  const auto pressed = std::chrono::steady_clock::now();
  {
    wxUIActionSimulator keys;
    keys.Char('N', wxMOD_CONTROL | wxMOD_SHIFT);
  }
  REQUIRE(test::pump_until([&] { return frame->quick_post() && frame->quick_post()->IsShownOnScreen(); }));
  const auto shown_after = std::chrono::steady_clock::now() - pressed;
  auto* quick = frame->quick_post();
  REQUIRE(test::pump_until([&] { return quick->loaded(); }));
  const double shown_ms = std::chrono::duration<double, std::milli>(shown_after).count();
  WARN("Quick post: window shown " << shown_ms << " ms after the keystroke");
  // The director's own account is ticked; the counter counts as X does.
  CHECK_THAT(quick->counters().utf8_string(), Catch::Contains("X 0/280"));

  quick->type_text(wxString::FromUTF8("48 000 familjer fick föräldrapenning i november. Mer i dag hos @ann"));
  REQUIRE(test::pump_until([&] { return !quick->mentions().shown().empty(); }));
  CHECK_THAT(quick->mentions().shown().front().utf8_string(), Catch::Contains("Anna Svensson"));
  quick->mentions().choose(0);
  CHECK_THAT(quick->counters().utf8_string(), Catch::Contains("X 78/280"));
  quick->attach_image(image_file, wxString::FromUTF8("Diagram: föräldrapenning per månad 2026"));
  REQUIRE(test::pump_until([&] { return quick->verdict().Contains("No approval needed"); }, 20s));
  test::save_screenshot(quick, artifact("x-quick-post.png"));
  quick->post_now();
  REQUIRE(test::pump_until([&] { return quick->outcome().Contains("Posted"); }, 30s));

  // On X: the post, the journalist mentioned by handle, the image with its alt text.
  std::string posted_id;
  REQUIRE(test::pump_until(
      [&] {
        const auto state = network.state();
        for (const auto& tweet : state["tweets"].GetArray()) {
          const std::string text = tweet["text"].GetString();
          if (text.find("@anna_reporter") != std::string::npos) posted_id = tweet["id"].GetString();
        }
        return !posted_id.empty();
      },
      30s));
  const auto media = json::written([&](json::JsonWriter& w) { network.state()["media"].Accept(w); });
  CHECK_THAT(media, Catch::Contains("Diagram: föräldrapenning per månad 2026"));
  quick->Close();

  // Replies: the journalist's question, and an abusive one the director hides.
  network.post("anna_reporter", "@kanal_director Kan jag få en kommentar till artikeln?", posted_id);
  network.post("troll_account", "@kanal_director jag vet var du bor, akta dig", posted_id);
  auto& greta = team["greta"];
  wire::InboxFilter all;
  all.account = account.id;
  REQUIRE(test::pump_until(
      [&] {
        greta.sync_inbox(account.id).get();
        return greta.inbox(all).get().items.size() == 2;
      },
      30s));
  frame->Raise();
  REQUIRE(frame->show_view(&frame->inbox()));
  auto& inbox = frame->inbox();
  auto& list = inbox.list();
  REQUIRE(test::pump_until([&] { return list.GetItemCount() == 2 && list.item(0) && list.item(1); }));
  int abusive = -1;
  for (int row = 0; row < 2; ++row) {
    if (list.item(row) && list.item(row)->text.find("akta dig") != std::string::npos) abusive = row;
  }
  REQUIRE(abusive >= 0);
  list.select_row(abusive);
  REQUIRE(test::pump_until([&] { return inbox.conversation().has_value(); }));
  // A threat: the moderation hides it on X by itself; the director may show
  // it again and hide it, and X follows each time.
  auto hidden_on_x = [&] {
    const auto state = network.state();
    for (const auto& tweet : state["tweets"].GetArray()) {
      if (std::string(tweet["text"].GetString()).find("akta dig") != std::string::npos)
        return tweet["hidden"].GetBool();
    }
    return false;
  };
  if (list.item(abusive)->visibility == "hidden") {
    CHECK(hidden_on_x());
    test::click(test::find(frame, "inbox_unhide"));
    REQUIRE(test::pump_until([&] { return list.item(abusive)->visibility != "hidden"; }, 30s));
    CHECK_FALSE(hidden_on_x());
  }
  test::click(test::find(frame, "inbox_hide"));
  REQUIRE(test::pump_until([&] { return list.item(abusive)->visibility == "hidden"; }, 30s));
  test::save_screenshot(frame, artifact("x-inbox-hidden.png"));
  CHECK(hidden_on_x());

  // Figures: kanald reads them an hour after publishing; Analytics shows them.
  network.set_metrics(posted_id, R"({"like_count":31,"retweet_count":7,"quote_count":2,"impression_count":4100})");
  team.admin().set_test_clock(SystemClock{}.now() + 1h + 5s).get();
  team.admin().collect_metrics().get();
  REQUIRE(frame->show_view(&frame->analytics()));
  auto& analytics = frame->analytics();
  REQUIRE(test::pump_until(
      [&] {
        return analytics.report() && analytics.report()->accounts.size() == 1 &&
               analytics.report()->accounts[0].likes == 31;
      },
      20s));
  test::save_screenshot(frame, artifact("x-analytics.png"));

  // An officer drafts for the director's account; the director is told.
  auto& olle = team["olle"];
  wire::CreatePostRequest draft;
  draft.text = "Nu kan du söka bostadsbidrag i appen.";
  draft.language = "sv";
  const auto officer_post = olle.create_post(draft).get();
  olle.submit(officer_post.id, {account.id}).get();
  // (The director also hears that their own posts went out: the one to click is the draft's.)
  const auto draft_notice = [&] {
    return std::find_if(notifications.begin(), notifications.end(),
                        [](const Notification& n) { return n.title.Contains("a draft for you"); });
  };
  REQUIRE(test::pump_until([&] { return draft_notice() != notifications.end(); }, 30s));
  draft_notice()->click();
  REQUIRE(test::pump_until([&] { return frame->quick_post() && frame->quick_post()->loaded(); }));
  quick = frame->quick_post();
  CHECK(quick->post_id() == std::optional(officer_post.id));
  REQUIRE(test::pump_until([&] { return quick->verdict().Contains("Waiting for your approval (director)"); }));
  quick->type_text(wxString::FromUTF8(" Välkommen!"));
  test::save_screenshot(quick, artifact("x-quick-post-draft.png"));
  quick->post_now();
  REQUIRE(test::pump_until([&] { return quick->outcome().Contains("Posted"); }, 30s));
  REQUIRE(test::pump_until(
      [&] {
        const auto state = network.state();
        for (const auto& tweet : state["tweets"].GetArray()) {
          if (std::string(tweet["text"].GetString()) == "Nu kan du söka bostadsbidrag i appen. Välkommen!") return true;
        }
        return false;
      },
      30s));
  // The director's edit is theirs in the trail (the account's trail is hers to read).
  const auto trail =
      greta.audit("action=post.edit&object_type=post&object_id=" + std::to_string(officer_post.id.value)).get();
  bool edited_by_director = false;
  for (const auto& event : trail.events) {
    edited_by_director = edited_by_director || event.actor == std::optional(team.user("greta").id);
  }
  CHECK(edited_by_director);
  CHECK(test::wx_assert_count() == asserts_before);

  frame->Destroy();
  test::pump_for(100ms);
}
