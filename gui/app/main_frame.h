#pragma once
// The main window: a sidebar of views, the view, and a status bar with who
// is signed in and the connection to kanald; across the top, while
// publishing is paused, the pause banner. The sidebar lists the views
// the signed-in person's role may use (kanald's word, GET /api/v1/me).

#include <wx/button.h>
#include <wx/frame.h>
#include <wx/infobar.h>
#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/simplebook.h>
#include <wx/weakref.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/connection.h"
#include "app/desktop.h"
#include "app/notices_watcher.h"
#include "quickpost/quick_post_window.h"

namespace kanal::gui {

class AccountsView;
class ApprovalsView;
class AnalyticsView;
class AuditView;
class CalendarView;
class DraftsView;
class PauseBanner;
class PolicyView;
class DocumentsView;
class PressContactsView;
class QueueView;
class InboxView;
class UsersView;

class MainFrame final : public wxFrame {
 public:
  explicit MainFrame(ConnectionTarget target, Desktop desktop = Desktop::system());
  ~MainFrame() override;

  Connection& connection() { return *connection_; }
  DraftsView& drafts() { return *drafts_; }
  AccountsView& accounts() { return *accounts_; }
  AnalyticsView& analytics() { return *analytics_; }
  AuditView& audit() { return *audit_; }
  ApprovalsView& approvals() { return *approvals_; }
  UsersView& users() { return *users_; }
  PolicyView& policy() { return *policy_; }
  DocumentsView& documents() { return *documents_; }
  CalendarView& calendar() { return *calendar_; }
  QueueView& queue() { return *queue_; }
  InboxView& inbox() { return *inbox_; }
  PressContactsView& press_contacts() { return *press_contacts_; }
  PauseBanner& pause_banner() { return *pause_banner_; }
  // Shows `view` if the sidebar lists it; false otherwise.
  bool show_view(wxWindow* view);
  // Quick post (Ctrl+Shift+N): a new post, or `post` (a draft for this
  // person, from a notification). Before anyone is signed in it opens as
  // soon as someone is (`kanal --quick-post`); nullptr until then.
  QuickPostWindow* open_quick_post(std::optional<PostId> post = {});
  QuickPostWindow* quick_post() { return quick_post_.get(); }
  // File > Sign in as…: asks for login and password, then signs in.
  void sign_in();
  void sign_out();
  // A new workspace token for this desktop (its owner only): kanalctl and
  // scripts holding the old one are refused from then on.
  void new_workspace_token();

 private:
  void build_menus();
  void on_connection(ConnectionState state, const wxString& detail);
  void on_identity(const wxString& note);
  // The sidebar: the views the person may use, in order.
  void rebuild_sidebar();
  void on_view_chosen();
  void on_close(wxCloseEvent& event);
  void show_about();

  Desktop desktop_;  // what the quick-post windows get
  std::unique_ptr<Connection> connection_;
  wxInfoBar* banner_ = nullptr;
  PauseBanner* pause_banner_ = nullptr;
  std::unique_ptr<NoticesWatcher> notices_;
  wxListBox* sidebar_ = nullptr;
  wxSimplebook* views_ = nullptr;
  DraftsView* drafts_ = nullptr;
  AccountsView* accounts_ = nullptr;
  AnalyticsView* analytics_ = nullptr;
  AuditView* audit_ = nullptr;
  ApprovalsView* approvals_ = nullptr;
  UsersView* users_ = nullptr;
  PolicyView* policy_ = nullptr;
  DocumentsView* documents_ = nullptr;
  CalendarView* calendar_ = nullptr;
  QueueView* queue_ = nullptr;
  InboxView* inbox_ = nullptr;
  PressContactsView* press_contacts_ = nullptr;
  wxPanel* signed_out_ = nullptr;  // shown while nobody is signed in
  wxButton* continue_as_owner_ = nullptr;
  struct Page {
    wxWindow* view;
    wxString label;
    std::string permission;  // what the role needs to see it
  };
  std::vector<Page> pages_;
  std::vector<std::size_t> listed_;  // sidebar row → pages_ index
  std::size_t waiting_approvals_ = 0;
  UserId shown_user_;  // whose views are on screen
  bool sign_in_asked_ = false;
  bool was_connected_ = false;
  bool ever_connected_ = false;
  bool start_error_shown_ = false;
  wxWeakRef<QuickPostWindow> quick_post_;
  bool quick_post_when_signed_in_ = false;
};

}  // namespace kanal::gui
