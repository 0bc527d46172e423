// The Audit view: the trail listed, the chain verified, an anchor saved and a
// chain rebuilt behind it caught, a changed row found, the period exported.
#include <catch2/catch.hpp>

#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>

#include "api/client/api_client.h"
#include "app/main_frame.h"
#include "gui_driver.h"
#include "store/database.h"
#include "support/audit_tamper.h"
#include "support/child_process.h"
#include "support/kanald_process.h"
#include "support/temp_dir.h"

using namespace kanal;
using namespace std::chrono_literals;
using namespace Poco::Data::Keywords;

TEST_CASE("the Audit view lists the trail, verifies the chain, finds a changed row and exports the period") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const Post post = api.create_post({"Vårt kontor i Kiruna flyttar.", {}}).get();
  wire::UpdatePostRequest edit;
  edit.version = post.version;
  edit.text = "Vårt kontor i Kiruna flyttar den 1 mars.";
  api.update_post(post.id, edit).get();
  const int asserts_before = test::wx_assert_count();

  test::TempDir exports;
  const auto export_file = exports.path() / "records-request.jsonl";
  const auto anchor_file = exports.path() / "audit-anchor.json";
  auto save_to = export_file;
  auto desktop = gui::Desktop::system();
  desktop.choose_save = [&](wxWindow*, const wxString&, const wxString&) { return std::optional(save_to); };
  desktop.choose_open = [&](wxWindow*, const wxString&) { return std::optional(anchor_file); };
  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, desktop);
  frame->Show();
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));

  auto* sidebar = test::find<wxListBox>(frame, "sidebar");
  sidebar->SetSelection(sidebar->FindString("Audit"));
  wxCommandEvent chosen(wxEVT_LISTBOX, sidebar->GetId());
  chosen.SetInt(2);
  chosen.SetEventObject(sidebar);
  sidebar->ProcessWindowEvent(chosen);
  auto* list = test::find<wxListCtrl>(frame, "audit_list");
  REQUIRE(test::pump_until([&] { return list->GetItemCount() == 2; }));
  CHECK(list->GetItemText(0, 3) == "post.create");
  CHECK(list->GetItemText(1, 3) == "post.edit");
  // Named, not numbered: the local workspace's user is the OS user.
  REQUIRE(test::pump_until([&] { return !list->GetItemText(0, 2).StartsWith("user "); }));
  CHECK(list->GetItemText(0, 2) == wxString::FromUTF8(api.users().get().at(0).display_name));
  list->SetItemState(1, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  REQUIRE(
      test::pump_until([&] { return test::find<wxTextCtrl>(frame, "audit_detail")->GetValue().Contains("1 mars"); }));

  auto* chain = test::find<wxStaticText>(frame, "audit_chain");
  test::click(test::find(frame, "audit_verify"));
  REQUIRE(test::pump_until([&] { return chain->GetLabel().Contains("Intact: 2 events"); }));
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "audit-view.png");

  test::click(test::find(frame, "audit_export"));
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(0).Contains("Exported"); }));
  const std::string exported = test::read_text_file(export_file);
  CHECK(std::count(exported.begin(), exported.end(), '\n') == 2);
  CHECK_THAT(exported, Catch::Contains("Kiruna flyttar den 1 mars"));

  // An anchor saved, the chain rebuilt from its first event: whole on its own, caught by the anchor.
  save_to = anchor_file;
  test::click(test::find(frame, "audit_anchor"));
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(0).Contains("anchored at event 2"); }));
  kanald.database().open()->transact([](Poco::Data::Session& s) {
    test::rebuild_chain_from(s, 1, R"({"text":"Vårt kontor i Kiruna stänger."})");
    return 0;
  });
  test::click(test::find(frame, "audit_verify"));
  REQUIRE(test::pump_until([&] { return chain->GetLabel().Contains("Intact: 2 events"); }));
  test::click(test::find(frame, "audit_verify_anchor"));
  REQUIRE(test::pump_until([&] { return chain->GetLabel().Contains("BROKEN at event 2"); }));
  CHECK(chain->GetLabel().Contains("rebuilt"));
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "audit-view-anchor.png");

  kanald.database().open()->transact([](Poco::Data::Session& s) {
    s << "UPDATE audit_events SET detail = '{}' WHERE seq = 2", now;
    return 0;
  });
  test::click(test::find(frame, "audit_verify"));
  REQUIRE(test::pump_until([&] { return chain->GetLabel().Contains("changed after it was recorded"); }));
  CHECK(chain->GetLabel().Contains("BROKEN at event 2"));

  frame->Destroy();
  test::pump_for(100ms);
  CHECK(test::wx_assert_count() == asserts_before);
}
