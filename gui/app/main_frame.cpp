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
#include "audit/audit_view.h"
#include "drafts/drafts_view.h"
#include "kanal/version.h"

namespace kanal::gui {
namespace {

enum StatusField { kMessage, kConnection };
enum MenuId { kIdRefresh = wxID_HIGHEST + 1 };

}  // namespace

MainFrame::MainFrame(ConnectionTarget target, Desktop desktop)
    : wxFrame(nullptr, wxID_ANY, _("Kanal"), wxDefaultPosition, wxSize(1100, 720), wxDEFAULT_FRAME_STYLE,
              "main_frame") {
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
  drafts_ = new DraftsView(
      views_, *connection_, [this](const wxString& text) { SetStatusText(text, kMessage); },
      std::move(desktop.choose_image));
  views_->AddPage(drafts_, _("Drafts"));
  sidebar_->Append(_("Drafts"));
  accounts_ = new AccountsView(
      views_, *connection_, [this](const wxString& text) { SetStatusText(text, kMessage); },
      std::move(desktop.open_browser));
  views_->AddPage(accounts_, _("Accounts"));
  sidebar_->Append(_("Accounts"));
  audit_ = new AuditView(
      views_, *connection_, [this](const wxString& text) { SetStatusText(text, kMessage); },
      std::move(desktop.choose_save));
  views_->AddPage(audit_, _("Audit"));
  sidebar_->Append(_("Audit"));
  sidebar_->SetSelection(0);
  sidebar_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& event) {
    views_->SetSelection(event.GetSelection());
    // What a view shows may have changed while another was on screen.
    if (views_->GetCurrentPage() == drafts_) drafts_->refresh_targets();
    if (views_->GetCurrentPage() == accounts_) accounts_->reload();
    if (views_->GetCurrentPage() == audit_) audit_->reload();
  });

  auto* columns = new wxBoxSizer(wxHORIZONTAL);
  columns->Add(sidebar_, wxSizerFlags().Expand());
  columns->Add(views_, wxSizerFlags(1).Expand());
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(banner_, wxSizerFlags().Expand());
  sizer->Add(columns, wxSizerFlags(1).Expand());
  body->SetSizer(sizer);

  auto* status = CreateStatusBar(2);
  const int widths[] = {-3, -2};
  status->SetStatusWidths(2, widths);
  build_menus();
  Bind(wxEVT_CLOSE_WINDOW, &MainFrame::on_close, this);

  // Size and position as the user left them.
  wxPersistentRegisterAndRestore(this, "main_frame");
  connection_->start();
}

MainFrame::~MainFrame() = default;

void MainFrame::build_menus() {
  auto* file = new wxMenu;
  file->Append(wxID_NEW, _("&New Draft\tCtrl+N"));
  file->Append(wxID_SAVE, _("&Save Draft\tCtrl+S"));
  file->Append(wxID_DELETE, _("&Delete Draft…\tCtrl+Delete"));
  file->AppendSeparator();
  file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));
  auto* view = new wxMenu;
  view->Append(kIdRefresh, _("&Refresh\tF5"));
  auto* help = new wxMenu;
  help->Append(wxID_ABOUT, _("&About Kanal"));
  auto* bar = new wxMenuBar;
  bar->Append(file, _("&File"));
  bar->Append(view, _("&View"));
  bar->Append(help, _("&Help"));
  SetMenuBar(bar);

  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { drafts_->new_draft(); }, wxID_NEW);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { drafts_->save(); }, wxID_SAVE);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { drafts_->delete_current(); }, wxID_DELETE);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { drafts_->reload(); }, kIdRefresh);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { show_about(); }, wxID_ABOUT);
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
  if (state == ConnectionState::connected && !was_connected_) {
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
