// The approval workflow in the desktop app: an officer submits a draft and
// sees the steps it needs; the line manager, signed in on the same app, is
// told, sends it back with a comment, sees what changed, and approves; the
// officer publishes.

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/html/htmlwin.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/testing.h>
#include <wx/textdlg.h>

#include "accounts/account_permissions_dialog.h"
#include "accounts/accounts_view.h"
#include "admin/documents_view.h"
#include "admin/policy_view.h"
#include "admin/users_view.h"
#include "app/main_frame.h"
#include "app/sign_in_dialog.h"
#include "approvals/approvals_view.h"
#include "gui_driver.h"
#include "sign_in_as.h"
#include "support/child_process.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/team.h"
#include "support/temp_dir.h"

using namespace kanal;
using namespace std::chrono_literals;

using test::SignInAs;

namespace {

// Types `text` into a text (or password) entry dialog.
template <class Dialog>
class Enter final : public wxExpectModalBase<Dialog, Enter<Dialog>> {
 public:
  explicit Enter(wxString text) : text_(std::move(text)) {}

 protected:
  int OnInvoked(Dialog* dialog) const override {
    dialog->SetValue(text_);
    return wxID_OK;
  }

 private:
  wxString text_;
};

class ChooseRow final : public wxExpectModalBase<wxSingleChoiceDialog, ChooseRow> {
 public:
  explicit ChooseRow(int row) : row_(row) {}

 protected:
  int OnInvoked(wxSingleChoiceDialog* dialog) const override {
    dialog->SetSelection(row_);
    return wxID_OK;
  }

 private:
  int row_;
};

// Restricts the account to its director, with an officer who may draft for it.
class DirectorsOwn final : public wxExpectModalBase<gui::AccountPermissionsDialog, DirectorsOwn> {
 public:
  DirectorsOwn(UserId director, UserId officer) : director_(director), officer_(officer) {}

 protected:
  int OnInvoked(gui::AccountPermissionsDialog* dialog) const override {
    dialog->set_restricted(true);
    for (const char* capability : {"draft", "publish", "approve"}) dialog->set_capability(director_, capability, true);
    dialog->set_capability(officer_, "draft", true);
    return wxID_OK;
  }

 private:
  UserId director_, officer_;
};

struct Office {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald{{}, test::ApprovalPolicy::kanal_default};
  test::Team team{kanald};
  Account account = test::connect_sandbox_account(team.admin(), sandbox);
  std::vector<wxString> notifications;
  test::TempDir files;
  std::filesystem::path chosen_file = files.path() / "approval-policy.txt";  // what the file chooser picks
  gui::MainFrame* frame = nullptr;

  Office() {
    team.add("olle", Role::officer);
    team.add("maja", Role::line_manager);
    auto desktop = gui::Desktop::system();
    desktop.notify = [this](const wxString&, const wxString& message, std::function<void()>) {
      notifications.push_back(message);
    };
    desktop.choose_open = [this](wxWindow*, const wxString&) { return std::optional(chosen_file); };
    desktop.choose_save = [this](wxWindow*, const wxString&, const wxString&) { return std::optional(chosen_file); };
    frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}}, desktop);
    frame->Show();
    REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(1).Contains("Connected"); }));
  }
  ~Office() {
    frame->Destroy();
    test::pump_for(100ms);
  }

  wxString identity() const { return frame->GetStatusBar()->GetStatusText(2); }
  wxString sidebar_text() const {
    auto* sidebar = test::find<wxListBox>(frame, "sidebar");
    wxString all;
    for (unsigned i = 0; i < sidebar->GetCount(); ++i) all += sidebar->GetString(i) + "|";
    return all;
  }
  void sign_in(const std::string& login, const wxString& name) {
    wxTEST_DIALOG(frame->sign_in(), SignInAs(login));
    REQUIRE(test::pump_until([&] { return identity().Contains(name); }));
  }
  PostState state_of(PostId id) { return team.admin().get_post(id).get().state; }
};

}  // namespace

TEST_CASE("in the app an officer submits, the line manager sends back, then approves, and the officer publishes") {
  Office office;
  auto* frame = office.frame;
  CHECK(office.identity().Contains("(admin)"));
  CHECK(office.sidebar_text() ==
        "Drafts|Inbox|Calendar|Queue|Analytics|Accounts|Press contacts|Audit|Users|Approval policy|Shared texts|");

  // The officer writes a draft and sees what it needs before submitting.
  office.sign_in("olle", "Test olle");
  CHECK(office.sidebar_text() == "Drafts|Inbox|Calendar|Queue|Analytics|Accounts|Press contacts|Shared texts|");
  test::click(test::find(frame, "new_draft"));
  test::click(test::find(frame, "draft_editor"));
  test::type_text("Our office in Kiruna is closed on Friday.");
  test::press_ctrl('s');
  REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(0).Contains("created"); }));
  auto* approval = test::find<wxStaticText>(frame, "approval_status");
  REQUIRE(test::pump_until([&] { return approval->GetLabel().Contains("Needs approval: line manager"); }));
  CHECK_FALSE(test::find(frame, "publish_draft")->IsEnabled());
  test::click(test::find(frame, "submit_draft"));
  REQUIRE(test::pump_until([&] { return approval->GetLabel().Contains("Awaiting approval: line manager"); }));
  const PostId post = office.team["olle"].list_posts({}).get().items.at(0).id;
  CHECK(office.state_of(post) == PostState::in_review);

  // The line manager signs in on the same app: the sidebar says one waits.
  office.sign_in("maja", "Test maja");
  REQUIRE(test::pump_until([&] {
    return office.sidebar_text() ==
           "Drafts|Approvals (1)|Inbox|Calendar|Queue|Analytics|Accounts|Press contacts|Audit|Shared texts|";
  }));
  REQUIRE(frame->show_view(&frame->approvals()));
  auto* detail = test::find<wxHtmlWindow>(frame, "approval_detail");
  REQUIRE(test::pump_until([&] { return detail->ToText().Contains("closed on Friday"); }));
  CHECK(detail->ToText().Contains("Everything else is reviewed by the line manager"));
  test::click(test::find(frame, "approval_comment"));
  test::type_text("Say when it opens again.");
  test::click(test::find(frame, "send_back_post"));
  REQUIRE(test::pump_until([&] { return office.state_of(post) == PostState::rejected; }));
  REQUIRE(test::pump_until([&] { return office.sidebar_text().Contains("Approvals|"); }));

  // The officer reads why, changes the text, and submits again.
  office.sign_in("olle", "Test olle");
  auto* list = test::find<wxListCtrl>(frame, "draft_list");
  REQUIRE(test::pump_until([&] { return list->GetItemCount() == 1; }));
  wxRect row;
  REQUIRE(list->GetItemRect(0, row));
  test::click_at(list, wxPoint(row.x + 20, row.y + row.height / 2));
  REQUIRE(test::pump_until([&] { return approval->GetLabel().Contains("Sent back: Say when it opens again."); }));
  test::click(test::find(frame, "draft_editor"));
  test::press_ctrl('a');
  test::type_text("Our office in Kiruna is closed on Friday. It opens again on Monday at 9.");
  test::press_ctrl('s');
  REQUIRE(test::pump_until([&] { return approval->GetLabel().Contains("Needs approval: line manager"); }));
  test::click(test::find(frame, "submit_draft"));
  REQUIRE(test::pump_until([&] { return office.state_of(post) == PostState::in_review; }));

  // The line manager is told, sees what changed since the last look, and approves.
  office.sign_in("maja", "Test maja");
  REQUIRE(frame->show_view(&frame->approvals()));
  REQUIRE(test::pump_until([&] { return detail->ToText().Contains("Changed since you last looked"); }));
  CHECK(detail->ToText().Contains("opens again on Monday"));
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "approvals-view.png");
  test::click(test::find(frame, "approve_post"));
  REQUIRE(test::pump_until([&] { return office.state_of(post) == PostState::approved; }));

  // Nobody approves their own work: the officer's own queue stays empty, and
  // the officer publishes what was approved.
  office.sign_in("olle", "Test olle");
  CHECK_FALSE(office.sidebar_text().Contains("Approvals"));
  REQUIRE(test::pump_until([&] { return list->GetItemCount() == 1; }));
  REQUIRE(list->GetItemRect(0, row));
  test::click_at(list, wxPoint(row.x + 20, row.y + row.height / 2));
  REQUIRE(test::pump_until([&] { return approval->GetLabel().Contains("Approved"); }));
  REQUIRE(test::pump_until([&] { return test::find(frame, "publish_draft")->IsEnabled(); }));
  test::click(test::find(frame, "publish_draft"));
  REQUIRE(test::pump_until([&] { return office.sandbox.statuses().Size() == 1; }, 30s));
  CHECK(office.team.admin().verify_audit().get().intact);
}

TEST_CASE("a line manager is told on the desktop when a post arrives for approval") {
  Office office;
  office.sign_in("maja", "Test maja");
  auto& officer = office.team["olle"];
  const auto post = officer.create_post({"The library van comes on Tuesday.", {}}).get();
  officer.submit(post.id, {office.account.id}).get();
  office.frame->approvals().reload();
  REQUIRE(test::pump_until([&] { return !office.notifications.empty(); }));
  CHECK(office.notifications[0].Contains("The library van comes on Tuesday."));
  REQUIRE(test::pump_until([&] { return office.sidebar_text().Contains("Approvals (1)"); }));
}

TEST_CASE("an admin adds a person in the Users view and makes the director's account the director's") {
  Office office;
  auto* frame = office.frame;
  REQUIRE(frame->show_view(&frame->users()));
  auto* users = test::find<wxListCtrl>(frame, "users_list");
  REQUIRE(test::pump_until([&] { return users->GetItemCount() == 3; }));  // the owner, olle, maja

  // Role 3 of the list: director.
  wxTEST_DIALOG(test::click(test::find(frame, "add_user")), Enter<wxTextEntryDialog>("dora"),
                Enter<wxTextEntryDialog>("Dora Director"), ChooseRow(3),
                Enter<wxPasswordEntryDialog>(wxString::FromUTF8(test::Team::password_of("dora"))));
  REQUIRE(test::pump_until([&] { return users->GetItemCount() == 4; }));
  const auto people = office.team.admin().users().get();
  const auto dora = std::find_if(people.begin(), people.end(), [](const User& u) { return u.login == "dora"; });
  REQUIRE(dora != people.end());
  CHECK(dora->role == Role::director);
  CHECK(office.team.admin().sign_in("dora", test::Team::password_of("dora")).get().user.id == dora->id);

  REQUIRE(frame->show_view(&frame->accounts()));
  auto* accounts = test::find<wxListCtrl>(frame, "account_list");
  REQUIRE(test::pump_until([&] { return accounts->GetItemCount() == 1; }));
  accounts->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  REQUIRE(test::pump_until([&] { return test::find(frame, "account_permissions")->IsEnabled(); }));
  bool saved = false;
  wxTEST_DIALOG(
      {
        test::click(test::find(frame, "account_permissions"));
        saved = test::pump_until(
            [&] { return office.team.admin().account_permissions(office.account.id).get().size() == 2; });
      },
      DirectorsOwn(dora->id, office.team.user("olle").id));
  REQUIRE(saved);
  const auto grants = office.team.admin().account_permissions(office.account.id).get();
  CHECK(grants[0].capabilities == std::set<std::string>{"draft"});  // olle, by id
  CHECK(grants[1].capabilities == std::set<std::string>{"approve", "draft", "publish"});

  // How the dialog looks with them.
  auto* dialog = new gui::AccountPermissionsDialog(frame, office.account, office.team.admin().users().get(), grants);
  dialog->Show();
  test::pump_for(300ms);
  test::save_screenshot(dialog, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "account-permissions.png");
  dialog->Destroy();
}

TEST_CASE("an admin tries a policy on a post before saving it, and imports and exports it as a file") {
  Office office;
  auto* frame = office.frame;
  const auto post = office.team["olle"].create_post({"Our office in Kiruna is closed on Friday.", {}}).get();
  REQUIRE(frame->show_view(&frame->policy()));
  auto* text = test::find<wxTextCtrl>(frame, "policy_text");
  auto* result = test::find<wxTextCtrl>(frame, "policy_result");
  REQUIRE(
      test::pump_until([&] { return text->GetValue().Contains("Everything else is reviewed by the line manager"); }));
  REQUIRE(test::pump_until([&] { return test::find<wxChoice>(frame, "try_post")->GetCount() == 1; }));

  // Under the policy in force, the free-text post needs the line manager.
  test::click(test::find(frame, "try_policy"));
  REQUIRE(test::pump_until([&] { return result->GetValue().Contains("line manager"); }));

  // A wrong line is named before anything is saved.
  text->ChangeValue("Everything: always -> boss\n");
  test::click(test::find(frame, "try_policy"));
  REQUIRE(test::pump_until([&] { return result->GetValue().Contains("line 1"); }));
  test::click(test::find(frame, "save_policy"));
  REQUIRE(test::pump_until([&] { return result->GetValue().Contains("Not saved"); }));
  CHECK_THAT(office.team.admin().policy().get(), Catch::Contains("Everything else is reviewed"));

  // A stricter policy from a file: tried, saved, exported.
  test::write_file(office.chosen_file, "# Election period\nEverything: always -> director\n");
  test::click(test::find(frame, "import_policy"));
  CHECK(text->GetValue().Contains("always -> director"));
  test::click(test::find(frame, "try_policy"));
  REQUIRE(test::pump_until([&] { return result->GetValue().Contains("director"); }));
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "policy-editor.png");
  test::click(test::find(frame, "save_policy"));
  REQUIRE(test::pump_until([&] { return result->GetValue().Contains("Saved"); }));
  CHECK(office.team.admin().approval(post.id).get().at(0).steps == std::vector<std::string>{"director"});
  std::filesystem::remove(office.chosen_file);
  test::click(test::find(frame, "export_policy"));
  CHECK(test::read_text_file(office.chosen_file) == "# Election period\nEverything: always -> director\n");
  CHECK(office.team.admin().audit("action=document.change").get().events.size() == 1);
}

TEST_CASE(
    "an admin changes the blocked terms for every desktop without overwriting a colleague and an officer reads them") {
  Office office;
  auto* frame = office.frame;
  REQUIRE(frame->show_view(&frame->documents()));
  auto* list = test::find<wxListBox>(frame, "documents_list");
  auto* text = test::find<wxTextCtrl>(frame, "document_text");
  auto* result = test::find<wxTextCtrl>(frame, "document_result");
  REQUIRE(test::pump_until([&] { return list->GetCount() == 7; }));  // all but the approval policy
  const int blocked = list->FindString("Blocked terms");
  REQUIRE(blocked != wxNOT_FOUND);
  list->SetSelection(blocked);
  frame->documents().choose(blocked);
  REQUIRE(test::pump_until([&] { return text->GetValue().Contains("hide a comment whatever else it says"); }));

  text->AppendText("kanalbanan\n");
  test::click(test::find(frame, "save_document"));
  REQUIRE(test::pump_until([&] { return result->GetValue().Contains("Saved"); }));
  const auto saved = office.team.admin().document("blocked-terms").get();
  CHECK(saved.revision == 2);
  CHECK_THAT(saved.content, Catch::EndsWith("kanalbanan\n"));
  CHECK(test::find<wxStaticText>(frame, "document_about")->GetLabel().Contains("revision 2"));

  // A colleague saves meanwhile: this desktop's next save is refused, not written over theirs.
  office.team.admin().replace_document("blocked-terms", {"kanalbanan\nbidragsfuskare\n", std::nullopt}).get();
  text->AppendText("snyltare\n");
  test::click(test::find(frame, "save_document"));
  REQUIRE(test::pump_until([&] { return result->GetValue().Contains("Not saved"); }));
  CHECK(result->GetValue().Contains("changed by someone else"));
  // Unsaved edits stay while another text is clicked.
  frame->documents().choose(0);
  CHECK(list->GetSelection() == blocked);
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "documents-editor.png");
  test::click(test::find(frame, "revert_document"));
  REQUIRE(test::pump_until([&] { return text->GetValue().Contains("bidragsfuskare"); }));
  CHECK_FALSE(text->GetValue().Contains("snyltare"));
  CHECK(office.team.admin().audit("action=document.change").get().events.size() == 2);

  // An officer reads the same texts, and cannot change them.
  office.sign_in("olle", "Test olle");
  REQUIRE(frame->show_view(&frame->documents()));
  REQUIRE(test::pump_until([&] { return !test::find<wxButton>(frame, "save_document")->IsEnabled(); }));
  CHECK(text->GetValue().Contains("bidragsfuskare"));
  CHECK_FALSE(text->IsEditable());
  CHECK(test::find<wxStaticText>(frame, "document_about")->GetLabel().Contains("only an admin can change it"));
}

TEST_CASE("an app with no token for its server asks the person to sign in") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  team.add("maja", Role::line_manager);
  gui::MainFrame* frame = nullptr;
  wxTEST_DIALOG(
      {
        frame = new gui::MainFrame(gui::ConnectionTarget{client::Endpoint{kanald.endpoint().url, ""}, {}, {}},
                                   gui::Desktop::system());
        frame->Show();
        REQUIRE(test::pump_until([&] { return frame->GetStatusBar()->GetStatusText(2).Contains("Test maja"); }));
      },
      SignInAs("maja"));
  auto* sidebar = test::find<wxListBox>(frame, "sidebar");
  CHECK(sidebar->GetString(1).StartsWith("Approvals"));
  frame->Destroy();
  test::pump_for(100ms);
}

TEST_CASE("in the app a statement about child benefit goes to the subject expert before the line manager") {
  Office office;
  office.team.add("erik", Role::subject_expert);
  auto& officer = office.team["olle"];
  const auto post = officer.create_post({"Du har rätt till barnbidrag från första månaden.", {}}).get();
  officer.submit(post.id, {office.account.id}).get();
  auto* frame = office.frame;

  // The line manager is not asked yet.
  office.sign_in("maja", "Test maja");
  REQUIRE(test::pump_until([&] { return office.sidebar_text().Contains("Approvals|"); }));
  office.sign_in("erik", "Test erik");
  REQUIRE(test::pump_until([&] { return office.sidebar_text().Contains("Approvals (1)"); }));
  REQUIRE(frame->show_view(&frame->approvals()));
  auto* detail = test::find<wxHtmlWindow>(frame, "approval_detail");
  REQUIRE(test::pump_until([&] { return detail->ToText().Contains("subject expert \u2190 next"); }));
  CHECK(detail->ToText().Contains("Rights and entitlements need a subject expert first"));
  test::click(test::find(frame, "approve_post"));
  REQUIRE(test::pump_until([&] { return office.sidebar_text().Contains("Approvals|"); }));
  CHECK(office.state_of(post.id) == PostState::in_review);

  office.sign_in("maja", "Test maja");
  REQUIRE(test::pump_until([&] { return office.sidebar_text().Contains("Approvals (1)"); }));
  REQUIRE(frame->show_view(&frame->approvals()));
  REQUIRE(test::pump_until([&] { return detail->ToText().Contains("line manager \u2190 next"); }));
  CHECK(detail->ToText().Contains("subject expert \u2714 Test erik"));
  test::click(test::find(frame, "approve_post"));
  REQUIRE(test::pump_until([&] { return office.state_of(post.id) == PostState::approved; }));
}

TEST_CASE("the officer hears when a line manager changes their draft and voids its approvals") {
  Office office;
  const auto post = office.team["olle"].create_post({"The library van comes to Jokkmokk on Tuesday.", {}}).get();
  office.team["olle"].submit(post.id, {office.account.id}).get();
  office.sign_in("olle", "Test olle");
  test::pump_for(3500ms);  // the app has looked once: what was before is not news
  const auto told_before = office.notifications.size();

  wire::UpdatePostRequest edit;
  edit.version = office.team["maja"].get_post(post.id).get().version;
  edit.text = "The library van comes to Jokkmokk on Tuesday at 10.";
  office.team["maja"].update_post(post.id, edit).get();
  REQUIRE(test::pump_until([&] {
    return std::any_of(office.notifications.begin() + static_cast<long>(told_before), office.notifications.end(),
                       [](const wxString& message) { return message.Contains("voided the approvals"); });
  }));
  CHECK(std::any_of(office.notifications.begin(), office.notifications.end(), [&](const wxString& message) {
    return message.Contains("Test maja") &&
           message.Contains(wxString::Format("%lld", static_cast<long long>(post.id.value)));
  }));
}

TEST_CASE("signing out or a session that ends leaves nobody signed in, never the desktop's owner by itself") {
  Office office;
  auto* frame = office.frame;
  office.sign_in("olle", "Test olle");
  REQUIRE(test::pump_until([&] { return test::find(frame, "drafts_view")->IsShownOnScreen(); }));

  // Signing out: nothing of the officer's stays on screen, and the app is not the admin.
  frame->sign_out();
  REQUIRE(test::pump_until([&] { return office.identity().Contains("Nobody is signed in"); }));
  CHECK(office.sidebar_text().empty());
  CHECK(test::find(frame, "signed_out")->IsShownOnScreen());
  CHECK_FALSE(test::find(frame, "drafts_view")->IsShownOnScreen());
  test::pump_for(3500ms);  // the connection is checked again meanwhile: still nobody
  CHECK(office.identity().Contains("Nobody is signed in"));
  test::save_screenshot(frame, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / "signed-out.png");

  // The desktop's owner continues only by choosing to.
  test::click(test::find(frame, "continue_as_owner"));
  REQUIRE(test::pump_until([&] { return office.identity().Contains("(admin)"); }));
  CHECK(office.sidebar_text().Contains("Users"));

  // A session that ends (an admin disables the officer) leaves nobody, too.
  office.sign_in("olle", "Test olle");
  wire::UserChanges disable;
  disable.disabled = true;
  office.team.admin().update_user(office.team.user("olle").id, disable).get();
  REQUIRE(test::pump_until([&] { return office.identity().Contains("Nobody is signed in"); }));
  CHECK_FALSE(office.identity().Contains("admin"));
  CHECK(test::find(frame, "signed_out")->IsShownOnScreen());
}

TEST_CASE("the desktop's owner makes a new workspace token in the app: the old one is refused and the app goes on") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  team.add("olle", Role::officer);
  const auto old_endpoint = kanald.endpoint();
  // The app on this desktop's own workspace, which reads the token from its file.
  auto* frame = new gui::MainFrame(gui::ConnectionTarget{std::nullopt, kanald.data_dir(), test::program("kanald")},
                                   gui::Desktop::system());
  frame->Show();
  const auto identity = [&] { return frame->GetStatusBar()->GetStatusText(2); };
  const auto menu_enabled = [&]() -> bool {
    return frame->GetMenuBar()->IsEnabled(frame->GetMenuBar()->FindMenuItem(_("File"), _("New workspace token…")));
  };
  REQUIRE(test::pump_until([&] { return identity().Contains("(admin)"); }));
  REQUIRE(test::pump_until(menu_enabled));

  wxTEST_DIALOG(frame->new_workspace_token(), wxExpectModal<wxMessageDialog>(wxID_YES));
  REQUIRE(test::pump_until(
      [&] { return frame->GetStatusBar()->GetStatusText(0).Contains("new workspace token is in force"); }));
  client::ApiClient old(old_endpoint);
  CHECK(test::error_code_of([&] { old.me().get(); }) == ErrorCode::unauthorized);
  // The app reads the new token and goes on as the owner; nobody is asked to sign in.
  test::pump_for(std::chrono::seconds(4));
  CHECK(identity().Contains("(admin)"));
  REQUIRE(frame->show_view(&frame->documents()));
  REQUIRE(test::pump_until([&] { return test::find<wxListBox>(frame, "documents_list")->GetCount() == 7; }));

  // Someone signed in with a password is not the desktop's owner.
  wxTEST_DIALOG(frame->sign_in(), SignInAs("olle"));
  REQUIRE(test::pump_until([&] { return identity().Contains("Test olle"); }));
  CHECK_FALSE(menu_enabled());
  frame->Destroy();
  test::pump_for(100ms);
}
