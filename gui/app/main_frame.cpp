#include "app/main_frame.h"

#include <wx/aboutdlg.h>
#include <wx/infobar.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/persist/toplevel.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>
#include <wx/utils.h>

#include "accounts/accounts_view.h"
#include "admin/documents_view.h"
#include "admin/policy_view.h"
#include "admin/users_view.h"
#include "analytics/analytics_view.h"
#include "app/async.h"
#include "app/error_dialog.h"
#include "app/sign_in_dialog.h"
#include "approvals/approvals_view.h"
#include "audit/audit_view.h"
#include "contacts/press_contacts_view.h"
#include "drafts/drafts_view.h"
#include "inbox/inbox_view.h"
#include "kanal/version.h"
#include "schedule/calendar_view.h"
#include "schedule/pause_banner.h"
#include "schedule/queue_view.h"

namespace kanal::gui {
namespace {

enum StatusField { kMessage, kConnection, kIdentity };
enum MenuId {
  kIdRefresh = wxID_HIGHEST + 1,
  kIdSignIn,
  kIdSignOut,
  kIdNewToken,
  kIdPause,
  kIdResume,
  kIdImportSchedule,
  kIdExportSchedule,
  kIdBlackout,
  kIdCatchUp,
  kIdQuickPost
};

}  // namespace

MainFrame::MainFrame(ConnectionTarget target, Desktop desktop)
    : wxFrame(nullptr, wxID_ANY, _("Kanal"), wxDefaultPosition, wxSize(1100, 720), wxDEFAULT_FRAME_STYLE, "main_frame"),
      desktop_(desktop) {
  SetMinSize(FromDIP(wxSize(760, 480)));
  connection_ = std::make_unique<Connection>(
      this, std::move(target), [this](ConnectionState state, const wxString& detail) { on_connection(state, detail); });

  auto* body = new wxPanel(this);
  // Across the top while kanald is starting or out of reach.
  banner_ = new wxInfoBar(body);
  sidebar_ = new wxListBox(body, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(170, -1)), 0, nullptr, wxLB_SINGLE,
                           wxDefaultValidator, "sidebar");
  sidebar_->SetFont(sidebar_->GetFont().Scaled(1.15f));
  views_ = new wxSimplebook(body);
  const auto status_sink = [this](const wxString& text) { SetStatusText(text, kMessage); };
  // On every view: a pause made on any desktop shows here within seconds.
  pause_banner_ = new PauseBanner(body, *connection_, desktop.notify, [this] {
    if (views_->GetCurrentPage() == calendar_) calendar_->reload();
    if (views_->GetCurrentPage() == queue_) queue_->reload();
  });
  drafts_ = new DraftsView(views_, *connection_, status_sink, std::move(desktop.choose_image));
  notices_ = std::make_unique<NoticesWatcher>(this, *connection_, desktop.notify, [this](PostId post) {
    Raise();
    show_view(drafts_);
    drafts_->open_post(post);
  });
  calendar_ = new CalendarView(
      views_, *connection_, status_sink, desktop,
      [this](PostId post) {
        show_view(drafts_);
        drafts_->open_post(post);
      },
      [this] { pause_banner_->pause(); });
  queue_ = new QueueView(views_, *connection_, status_sink);
  inbox_ = new InboxView(views_, *connection_, status_sink);
  approvals_ = new ApprovalsView(
      views_, *connection_, status_sink,
      [this](std::size_t waiting) {
        waiting_approvals_ = waiting;
        rebuild_sidebar();
      },
      std::move(desktop.notify),
      [this](const wire::QueueItem& item) {
        // A draft for an account kept for this person opens in Quick post; any other in Approvals.
        const auto& own = connection_->me() ? connection_->me()->own_accounts : std::vector<AccountId>{};
        const bool for_me = std::any_of(item.targets.begin(), item.targets.end(), [&](AccountId id) {
          return std::find(own.begin(), own.end(), id) != own.end();
        });
        Raise();
        if (for_me) {
          open_quick_post(item.post);
        } else {
          show_view(approvals_);
        }
      });
  accounts_ = new AccountsView(views_, *connection_, status_sink, std::move(desktop.open_browser));
  analytics_ = new AnalyticsView(views_, *connection_, status_sink, desktop.choose_save);
  audit_ = new AuditView(views_, *connection_, status_sink, desktop.choose_save, desktop.choose_open);
  policy_ = new PolicyView(views_, *connection_, status_sink, desktop.choose_open, desktop.choose_save);
  users_ = new UsersView(views_, *connection_, status_sink);
  documents_ = new DocumentsView(views_, *connection_, status_sink, desktop.choose_open, desktop.choose_save);
  press_contacts_ = new PressContactsView(views_, *connection_, status_sink, desktop_);
  pages_ = {{drafts_, _("Drafts"), "read"},
            {approvals_, _("Approvals"), "approve"},
            {inbox_, _("Inbox"), "read"},
            {calendar_, _("Calendar"), "read"},
            {queue_, _("Queue"), "read"},
            {analytics_, _("Analytics"), "read"},
            {accounts_, _("Accounts"), "read"},
            {press_contacts_, _("Press contacts"), "read"},
            {audit_, _("Audit"), "audit"},
            {users_, _("Users"), "admin"},
            {policy_, _("Approval policy"), "admin"},
            {documents_, _("Shared texts"), "read"}};
  for (const auto& page : pages_) views_->AddPage(page.view, page.label);
  // Nobody signed in: nothing of the last person's stays on screen.
  signed_out_ = new wxPanel(views_, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "signed_out");
  auto* nobody = new wxStaticText(signed_out_, wxID_ANY, _("Nobody is signed in."));
  nobody->SetFont(nobody->GetFont().Scaled(1.3f));
  auto* sign_in_button = new wxButton(signed_out_, wxID_ANY, _("Sign &in…"), wxDefaultPosition, wxDefaultSize, 0,
                                      wxDefaultValidator, "signed_out_sign_in");
  continue_as_owner_ = new wxButton(signed_out_, wxID_ANY, _("&Continue as this computer's user"), wxDefaultPosition,
                                    wxDefaultSize, 0, wxDefaultValidator, "continue_as_owner");
  auto* signed_out_sizer = new wxBoxSizer(wxVERTICAL);
  signed_out_sizer->Add(nobody, wxSizerFlags().Border(wxALL, FromDIP(24)));
  signed_out_sizer->Add(sign_in_button, wxSizerFlags().Border(wxLEFT | wxBOTTOM, FromDIP(24)));
  signed_out_sizer->Add(continue_as_owner_, wxSizerFlags().Border(wxLEFT, FromDIP(24)));
  signed_out_->SetSizer(signed_out_sizer);
  views_->AddPage(signed_out_, {});
  sign_in_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { sign_in(); });
  continue_as_owner_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { connection_->use_owner(); });
  rebuild_sidebar();
  sidebar_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { on_view_chosen(); });
  connection_->on_identity([this](const wxString& note) { on_identity(note); });

  auto* columns = new wxBoxSizer(wxHORIZONTAL);
  columns->Add(sidebar_, wxSizerFlags().Expand());
  columns->Add(views_, wxSizerFlags(1).Expand());
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(banner_, wxSizerFlags().Expand());
  sizer->Add(pause_banner_, wxSizerFlags().Expand());
  sizer->Add(columns, wxSizerFlags(1).Expand());
  body->SetSizer(sizer);

  auto* status = CreateStatusBar(3);
  const int widths[] = {-3, -2, -2};
  status->SetStatusWidths(3, widths);
  build_menus();
  Bind(wxEVT_CLOSE_WINDOW, &MainFrame::on_close, this);

  // Size and position as the user left them.
  wxPersistentRegisterAndRestore(this, "main_frame");
  connection_->start();
}

MainFrame::~MainFrame() = default;

QuickPostWindow* MainFrame::open_quick_post(std::optional<PostId> post) {
  if (!connection_->me()) {
    quick_post_when_signed_in_ = true;  // opens once someone is signed in
    return nullptr;
  }
  // One at a time: a second keystroke, or the same post again, brings the
  // open one forward; a finished one makes room for a new one.
  if (quick_post_ && !quick_post_->finished() && (!post || quick_post_->post_id() == post)) {
    quick_post_->Raise();
    return quick_post_.get();
  }
  if (quick_post_) quick_post_->Close();
  quick_post_ = new QuickPostWindow(this, *connection_, desktop_, post);
  quick_post_->Show();
  quick_post_->Raise();
  return quick_post_.get();
}

void MainFrame::build_menus() {
  auto* file = new wxMenu;
  file->Append(wxID_NEW, _("&New Draft\tCtrl+N"));
  file->Append(wxID_SAVE, _("&Save Draft\tCtrl+S"));
  file->Append(wxID_DELETE, _("&Delete Draft…\tCtrl+Delete"));
  file->Append(kIdQuickPost, _("&Quick post…\tCtrl+Shift+N"));
  file->AppendSeparator();
  file->Append(kIdSignIn, _("Sign &in as…"));
  file->Append(kIdSignOut, _("Sign &out"));
  file->Append(kIdNewToken, _("New workspace &token…"));
  file->Enable(kIdNewToken, false);  // the desktop's owner's, once known
  file->AppendSeparator();
  file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));
  auto* view = new wxMenu;
  view->Append(kIdRefresh, _("&Refresh\tF5"));
  auto* publishing = new wxMenu;
  publishing->Append(kIdPause, _("&Pause publishing…\tCtrl+Shift+P"));
  publishing->Append(kIdResume, _("&Resume publishing…"));
  publishing->AppendSeparator();
  publishing->Append(kIdImportSchedule, _("&Import schedule (CSV)…"));
  publishing->Append(kIdExportSchedule, _("&Export schedule (iCalendar)…"));
  publishing->Append(kIdBlackout, _("&Blackout window…"));
  publishing->Append(kIdCatchUp, _("&Catch-up after downtime…"));
  auto* help = new wxMenu;
  help->Append(wxID_ABOUT, _("&About Kanal"));
  auto* bar = new wxMenuBar;
  bar->Append(file, _("&File"));
  bar->Append(view, _("&View"));
  bar->Append(publishing, _("&Publishing"));
  bar->Append(help, _("&Help"));
  SetMenuBar(bar);

  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { drafts_->new_draft(); }, wxID_NEW);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { drafts_->save(); }, wxID_SAVE);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { drafts_->delete_current(); }, wxID_DELETE);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { open_quick_post(); }, kIdQuickPost);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { drafts_->reload(); }, kIdRefresh);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { sign_in(); }, kIdSignIn);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { sign_out(); }, kIdSignOut);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { new_workspace_token(); }, kIdNewToken);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { show_about(); }, wxID_ABOUT);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { pause_banner_->pause(); }, kIdPause);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { pause_banner_->resume(); }, kIdResume);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { calendar_->import_csv(); }, kIdImportSchedule);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { calendar_->export_ical(); }, kIdExportSchedule);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { calendar_->add_blackout(); }, kIdBlackout);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { calendar_->set_catch_up(); }, kIdCatchUp);
}

void MainFrame::on_connection(ConnectionState state, const wxString& detail) {
  wxString label;
  switch (state) {
    case ConnectionState::connecting: label = detail; break;
    case ConnectionState::connected: label = "\u25CF " + detail; break;
    case ConnectionState::reconnecting: label = _("\u25CB Reconnecting…"); break;
    case ConnectionState::offline: label = _("\u25CB Offline"); break;
  }
  SetStatusText(label, kConnection);
  switch (state) {
    case ConnectionState::connecting:
      banner_->ShowMessage(detail + " " + _("Your drafts appear as soon as it answers."), wxICON_INFORMATION);
      break;
    case ConnectionState::connected: banner_->Dismiss(); break;
    case ConnectionState::reconnecting:
    case ConnectionState::offline:
      banner_->ShowMessage(_("Kanal's service cannot be reached; retrying every few seconds. Unsaved text stays "
                             "in the editor."),
                           wxICON_WARNING);
      break;
  }
  // Back after a loss: read again (the first time, once kanald says who this is).
  if (state == ConnectionState::connected && !was_connected_ && connection_->me()) {
    drafts_->reload();
    accounts_->reload();
  }
  if (state == ConnectionState::offline && !ever_connected_ && !start_error_shown_) {
    // Never connected: kanald would not start or cannot be reached. Say why, once.
    start_error_shown_ = true;
    wxMessageDialog dialog(this, _("Kanal cannot reach its service (kanald)."), _("Kanal"), wxOK | wxICON_ERROR);
    dialog.SetExtendedMessage(detail + "\n\n" + _("Kanal keeps trying; the status bar shows when it is connected."));
    dialog.ShowModal();
  }
  was_connected_ = state == ConnectionState::connected;
  ever_connected_ = ever_connected_ || was_connected_;
}

void MainFrame::rebuild_sidebar() {
  const auto* current = views_->GetCurrentPage();
  listed_.clear();
  sidebar_->Clear();
  if (connection_->nobody_signed_in()) {
    continue_as_owner_->Show(connection_->has_owner());
    signed_out_->Layout();
    views_->SetSelection(static_cast<std::size_t>(views_->FindPage(signed_out_)));
    return;
  }
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    const auto& page = pages_[i];
    // Until kanald says who this is, only what everyone may see.
    if (page.permission != "read" && !connection_->may(page.permission)) continue;
    wxString label = page.label;
    if (page.view == approvals_ && waiting_approvals_ > 0) label += wxString::Format(" (%zu)", waiting_approvals_);
    sidebar_->Append(label);
    listed_.push_back(i);
    if (page.view == current) sidebar_->SetSelection(static_cast<int>(listed_.size() - 1));
  }
  if (sidebar_->GetSelection() == wxNOT_FOUND) {
    // The view on screen is not for this person: back to the first.
    sidebar_->SetSelection(0);
    views_->SetSelection(listed_.front());
  }
}

void MainFrame::on_view_chosen() {
  const int row = sidebar_->GetSelection();
  if (row < 0 || static_cast<std::size_t>(row) >= listed_.size()) return;
  views_->SetSelection(listed_[static_cast<std::size_t>(row)]);
  // What a view shows may have changed while another was on screen.
  auto* view = views_->GetCurrentPage();
  if (view == drafts_) drafts_->refresh_targets();
  if (view == calendar_) calendar_->reload();
  if (view == queue_) queue_->reload();
  if (view == inbox_) inbox_->reload();
  if (view == accounts_) accounts_->reload();
  if (view == press_contacts_) press_contacts_->reload();
  if (view == analytics_) analytics_->reload();
  if (view == audit_) audit_->reload();
  if (view == approvals_) approvals_->reload();
  if (view == users_) users_->reload();
  if (view == policy_) policy_->reload();
  if (view == documents_) documents_->reload();
}

bool MainFrame::show_view(wxWindow* view) {
  for (std::size_t row = 0; row < listed_.size(); ++row) {
    if (pages_[listed_[row]].view != view) continue;
    sidebar_->SetSelection(static_cast<int>(row));
    on_view_chosen();
    return true;
  }
  return false;
}

void MainFrame::on_identity(const wxString& note) {
  const auto& me = connection_->me();
  GetMenuBar()->Enable(kIdNewToken, me && me->workspace_owner && connection_->is_local());
  if (me && quick_post_when_signed_in_) {
    quick_post_when_signed_in_ = false;
    CallAfter([this] { open_quick_post(); });
  }
  if (!me) {
    // Nobody is signed in (signed out, a session ended, a team server): ask
    // once; File › Sign in as… stays.
    rebuild_sidebar();
    if (!connection_->nobody_signed_in()) return;  // still finding out who
    SetStatusText(_("Nobody is signed in"), kIdentity);
    if (!note.empty()) banner_->ShowMessage(note, wxICON_INFORMATION);
    if (quick_post_) quick_post_->Close();  // it wrote as the person before
    // A team server that never knew who this is asks at once; after a
    // sign-out the page says what to do.
    if (!sign_in_asked_ && shown_user_.value == 0) {
      sign_in_asked_ = true;
      CallAfter([this] { sign_in(); });
    }
    return;
  }
  SetStatusText(wxString::Format(_("Signed in as %s (%s)"), wxString::FromUTF8(me->user.display_name),
                                 wxString::FromUTF8(std::string(to_string(me->user.role)))),
                kIdentity);
  if (!note.empty()) banner_->ShowMessage(note, wxICON_INFORMATION);
  const auto who = me->user.id;
  const bool first = shown_user_.value == 0;
  const bool someone_else = !first && who != shown_user_;
  shown_user_ = who;
  if (someone_else) waiting_approvals_ = 0;
  rebuild_sidebar();
  if (someone_else) approvals_->forget();                 // what waited for the person before is not this one's
  if (someone_else && quick_post_) quick_post_->Close();  // it wrote as the person before
  approvals_->reload();
  pause_banner_->refresh();
  if (first || someone_else) {
    drafts_->reload();
    accounts_->reload();
  }
}

void MainFrame::sign_in() {
  auto api = connection_->api();
  if (!api) return;
  SignInDialog dialog(this);
  if (dialog.ShowModal() != wxID_OK) return;
  SetStatusText(_("Signing in…"), kMessage);
  then_on_window(
      this, api->sign_in(dialog.login(), dialog.password()),
      [this](wire::SessionInfo& session) {
        connection_->use_session(session);
        SetStatusText({}, kMessage);
      },
      [this](const Error& error) {
        SetStatusText({}, kMessage);
        show_error_always(this, _("You are not signed in."), error);
      });
}

void MainFrame::sign_out() {
  connection_->sign_out();
  SetStatusText(_("Signed out."), kMessage);
}

void MainFrame::new_workspace_token() {
  auto api = connection_->api();
  if (!api) return;
  wxMessageDialog ask(this,
                      _("Make a new workspace token?\n\nkanalctl, scripts and anything else that uses the current "
                        "token are refused from now on; this desktop goes on with the new one."),
                      _("New workspace token"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
  if (ask.ShowModal() != wxID_YES) return;
  then_on_window(
      this, api->rotate_workspace_token(),
      [this](Done&) {
        connection_->reread_owner_token();
        SetStatusText(_("A new workspace token is in force; the old one is refused."), kMessage);
      },
      [this](const Error& error) { show_error_always(this, _("No new workspace token was made."), error); });
}

void MainFrame::on_close(wxCloseEvent& event) {
  if (event.CanVeto() && drafts_->has_unsaved_changes()) {
    event.Veto();
    drafts_->guard_unsaved([this] {
      // Saved or discarded: now close for real.
      CallAfter([this] { Close(true); });
    });
    return;
  }
  event.Skip();
}

void MainFrame::show_about() {
  wxAboutDialogInfo info;
  info.SetName(_("Kanal"));
  info.SetVersion(kVersion);
  info.SetDescription(
      _("Social media for public social-protection agencies: plain, personal messages, approved "
        "at the right level, and answers to citizens from one inbox."));
  info.SetCopyright(_("© The Kanal developers"));
  wxAboutBox(info, this);
}

}  // namespace kanal::gui
