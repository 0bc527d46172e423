// The composer in the app: live counters per account, hints, and the
// keystroke-to-hints latency on a 3,000-character text.
#include <catch2/catch.hpp>

#include <wx/app.h>
#include <wx/button.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/testing.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <algorithm>
#include <iostream>

#include "api/client/api_client.h"
#include "api/wire/networks.h"
#include "app/main_frame.h"
#include "compose/check_panel.h"
#include "compose/template_dialog.h"
#include "gui_driver.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "text/network_count.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

// The app on a kanald with the sandbox account connected.
struct ComposeApp {
  ComposeApp() {
    frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, gui::Desktop::system());
    frame->Show();
    REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));
  }
  ~ComposeApp() {
    frame->Destroy();
    test::pump_for(100ms);
    CHECK(test::wx_assert_count() == asserts_before);
  }

  test::SandboxProcess sandbox;
  test::KanaldProcess kanald{{}, test::ApprovalPolicy::kanal_default};
  client::ApiClient api{kanald.endpoint()};
  Account account = test::connect_sandbox_account(api, sandbox);
  int asserts_before = test::wx_assert_count();
  gui::MainFrame* frame = nullptr;
};

}  // namespace

TEST_CASE("typing into the Compose view updates the account's counter and shows a jargon hint") {
  ComposeApp app;
  const Account& account = app.account;
  auto* frame = app.frame;
  const wxString counter_name = wxString::Format("counter_%lld", static_cast<long long>(account.id.value));
  REQUIRE(test::pump_until([&] { return test::find(frame, counter_name) != nullptr; }));
  auto* counter = test::find<wxStaticText>(frame, counter_name);
  auto* hints = test::find<wxListBox>(frame, "hints");
  auto* checks = test::find<gui::CheckPanel>(frame, "check_panel");
  auto* editor = test::find<wxTextCtrl>(frame, "draft_editor");

  test::click(test::find(frame, "new_draft"));
  test::click(editor);
  const std::string typed = "Ditt bostadsbidrag beviljas om du inkommer med intyg.";
  test::type_text(typed);
  REQUIRE(test::pump_until([&] { return counter->GetLabel().Contains("53/500"); }));
  CHECK(counter->GetLabel().Contains("@kanal_demo@127.0.0.1"));
  bool jargon = false;
  for (unsigned i = 0; i < hints->GetCount(); ++i) jargon = jargon || hints->GetString(i).Contains("du får");
  CHECK(jargon);
  CHECK(test::find<wxStaticText>(frame, "check_summary")->GetLabel().Contains("expert check"));

  // Clicking the hint selects its words in the editor.
  for (unsigned i = 0; i < hints->GetCount(); ++i) {
    if (!hints->GetString(i).Contains("du får")) continue;
    hints->SetSelection(static_cast<int>(i));
    wxCommandEvent selected(wxEVT_LISTBOX, hints->GetId());
    selected.SetInt(static_cast<int>(i));
    selected.SetEventObject(hints);
    hints->ProcessWindowEvent(selected);
  }
  CHECK(editor->GetStringSelection() == "beviljas");
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "compose-view.png");

  // Past the limit the counter turns red.
  editor->SetValue(wxString(wxT('a'), 501));
  REQUIRE(test::pump_until([&] { return counter->GetLabel().Contains("501/500"); }));
  CHECK(counter->GetForegroundColour().Red() > 150);

  // Too long: split it into a numbered thread that fits.
  std::string sentences;
  while (sentences.size() < 900) sentences += "Vi betalar ut pengarna i mars. ";
  editor->SetValue(wxString::FromUTF8(sentences));
  auto* split = test::find<wxButton>(frame, "split_thread");
  REQUIRE(test::pump_until([&] { return split->IsEnabled(); }));
  test::click(split);
  REQUIRE(test::pump_until([&] { return test::find(frame, "thread_part_2") != nullptr; }));
  CHECK(editor->GetValue().EndsWith(" 1/2"));
  REQUIRE(test::pump_until([&] { return !split->IsEnabled(); }));
  CHECK(counter->GetForegroundColour().Red() < 150);

  // Keystroke to counters and hints on a 3,000-character text (a figure, not a pass mark).
  std::string long_text;
  while (long_text.size() < 2990) long_text += "Vi betalar ut bostadsbidraget den 25:e varje manad. ";
  long_text.resize(2990);
  editor->SetValue(wxString::FromUTF8(long_text));
  editor->SetFocus();
  editor->SetInsertionPointEnd();
  REQUIRE(test::pump_until([&] { return checks->shown_generation() == checks->requested_generation(); }));
  // Polled without the driver's pauses, so the figure is the app's, not the poll's.
  const auto settle = [&](unsigned before) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!(checks->requested_generation() > before && checks->shown_generation() == checks->requested_generation())) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      wxTheApp->ProcessPendingEvents();
      wxTheApp->Yield(true);
    }
    return true;
  };
  std::vector<double> from_key;
  std::vector<double> in_app;
  wxUIActionSimulator keys;
  for (int i = 0; i < 9; ++i) {
    const unsigned before = checks->requested_generation();
    const auto start = std::chrono::steady_clock::now();
    keys.Char('x');
    REQUIRE(settle(before));
    from_key.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    in_app.push_back(checks->last_latency().count());
  }
  std::sort(from_key.begin(), from_key.end());
  std::sort(in_app.begin(), in_app.end());
  std::cout << "keystroke-to-hints latency, 3,000 characters: text change to counters and hints shown: median "
            << in_app[in_app.size() / 2] << " ms (worst " << in_app.back() << " ms); simulated key press to hints "
            << "shown, X server included: median " << from_key[from_key.size() / 2] << " ms\n";
}

namespace {

// Fills in the template dialog as an officer would: payment date reminder
// for families with young children, in Swedish and English.
class FillPaymentReminder final : public wxExpectModalBase<gui::TemplateDialog, FillPaymentReminder> {
 public:
  explicit FillPaymentReminder(AccountId account) : account_(account) {}

 protected:
  int OnInvoked(gui::TemplateDialog* dialog) const override {
    dialog->choose("payment_date_reminder", {"families"}, {"sv", "en"});
    dialog->set_field("benefit", "Barnbidraget");
    dialog->set_field("payment_date", "2027-03-25");
    dialog->set_field("link", "https://www.example.se/barnbidrag");
    dialog->make_variants();
    REQUIRE(test::pump_until([&] { return dialog->variants_ready(); }));
    const auto name = wxString::Format("variant_counter_0_%lld", static_cast<long long>(account_.value));
    auto* counter = test::find<wxStaticText>(dialog, name);
    REQUIRE(counter != nullptr);
    CHECK(counter->GetLabel().Contains("/500"));
    auto* swedish =
        test::find<wxTextCtrl>(dialog, wxString::Format("variant_0_%lld", static_cast<long long>(account_.value)));
    CHECK(swedish->GetValue().Contains("25 mars 2027"));
    CHECK(swedish->GetValue().Contains("#Barnfamilj"));
    dialog->Show();
    test::pump_for(std::chrono::milliseconds(300));
    test::save_screenshot(dialog, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "template-dialog.png");
    dialog->Hide();
    return wxID_OK;
  }

 private:
  AccountId account_;
};

}  // namespace

TEST_CASE("an officer makes Swedish and English drafts for families from the payment date reminder") {
  ComposeApp app;
  auto& api = app.api;
  const Account& account = app.account;
  auto* frame = app.frame;
  auto* list = test::find<wxListCtrl>(frame, "draft_list");
  wxTEST_DIALOG(
      {
        test::click(test::find(frame, "from_template"));
        // The dialog opens once the templates and accounts are read; the drafts follow.
        REQUIRE(test::pump_until([&] { return list->GetItemCount() == 2; }, 20s));
      },
      FillPaymentReminder(account.id));
  const auto posts = api.list_posts({}).get().items;
  REQUIRE(posts.size() == 2);
  for (const auto& post : posts) {
    CHECK(post.origin.template_id == "payment_date_reminder");
    CHECK(post.origin.segment_id == "families");
    // The account takes the draft's own text (hashtags fit): no variant of its own.
    CHECK(post.variants.empty());
    CHECK_THAT(post.text, Catch::Contains("#Barnfamilj") || Catch::Contains("#Families"));
  }

  // The editor shows the English one (made last): counters, the segment's
  // LIX or Flesch target, and a hint once the officer writes jargon.
  auto* editor = test::find<wxTextCtrl>(frame, "draft_editor");
  REQUIRE(test::pump_until([&] { return editor->GetValue().Contains("25 March 2027"); }));
  auto* counter =
      test::find<wxStaticText>(frame, wxString::Format("counter_%lld", static_cast<long long>(account.id.value)));
  REQUIRE(test::pump_until([&] { return counter->GetLabel().Contains("/500"); }));
  auto* summary = test::find<wxStaticText>(frame, "check_summary");
  REQUIRE(
      test::pump_until([&] { return summary->GetLabel().Contains("Flesch") && summary->GetLabel().Contains("65"); }));
  // The default policy: an unchanged template post needs no approval.
  auto* approval = test::find<wxStaticText>(frame, "approval_summary");
  REQUIRE(test::pump_until([&] { return approval->GetLabel().Contains("No approval needed"); }));

  // Back to the Swedish draft: LIX against the families' target of 35.
  wxRect rect;
  REQUIRE(list->GetItemRect(1, rect));
  test::click_at(list, wxPoint(rect.x + 20, rect.y + rect.height / 2));
  REQUIRE(test::pump_until([&] { return editor->GetValue().Contains("25 mars 2027"); }));
  REQUIRE(test::pump_until([&] { return summary->GetLabel().Contains("LIX") && summary->GetLabel().Contains("35"); }));
  test::click(editor);
  editor->SetInsertionPointEnd();
  test::type_text(" Ansokan beviljas.");
  auto* hints = test::find<wxListBox>(frame, "hints");
  REQUIRE(test::pump_until([&] {
    for (unsigned i = 0; i < hints->GetCount(); ++i) {
      if (hints->GetString(i).Contains("beviljas")) return true;
    }
    return false;
  }));
  // "Ansokan" is no Swedish word: the officer adds it to the workspace dictionary, and the hint goes.
  const auto hint_for = [&](const wxString& word) {
    for (unsigned i = 0; i < hints->GetCount(); ++i) {
      if (hints->GetString(i).Contains(word) && hints->GetString(i).Contains("dictionary")) return static_cast<int>(i);
    }
    return -1;
  };
  REQUIRE(test::pump_until([&] { return hint_for("Ansokan") >= 0; }));
  const int unknown = hint_for("Ansokan");
  hints->SetSelection(unknown);
  wxCommandEvent selected(wxEVT_LISTBOX, hints->GetId());
  selected.SetInt(unknown);
  selected.SetEventObject(hints);
  hints->ProcessWindowEvent(selected);
  auto* add_word = test::find<wxButton>(frame, "add_to_dictionary");
  REQUIRE(add_word->IsEnabled());
  test::click(add_word);
  REQUIRE(test::pump_until([&] { return hint_for("Ansokan") < 0 && hints->GetCount() > 0; }));
  CHECK(api.word_lists().get()->dictionary() == std::vector<std::string>{"Ansokan"});

  // The counter follows the typing (the account carries the draft's own text).
  const auto networks = api.networks().get();
  const auto expected =
      text::count_text(editor->GetValue().utf8_string(),
                       text::rules_for_account(account, wire::find_network(networks, account.network)));
  REQUIRE(test::pump_until([&] { return counter->GetLabel().Contains(wxString::Format("%zu/500", expected.count)); }));
  CHECK_FALSE(counter->GetLabel().Contains("own text"));
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "compose-from-template.png");
  test::find<wxNotebook>(frame, "check_pages")->SetSelection(1);
  test::pump_for(300ms);
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "compose-preview.png");
  test::press_ctrl('s');
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(0).Contains("saved"); }));
  // Edited, it is no longer routine: the line manager reviews it.
  REQUIRE(test::pump_until([&] { return approval->GetLabel().Contains("Approval by line manager"); }));
  const Post saved = api.get_post(posts[1].id).get();
  CHECK_THAT(saved.text, Catch::Contains("beviljas"));
  CHECK(saved.language == "sv");
  CHECK(saved.origin.template_id == "payment_date_reminder");
}
