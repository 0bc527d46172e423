// Facebook and Instagram, in the app, against the suite's Meta (a fake Graph
// API that checks every request against Meta's own spec files): an admin
// gives the workspace's Meta app in Facebook's network settings (Instagram
// reads them there); one Facebook login in the browser offers the pages and
// the Instagram account, and the person connects the agency's page and its
// Instagram account. A draft with two JPEG images, each with alt text, goes
// to both; comments arrive on both, the moderation hides the hateful ones on
// the network and keeps the furious complaint; a question is answered from
// the inbox; the figures show in Analytics.
#include <catch2/catch.hpp>

#include <wx/checklst.h>
#include <wx/choicdlg.h>
#include <wx/datectrl.h>
#include <wx/html/htmlwin.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/testing.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>

#include "accounts/network_settings_dialog.h"
#include "analytics/analytics_view.h"
#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "app/main_frame.h"
#include "gui_driver.h"
#include "inbox/inbox_view.h"
#include "network_dialogs.h"
#include "support/fake_state.h"
#include "support/images.h"
#include "support/kanald_process.h"
#include "support/meta_network.h"
#include "support/temp_dir.h"
#include "test_browser.h"

using namespace kanal;
using test::by_id;
using test::flag;
using test::live;
using test::text_at;
using namespace std::chrono_literals;

namespace {

std::filesystem::path artifact(const char* name) { return std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / name; }

// The fixture's fake, or one of a run's own (KANAL_TEST_META_DIR in the
// environment, started with tests/support/meta-network.sh start DIR).
std::filesystem::path meta_dir() {
  const char* own = std::getenv("KANAL_TEST_META_DIR");
  return own != nullptr && *own != '\0' ? std::filesystem::path(own) : std::filesystem::path(KANAL_TEST_META_DIR);
}

// The inbox row showing the comment that begins with `start` (once loaded).
long row_of(gui::InboxList& list, const std::string& start) {
  for (long row = 0; row < list.GetItemCount(); ++row) {
    const auto* item = list.item(row);
    if (item != nullptr && item->text.rfind(start, 0) == 0) return row;
  }
  return -1;
}

// What one Facebook login offers: the person keeps the agency's page and its
// Instagram account and unticks the regional office.
class ChooseAgency final : public wxExpectModalBase<wxMultiChoiceDialog, ChooseAgency> {
 public:
  explicit ChooseAgency(std::vector<wxString>* offered) : offered_(offered) {}

 protected:
  int OnInvoked(wxMultiChoiceDialog* dialog) const override {
    CHECK(dialog->GetName() == "choose_accounts_dialog");
    auto* list = test::find<wxCheckListBox>(dialog, wxListBoxNameStr);
    REQUIRE(list != nullptr);
    for (unsigned i = 0; i < list->GetCount(); ++i) {
      offered_->push_back(list->GetString(i));
      // Offered all ticked; the person unticks what is not the agency's.
      CHECK(list->IsChecked(i));
      if (!list->GetString(i).Contains("Kanal Test Agency") && !list->GetString(i).Contains("kanaltestagency")) {
        list->Check(i, false);
      }
    }
    dialog->Show();
    test::pump_until([&] { return dialog->IsShownOnScreen(); });
    test::pump_for(300ms);
    test::save_screenshot(dialog, artifact("meta-choose-accounts.png"));
    dialog->Hide();
    // What pressing OK does: the ticks become the dialog's answer.
    REQUIRE(dialog->TransferDataFromWindow());
    return wxID_OK;
  }

 private:
  std::vector<wxString>* offered_;
};

// The person's browser on Facebook's login dialog: Facebook sends it back to
// kanald's listener (the "#_=_" it appends stays in the browser) — off the
// UI thread, as the app keeps running.
struct MetaBrowser {
  test::MetaNetwork& network;
  std::mutex mutex;
  std::string error;
  std::vector<std::string> opened;
  std::vector<std::thread> threads;

  void open(const std::string& url) {
    std::lock_guard lock(mutex);
    opened.push_back(url);
    threads.emplace_back([this, url] {
      try {
        auto back = network.consent(url);
        back = back.substr(0, back.find('#'));
        client::HttpRequest request;
        request.url = back;
        const auto response = client::perform(request);
        if (response.status != 200) throw std::runtime_error("kanald answered " + std::to_string(response.status));
      } catch (const std::exception& e) {
        std::lock_guard error_lock(mutex);
        error = e.what();
      }
    });
  }
  std::string error_text() {
    std::lock_guard lock(mutex);
    return error;
  }
  ~MetaBrowser() {
    for (auto& thread : threads) thread.join();
  }
};

}  // namespace

TEST_CASE(
    "one Meta login connects a Facebook page and its Instagram account, a post with two images and alt text goes to "
    "both, the hateful comment is hidden and the critical one kept, a question is answered, the figures show",
    "[meta]") {
  const auto started = std::chrono::steady_clock::now();
  test::MetaNetwork network(meta_dir());
  test::KanaldProcess kanald({"--network-url", "facebook.graph_url=" + network.graph_url(), "--network-url",
                              "facebook.web_url=" + network.graph_url(), "--inbox-sync-s", "3600", "--metrics-every-s",
                              "3600", "--test-clock"});
  client::ApiClient api(kanald.endpoint());  // the test's hand on kanald's clock
  const int asserts_before = test::wx_assert_count();

  // Two photos from the comms officer's pictures folder; Instagram takes JPEG only.
  test::TempDir pictures;
  const auto calendar = pictures.path() / "kalender.jpg";
  const auto office = pictures.path() / "kontoret.jpg";
  test::write_file(calendar, test::tiny_jpeg());
  test::write_file(office, test::tiny_jpeg());
  std::deque<std::filesystem::path> to_choose{calendar, office};
  MetaBrowser browser{network};
  auto desktop = gui::Desktop::system();
  desktop.open_browser = [&](const std::string& url) { browser.open(url); };
  desktop.choose_image = [&](wxWindow*) -> std::optional<std::filesystem::path> {
    if (to_choose.empty()) return std::nullopt;
    auto file = to_choose.front();
    to_choose.pop_front();
    return file;
  };
  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, desktop);
  frame->SetSize(1280, 780);
  frame->Show();
  auto status = [&] { return frame->GetStatusBar()->GetStatusText(0); };
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));

  // The admin: the workspace's Meta app, in Facebook's network settings.
  test::choose_in_sidebar(frame, "Accounts");
  REQUIRE(test::pump_until([&] { return test::find(frame, "accounts_view")->IsShownOnScreen(); }));
  wxTEST_DIALOG(
      {
        test::click(test::find(frame, "network_settings"));
        REQUIRE(test::pump_until([&] { return status().Contains("settings saved"); }, 20s));
      },
      // Instagram is set up in Facebook's settings: one Meta app for both.
      test::ChooseNetwork("Facebook", "Instagram"),
      test::EnterNetworkSettings({{"app_id", test::MetaNetwork::kAppId}, {"app_secret", test::MetaNetwork::kAppSecret}},
                                 artifact("meta-network-settings.png")));

  // Connect account › Facebook: the login in the browser offers both pages
  // and the agency's Instagram account, each with its network.
  auto* accounts = test::find<wxListCtrl>(frame, "account_list");
  std::vector<wxString> offered;
  wxTEST_DIALOG(
      {
        test::click(test::find(frame, "connect_account"));
        const bool connected = test::pump_until([&] { return accounts->GetItemCount() == 2; }, 30s);
        INFO("status: " << status().utf8_string() << "; browser: " << browser.error_text());
        REQUIRE(connected);
      },
      test::EnterInstanceUrl("", "facebook"), ChooseAgency(&offered));
  REQUIRE(offered.size() == 3);
  const auto offer = [&](const char* name, const char* network_kind) {
    return std::count_if(offered.begin(), offered.end(), [&](const wxString& line) {
      return line.Contains(name) && line.Contains(wxString::Format("(%s)", network_kind));
    });
  };
  CHECK(offer("Kanal Test Agency", "Facebook page") == 1);
  CHECK(offer("Kanal Regional Office", "Facebook page") == 1);
  CHECK(offer("@kanaltestagency", "Instagram professional account") == 1);
  std::map<wxString, wxString> connected;  // network → handle, as the Accounts list shows them
  for (long row = 0; row < accounts->GetItemCount(); ++row) {
    connected[accounts->GetItemText(row, 0)] = accounts->GetItemText(row, 1);
    CHECK(accounts->GetItemText(row, 2) == "OK");
  }
  CHECK(connected == std::map<wxString, wxString>{{"Facebook", "@kanaltestagency"}, {"Instagram", "@kanaltestagency"}});
  test::save_screenshot(frame, artifact("meta-accounts.png"));
  const auto page_id = network.page_id("Kanal Test Agency");
  const auto instagram_id = network.instagram_id("Kanal Test Agency");

  // Drafts: a text, two images each with alt text, to both accounts.
  const std::string text = "Barnbidraget betalas ut den 20:e. Ring oss om du undrar.";
  const std::string calendar_alt = "Kalender med den 20:e inringad";
  const std::string office_alt = "Kontoret vid torget i Sundsvall";
  test::choose_in_sidebar(frame, "Drafts");
  REQUIRE(test::pump_until([&] { return test::find(frame, "drafts_view")->IsShownOnScreen(); }));
  test::click(test::find(frame, "new_draft"));
  test::click(test::find(frame, "draft_editor"));
  test::type_text(text);
  test::click(test::find(frame, "add_image_1"));
  REQUIRE(test::pump_until([&] { return test::find(frame, "alt_text_1_1") != nullptr; }));
  test::click(test::find(frame, "add_image_1"));
  REQUIRE(test::pump_until([&] { return test::find(frame, "alt_text_1_2") != nullptr; }));
  test::click(test::find(frame, "alt_text_1_1"));
  test::type_text(calendar_alt);
  test::click(test::find(frame, "alt_text_1_2"));
  test::type_text(office_alt);
  CHECK(test::find<wxTextCtrl>(frame, "alt_text_1_1")->GetValue() == calendar_alt);
  CHECK(test::find<wxTextCtrl>(frame, "alt_text_1_2")->GetValue() == office_alt);
  test::press_ctrl('s');
  REQUIRE(test::pump_until([&] { return status().Contains("created"); }));
  auto* targets = test::find<wxCheckListBox>(frame, "publish_targets");
  REQUIRE(test::pump_until([&] { return targets->GetCount() == 2; }));
  // Both ticked, each named with its network: the page and its Instagram account share a handle.
  std::vector<wxString> target_names;
  for (unsigned i = 0; i < targets->GetCount(); ++i) {
    CHECK(targets->IsChecked(i));
    target_names.push_back(targets->GetString(i));
  }
  std::sort(target_names.begin(), target_names.end());
  CHECK(target_names == std::vector<wxString>{"Facebook @kanaltestagency", "Instagram @kanaltestagency"});
  auto* publish = test::find(frame, "publish_draft");
  REQUIRE(test::pump_until([&] { return publish->IsEnabled(); }));
  test::save_screenshot(frame, artifact("meta-draft.png"));
  test::click(publish);
  auto* deliveries = test::find<wxTextCtrl>(frame, "deliveries");
  const bool settled = test::pump_until(
      [&] {
        const auto shown = deliveries->GetValue();
        return shown.Freq('\n') >= 3 && !shown.Contains(wxString::FromUTF8("publishing…")) &&
               !shown.Contains("retrying");
      },
      60s);
  INFO("deliveries: " << deliveries->GetValue().utf8_string());
  REQUIRE(settled);
  CHECK_FALSE(deliveries->GetValue().Contains("failed"));
  test::save_screenshot(frame, artifact("meta-published.png"));

  // On Facebook: one post with two photos carrying the alt texts; on
  // Instagram: one carousel with the caption.
  std::string post_id, media_id;
  REQUIRE(test::pump_until(
      [&] {
        const auto state = network.state();
        const auto posts = live(state, "posts", "message", text);
        const auto media = live(state, "media", "caption", text);
        if (posts.size() == 1) post_id = text_at(*posts.front(), "id");
        if (media.size() == 1) media_id = text_at(*media.front(), "id");
        return posts.size() == 1 && media.size() == 1;
      },
      30s));
  {
    const auto state = network.state();
    CHECK(text_at(*by_id(state, "posts", post_id), "page_id") == page_id);
    std::vector<std::string> alts;
    for (const auto& photo : state["photos"].GetArray()) {
      if (text_at(photo, "attached_to") == post_id) alts.push_back(text_at(photo, "alt_text_custom"));
    }
    std::sort(alts.begin(), alts.end());
    CHECK(alts == std::vector<std::string>{calendar_alt, office_alt});
    const auto& media = *by_id(state, "media", media_id);
    CHECK(text_at(media, "ig_id") == instagram_id);
    CHECK(text_at(media, "media_type") == "CAROUSEL_ALBUM");
    REQUIRE(media["children"].IsArray());
    std::vector<std::string> ig_alts;
    for (const auto& child : media["children"].GetArray()) {
      const auto* item = by_id(state, "media", child.GetString());
      REQUIRE(item != nullptr);
      ig_alts.push_back(text_at(*item, "alt_text"));
    }
    std::sort(ig_alts.begin(), ig_alts.end());
    CHECK(ig_alts == std::vector<std::string>{calendar_alt, office_alt});
  }

  // People comment: a furious complaint, a hateful threat and a question on
  // the page; hate and thanks on Instagram.
  const std::string furious = "Det här är helt orimligt, ni borde skämmas!";
  const std::string hateful = "Ni och era invandrare borde skjutas allihop";
  const std::string question = "När kommer beslutet om mitt bostadsbidrag?";
  const std::string ig_hateful = "Alla invandrare borde skjutas";
  const auto furious_id = network.comment("Anna Andersson", post_id, furious);
  const auto hateful_id = network.comment("Lars Berg", post_id, hateful);
  const auto question_id = network.comment("Anna Andersson", post_id, question);
  const auto ig_hateful_id = network.instagram_comment("troll_account", media_id, ig_hateful);
  const auto ig_thanks_id = network.instagram_comment("mamma_lisa", media_id, "Tack, bra att veta!");

  // The Inbox: Sync now brings them; the moderation hid the hateful ones on the network.
  test::choose_in_sidebar(frame, "Inbox");
  auto& inbox = frame->inbox();
  auto& list = inbox.list();
  REQUIRE(test::pump_until([&] { return test::find(frame, "inbox_view")->IsShownOnScreen(); }));
  test::click(test::find(frame, "inbox_sync"));
  const bool synced = test::pump_until(
      [&] {
        return list.GetItemCount() == 5 && list.item(0) != nullptr && list.item(4) != nullptr &&
               row_of(list, "Tack, bra") >= 0;
      },
      30s);
  INFO("status: " << status().utf8_string());
  REQUIRE(synced);
  const long hateful_row = row_of(list, hateful);
  const long furious_row = row_of(list, furious);
  const long ig_hateful_row = row_of(list, ig_hateful);
  REQUIRE(hateful_row >= 0);
  REQUIRE(furious_row >= 0);
  REQUIRE(ig_hateful_row >= 0);
  CHECK(list.item(hateful_row)->visibility == "hidden");
  CHECK(list.item(ig_hateful_row)->visibility == "hidden");
  CHECK(list.item(furious_row)->visibility == "visible");
  CHECK(list.item(row_of(list, "Tack, bra"))->visibility == "visible");
  CHECK(list.GetItemText(hateful_row, 0).StartsWith("Hidden"));
  CHECK(list.GetItemText(hateful_row, 3) == "Facebook @kanaltestagency");
  CHECK(list.GetItemText(ig_hateful_row, 3) == "Instagram @kanaltestagency");
  CHECK_FALSE(list.GetItemText(furious_row, 0).StartsWith("Hidden"));
  REQUIRE(test::pump_until(
      [&] {
        const auto state = network.state();
        return flag(*by_id(state, "comments", hateful_id), "is_hidden") &&
               flag(*by_id(state, "ig_comments", ig_hateful_id), "hidden");
      },
      20s));
  {
    const auto state = network.state();
    CHECK_FALSE(flag(*by_id(state, "comments", furious_id), "is_hidden"));
    CHECK_FALSE(flag(*by_id(state, "comments", question_id), "is_hidden"));
    CHECK_FALSE(flag(*by_id(state, "ig_comments", ig_thanks_id), "hidden"));
  }
  // The hidden one, opened: what it said, and why it is hidden.
  wxRect rect;
  REQUIRE(list.GetItemRect(hateful_row, rect));
  test::click_at(&list, rect.GetPosition() + wxPoint(40, rect.height / 2));
  REQUIRE(test::pump_until([&] { return inbox.conversation() && inbox.conversation()->item.text == hateful; }));
  test::save_screenshot(frame, artifact("meta-inbox-hidden.png"));

  // The question, answered from the inbox as the page.
  const std::string answer = "Hej Anna! Beslutet kommer inom fyra veckor.";
  const long question_row = row_of(list, question);
  REQUIRE(question_row >= 0);
  REQUIRE(list.GetItemRect(question_row, rect));
  test::click_at(&list, rect.GetPosition() + wxPoint(40, rect.height / 2));
  REQUIRE(test::pump_until([&] { return inbox.conversation() && inbox.conversation()->item.text == question; }));
  // Which post it asks about, and where.
  auto* conversation = test::find<wxHtmlWindow>(frame, "inbox_conversation");
  // The page's post heads the conversation read from Facebook.
  REQUIRE(test::pump_until([&] { return conversation->ToText().Contains(wxString::FromUTF8(text)); }));
  auto* reply = test::find<wxTextCtrl>(frame, "inbox_reply");
  test::click(reply);
  REQUIRE(test::pump_until([&] { return reply->HasFocus(); }));
  test::type_text(answer);
  auto* verdict = test::find<wxStaticText>(frame, "inbox_verdict");
  REQUIRE(test::pump_until([&] { return verdict->GetLabel().Contains("Goes out at once"); }));
  test::save_screenshot(frame, artifact("meta-inbox-answer.png"));
  test::click(test::find(frame, "inbox_send"));
  std::string answer_id;
  REQUIRE(test::pump_until(
      [&] {
        const auto state = network.state();
        const auto made = live(state, "comments", "message", answer);
        if (made.size() == 1) answer_id = text_at(*made.front(), "id");
        return !made.empty();
      },
      30s));
  {
    const auto state = network.state();
    CHECK(live(state, "comments", "message", answer).size() == 1);
    const auto& made = *by_id(state, "comments", answer_id);
    CHECK(text_at(made, "author_id") == page_id);
    CHECK(text_at(made, "parent") == question_id);
  }
  REQUIRE(test::pump_until([&] { return inbox.conversation() && inbox.conversation()->answers.size() == 1; }));

  // Figures: kanald reads them an hour after publishing; Refresh figures in Analytics shows them.
  network.set_post_metrics(post_id, R"({"reactions":41,"shares":7,"impressions":5200})");
  network.set_post_metrics(media_id, R"({"likes":120,"views":3100,"shares":4})");
  api.set_test_clock(SystemClock{}.now() + 1h + 5s).get();
  test::choose_in_sidebar(frame, "Analytics");
  auto& analytics = frame->analytics();
  REQUIRE(test::pump_until([&] { return test::find(frame, "analytics_view")->IsShownOnScreen(); }));
  // kanald's clock is an hour on, maybe into tomorrow: the days shown run to then.
  test::find<wxDatePickerCtrl>(frame, "analytics_from")->SetValue(wxDateTime::Today() - wxDateSpan::Days(1));
  test::find<wxDatePickerCtrl>(frame, "analytics_to")->SetValue(wxDateTime::Today() + wxDateSpan::Days(1));
  test::find<wxChoice>(frame, "analytics_period")->SetSelection(6);  // Chosen days
  test::click(test::find(frame, "analytics_refresh"));
  const auto likes_of = [&](const char* network_id) -> std::optional<std::int64_t> {
    if (!analytics.report()) return std::nullopt;
    for (const auto& account : analytics.report()->accounts) {
      if (account.network == network_id) return account.likes;
    }
    return std::nullopt;
  };
  const bool shown = test::pump_until(
      [&] { return likes_of("facebook") == std::optional<std::int64_t>(41) && likes_of("instagram") == 120; }, 30s);
  INFO("status: " << status().utf8_string());
  REQUIRE(shown);
  for (const auto& account : analytics.report()->accounts) {
    INFO(account.network);
    CHECK(account.posts == 1);
    if (account.network == "facebook") {
      CHECK(account.shares == 7);
      CHECK(account.impressions == 5200);
      CHECK(account.followers_end == 52000);
    } else {
      CHECK(account.shares == 4);
      CHECK(account.impressions == 3100);
      CHECK(account.followers_end == 8300);
    }
  }
  test::save_screenshot(frame, artifact("meta-analytics.png"));
  CHECK(test::wx_assert_count() == asserts_before);

  frame->Destroy();
  test::pump_for(100ms);
  WARN("the Meta flow took "
       << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count() << " s");
}
