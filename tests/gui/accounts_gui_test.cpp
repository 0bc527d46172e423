// The Accounts view in the real app: an account whose access was revoked is
// shown as needing a person, and Reconnect fixes it; a connection can be
// cancelled, and a browser coming back afterwards connects nothing.
#include <catch2/catch.hpp>

#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/uiaction.h>

#include "app/main_frame.h"
#include "gui_driver.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "test_browser.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

struct AccountsScreen {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald{{"--account-check-s", "1"}};
  test::TestBrowser browser;
  gui::MainFrame* frame = nullptr;
  wxListCtrl* list = nullptr;

  explicit AccountsScreen(bool browser_approves) : browser(sandbox, browser_approves) {
    auto desktop = gui::Desktop::system();
    desktop.open_browser = [this](const std::string& url) { browser.open(url); };
    frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, desktop);
    frame->Show();
    REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));
    test::choose_in_sidebar(frame, "Accounts");
    REQUIRE(test::pump_until([&] { return test::find(frame, "accounts_view")->IsShownOnScreen(); }));
    list = test::find<wxListCtrl>(frame, "account_list");
  }
  ~AccountsScreen() {
    browser.join();
    frame->Destroy();
    test::pump_for(100ms);
  }

  void start_connecting() {
    // The dialog comes after kanald lists the networks: wait for what follows
    // it, the network's page opening, before the expectation ends.
    const auto opened_before = browser.opened().size();
    wxTEST_DIALOG(
        {
          test::click(test::find(frame, "connect_account"));
          REQUIRE(test::pump_until([&] { return browser.opened().size() > opened_before; }));
        },
        test::EnterInstanceUrl(sandbox.url()));
  }
};

}  // namespace

TEST_CASE("an account that needs a person says so, and Reconnect fixes it") {
  const int asserts_before = test::wx_assert_count();
  AccountsScreen screen(/*browser_approves=*/true);
  screen.start_connecting();
  REQUIRE(test::pump_until([&] { return screen.list->GetItemCount() == 1; }, 30s));
  CHECK(screen.list->GetItemText(0, 2) == "OK");

  screen.sandbox.revoke_tokens();  // the network stops accepting Kanal's access
  const bool marked = test::pump_until(
      [&] {
        test::click(test::find(screen.frame, "refresh_accounts"));
        test::pump_for(300ms);
        return screen.list->GetItemText(0, 2).StartsWith("Needs to be connected again");
      },
      30s);
  REQUIRE(marked);
  screen.list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  // The whole reason is readable below the list, where the column cuts it.
  auto* details = test::find<wxStaticText>(screen.frame, "account_details");
  REQUIRE(test::pump_until([&] { return details->GetLabel().Contains("The access token is invalid"); }));
  test::save_screenshot(screen.frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "account-needs-reconnect.png");

  auto* reconnect = test::find(screen.frame, "reconnect_account");
  REQUIRE(test::pump_until([&] { return reconnect->IsEnabled(); }));
  test::click(reconnect);
  CHECK(test::pump_until([&] { return screen.list->GetItemText(0, 2) == "OK"; }, 30s));
  CHECK(screen.list->GetItemCount() == 1);  // the same account, not a second one
  CHECK(screen.browser.error().empty());
  CHECK(test::wx_assert_count() == asserts_before);
}

TEST_CASE("connecting can be cancelled, and a late return from the browser connects nothing") {
  const int asserts_before = test::wx_assert_count();
  AccountsScreen screen(/*browser_approves=*/false);
  screen.start_connecting();
  auto* progress = test::find(screen.frame, "connect_progress");
  REQUIRE(test::pump_until([&] { return progress->IsShown() && !screen.browser.opened().empty(); }));
  test::save_screenshot(screen.frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "account-connecting.png");
  test::click(test::find(screen.frame, "cancel_connect"));
  REQUIRE(test::pump_until([&] { return !progress->IsShown(); }));
  test::pump_for(500ms);  // kanald hears of it

  const auto page = screen.browser.approve_last();  // the person clicks Authorize after all
  CHECK_THAT(page, Catch::Contains("cancelled"));
  test::click(test::find(screen.frame, "refresh_accounts"));
  test::pump_for(500ms);
  CHECK(screen.list->GetItemCount() == 0);
  CHECK(test::wx_assert_count() == asserts_before);
}
