// The real desktop app against a real kanald, driven by mouse and keyboard.
#include <catch2/catch.hpp>

#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/statusbr.h>
#include <wx/testing.h>
#include <wx/textctrl.h>

#include "api/client/api_client.h"
#include "app/main_frame.h"
#include "gui_driver.h"
#include "support/images.h"
#include "support/kanald_process.h"
#include "support/temp_dir.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

// Opens the app's main window on this kanald and waits until it is connected
// and has loaded the drafts.
struct App {
  explicit App(const test::KanaldProcess& kanald, gui::Desktop desktop = gui::Desktop::system()) {
    frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, std::move(desktop));
    frame->Show();
    REQUIRE(test::pump_until([&] { return frame->IsShownOnScreen() && connection().Contains("Connected"); }));
    REQUIRE(test::pump_until([&] { return status().Contains("draft"); }));
  }
  ~App() {
    frame->Destroy();
    test::pump_for(100ms);
  }
  wxString connection() const { return frame->GetStatusBar()->GetStatusText(1); }
  wxString status() const { return frame->GetStatusBar()->GetStatusText(0); }
  wxListCtrl* list() const { return test::find<wxListCtrl>(frame, "draft_list"); }
  wxTextCtrl* editor() const { return test::find<wxTextCtrl>(frame, "draft_editor"); }

  void select_row(long row) const {
    wxRect rect;
    REQUIRE(list()->GetItemRect(row, rect));
    test::click_at(list(), wxPoint(rect.x + 20, rect.y + rect.height / 2));
  }

  gui::MainFrame* frame = nullptr;
};

}  // namespace

TEST_CASE("a draft typed into the app is saved in kanald") {
  test::KanaldProcess kanald;
  const int asserts_before = test::wx_assert_count();
  App app(kanald);

  test::click(test::find(app.frame, "new_draft"));
  test::click(app.editor());
  test::type_text("Payment day is Friday. Questions? Call us.");
  test::press_ctrl('s');  // File > Save Draft

  REQUIRE(test::pump_until([&] { return app.list()->GetItemCount() == 1; }));
  client::ApiClient api(kanald.endpoint());
  auto posts = api.list_posts({}).get();
  REQUIRE(posts.items.size() == 1);
  CHECK(posts.items[0].text == "Payment day is Friday. Questions? Call us.");
  CHECK(app.status().Contains("created"));

  test::save_screenshot(app.frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "main-window.png");
  CHECK(test::wx_assert_count() == asserts_before);
}

TEST_CASE("drafts made elsewhere appear on refresh and can be edited") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  App app(kanald);
  auto post = api.create_post({"Written with kanalctl", {}}).get();

  test::click(test::find(app.frame, "refresh_drafts"));
  REQUIRE(test::pump_until([&] { return app.list()->GetItemCount() == 1; }));
  app.select_row(0);
  REQUIRE(test::pump_until([&] { return app.editor()->GetValue() == "Written with kanalctl"; }));

  test::click(app.editor());
  app.editor()->SetInsertionPointEnd();
  test::type_text(" and edited in Kanal");
  test::click(test::find(app.frame, "save_draft"));
  REQUIRE(test::pump_until([&] { return api.get_post(post.id).get().version == 2; }));
  CHECK(api.get_post(post.id).get().text == "Written with kanalctl and edited in Kanal");
}

TEST_CASE("when kanald is unreachable, saving says so and the text stays") {
  test::KanaldProcess kanald;
  const int asserts_before = test::wx_assert_count();
  App app(kanald);
  test::click(test::find(app.frame, "new_draft"));
  test::click(app.editor());
  test::type_text("Do not lose this");
  kanald.stop();

  wxTEST_DIALOG(
      {
        test::press_ctrl('s');
        REQUIRE(test::pump_until([&] { return app.status().Contains("not saved"); }));
        test::pump_for(200ms);
      },
      wxExpectModal<wxMessageDialog>(wxID_OK).Describe("the error explaining kanald is unreachable"));

  CHECK(app.editor()->GetValue() == "Do not lose this");
  CHECK(test::pump_until([&] { return !app.connection().Contains("Connected"); }, 15s));
  CHECK(test::wx_assert_count() == asserts_before);

  // Back online, the same text saves.
  kanald.start();
  app.frame->connection().report_unreachable();
  REQUIRE(test::pump_until([&] { return app.connection().Contains("Connected"); }));
  test::press_ctrl('s');
  client::ApiClient api(kanald.endpoint());
  REQUIRE(test::pump_until([&] { return api.list_posts({}).get().items.size() == 1; }));
  CHECK(api.list_posts({}).get().items[0].text == "Do not lose this");
}

TEST_CASE("a stale edit is explained and offers to reload") {
  test::KanaldProcess kanald;
  const int asserts_before = test::wx_assert_count();
  client::ApiClient api(kanald.endpoint());
  auto post = api.create_post({"Office hours", {}}).get();
  App app(kanald);
  REQUIRE(test::pump_until([&] { return app.list()->GetItemCount() == 1; }));
  app.select_row(0);
  REQUIRE(test::pump_until([&] { return app.editor()->GetValue() == "Office hours"; }));

  api.update_post(post.id, {1, std::string("Office hours changed by a colleague"), {}}).get();
  test::click(app.editor());
  app.editor()->SetInsertionPointEnd();
  test::type_text(" are 9-15");

  // First "keep editing": nothing changes, the text stays.
  wxTEST_DIALOG(
      {
        test::press_ctrl('s');
        REQUIRE(test::pump_until([&] { return app.status().Contains("someone else"); }));
        test::pump_for(200ms);
      },
      wxExpectModal<wxMessageDialog>(wxID_NO).Describe("the stale-version question"));
  CHECK(app.editor()->GetValue() == "Office hours are 9-15");

  // Then "reload": the colleague's version is shown.
  app.frame->SetStatusText({}, 0);
  wxTEST_DIALOG(
      {
        test::click(test::find(app.frame, "save_draft"));
        REQUIRE(test::pump_until([&] { return app.status().Contains("Reloaded"); }));
        test::pump_for(200ms);
      },
      wxExpectModal<wxMessageDialog>(wxID_YES).Describe("the stale-version question"));
  REQUIRE(test::pump_until([&] { return app.editor()->GetValue() == "Office hours changed by a colleague"; }));
  CHECK(api.get_post(post.id).get().text == "Office hours changed by a colleague");
  CHECK(test::wx_assert_count() == asserts_before);
}

TEST_CASE("switching drafts with unsaved changes asks first") {
  test::KanaldProcess kanald;
  const int asserts_before = test::wx_assert_count();
  client::ApiClient api(kanald.endpoint());
  auto first = api.create_post({"First", {}}).get();
  auto second = api.create_post({"Second", {}}).get();
  App app(kanald);
  REQUIRE(test::pump_until([&] { return app.list()->GetItemCount() == 2; }));
  app.select_row(0);  // newest first: "Second"
  REQUIRE(test::pump_until([&] { return app.editor()->GetValue() == "Second"; }));
  test::click(app.editor());
  app.editor()->SetInsertionPointEnd();
  test::type_text(" edited");

  wxTEST_DIALOG(
      {
        app.select_row(1);
        test::pump_for(300ms);
      },
      wxExpectModal<wxMessageDialog>(wxID_CANCEL).Describe("save the changes?"));
  CHECK(app.editor()->GetValue() == "Second edited");

  wxTEST_DIALOG(
      {
        app.select_row(1);
        REQUIRE(test::pump_until([&] { return app.editor()->GetValue() == "First"; }));
      },
      wxExpectModal<wxMessageDialog>(wxID_NO).Describe("save the changes?"));
  CHECK(api.get_post(second.id).get().text == "Second");
  CHECK(api.get_post(first.id).get().text == "First");
  CHECK(test::wx_assert_count() == asserts_before);
}

TEST_CASE("deleting a draft asks for confirmation") {
  test::KanaldProcess kanald;
  const int asserts_before = test::wx_assert_count();
  client::ApiClient api(kanald.endpoint());
  api.create_post({"Obsolete office hours", {}}).get();
  App app(kanald);
  REQUIRE(test::pump_until([&] { return app.list()->GetItemCount() == 1; }));
  app.select_row(0);
  REQUIRE(test::pump_until([&] { return app.editor()->GetValue() == "Obsolete office hours"; }));

  wxTEST_DIALOG(
      {
        test::click(test::find(app.frame, "delete_draft"));
        test::pump_for(300ms);
      },
      wxExpectModal<wxMessageDialog>(wxID_NO).Describe("delete?"));
  CHECK(app.list()->GetItemCount() == 1);

  wxTEST_DIALOG(
      {
        test::click(test::find(app.frame, "delete_draft"));
        REQUIRE(test::pump_until([&] { return app.list()->GetItemCount() == 0; }));
      },
      wxExpectModal<wxMessageDialog>(wxID_YES).Describe("delete?"));
  CHECK(api.list_posts({}).get().items.empty());
  CHECK(app.editor()->GetValue().IsEmpty());
  CHECK(test::wx_assert_count() == asserts_before);
}

TEST_CASE("images and thread parts can be taken out again, and the draft saves without them") {
  test::KanaldProcess kanald;
  const int asserts_before = test::wx_assert_count();
  test::TempDir pictures;
  const auto image = pictures.path() / "queue.png";
  test::write_file(image, test::tiny_png());
  auto desktop = gui::Desktop::system();
  desktop.choose_image = [&](wxWindow*) { return std::optional(image); };
  App app(kanald, desktop);
  auto gone = [&](const char* name) { return test::pump_until([&] { return !test::find(app.frame, name); }); };

  test::click(test::find(app.frame, "new_draft"));
  test::click(app.editor());
  test::type_text("Long queues at the Kiruna office today.");
  test::click(test::find(app.frame, "add_thread_part"));
  REQUIRE(test::pump_until([&] { return test::find(app.frame, "thread_part_2") != nullptr; }));
  test::click(test::find(app.frame, "thread_part_2"));
  test::type_text("Book a time online instead.");
  test::click(test::find(app.frame, "add_image_2"));
  REQUIRE(test::pump_until([&] { return test::find(app.frame, "remove_image_2_1") != nullptr; }));

  test::click(test::find(app.frame, "remove_image_2_1"));
  REQUIRE(gone("alt_text_2_1"));
  test::click(test::find(app.frame, "remove_part_2"));
  REQUIRE(gone("thread_part_2"));
  test::click(test::find(app.frame, "add_image_1"));
  REQUIRE(test::pump_until([&] { return test::find(app.frame, "alt_text_1_1") != nullptr; }));
  test::click(test::find(app.frame, "alt_text_1_1"));
  test::type_text("People waiting in a queue");
  test::press_ctrl('s');
  REQUIRE(test::pump_until([&] { return app.status().Contains("created"); }));

  client::ApiClient api(kanald.endpoint());
  const auto post = api.list_posts({}).get().items.at(0);
  CHECK(post.text == "Long queues at the Kiruna office today.");
  CHECK(post.thread.empty());
  REQUIRE(post.media.size() == 1);
  CHECK(post.media[0].description == "People waiting in a queue");
  CHECK(api.media_content(post.media[0].media).get() == test::tiny_png());
  CHECK(test::wx_assert_count() == asserts_before);
}

TEST_CASE("a draft saves itself a few seconds after typing stops") {
  test::KanaldProcess kanald;
  const int asserts_before = test::wx_assert_count();
  App app(kanald);
  client::ApiClient api(kanald.endpoint());

  test::click(test::find(app.frame, "new_draft"));
  test::click(app.editor());
  test::type_text("Saved without asking.");
  REQUIRE(test::pump_until([&] { return app.list()->GetItemCount() == 1; }, 15s));
  CHECK(api.list_posts({}).get().items.at(0).text == "Saved without asking.");

  test::type_text(" And again.");
  REQUIRE(
      test::pump_until([&] { return api.get_post(api.list_posts({}).get().items.at(0).id).get().version == 2; }, 15s));
  CHECK(test::wx_assert_count() == asserts_before);
}
