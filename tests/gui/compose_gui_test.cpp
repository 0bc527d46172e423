// The composer in the app: live counters per account, hints, and the
// keystroke-to-hints latency on a 3,000-character text.
#include <catch2/catch.hpp>

#include <wx/listbox.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <algorithm>
#include <iostream>

#include "api/client/api_client.h"
#include "app/main_frame.h"
#include "compose/check_panel.h"
#include "gui_driver.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"

using namespace kanal;
using namespace std::chrono_literals;

TEST_CASE("typing into the Compose view updates the account's counter and shows a jargon hint") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const Account account = test::connect_sandbox_account(api, sandbox);
  const int asserts_before = test::wx_assert_count();

  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, gui::Desktop::system());
  frame->Show();
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));
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

  // Keystroke to counters and hints on a 3,000-character text (a figure, not a pass mark).
  std::string long_text;
  while (long_text.size() < 2990) long_text += "Vi betalar ut bostadsbidraget den 25:e varje manad. ";
  long_text.resize(2990);
  editor->SetValue(wxString::FromUTF8(long_text));
  editor->SetInsertionPointEnd();
  REQUIRE(test::pump_until([&] { return checks->shown_generation() == checks->requested_generation(); }));
  std::vector<double> latencies;
  wxUIActionSimulator keys;
  for (int i = 0; i < 7; ++i) {
    const unsigned before = checks->requested_generation();
    const auto start = std::chrono::steady_clock::now();
    keys.Char('x');
    REQUIRE(test::pump_until([&] {
      return checks->requested_generation() > before && checks->shown_generation() == checks->requested_generation();
    }));
    latencies.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(latencies.begin(), latencies.end());
  std::cout << "keystroke-to-hints latency, 3,000 characters: median " << latencies[latencies.size() / 2]
            << " ms, worst " << latencies.back() << " ms\n";

  frame->Destroy();
  test::pump_for(100ms);
  CHECK(test::wx_assert_count() == asserts_before);
}
