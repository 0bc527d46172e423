#include "accounts/accounts_view.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>

#include "app/async.h"
#include "app/error_dialog.h"

namespace kanal::gui {
namespace {

wxString health_label(const Account& account) {
  switch (account.health) {
    case AccountHealth::ok: return _("OK");
    case AccountHealth::needs_reauthorization: return _("Needs to be connected again");
    case AccountHealth::rate_limited: return _("Rate limited; waiting");
    case AccountHealth::disconnected: return _("Disconnected");
  }
  return {};
}

constexpr int kPollMs = 700;
constexpr int kMaxPolls = 860;  // about ten minutes in the browser

}  // namespace

AccountsView::AccountsView(wxWindow* parent, Connection& connection, StatusSink status, BrowserOpener open_browser)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "accounts_view"),
      connection_(connection),
      status_(std::move(status)),
      open_browser_(std::move(open_browser)),
      poll_timer_(this) {
  auto* connect = new wxButton(this, wxID_ANY, _("&Connect account…"), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, "connect_account");
  auto* disconnect = new wxButton(this, wxID_ANY, _("&Disconnect…"), wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, "disconnect_account");
  auto* refresh = new wxButton(this, wxID_ANY, _("&Refresh"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                               "refresh_accounts");
  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL,
                         wxDefaultValidator, "account_list");
  list_->AppendColumn(_("Network"), wxLIST_FORMAT_LEFT, FromDIP(110));
  list_->AppendColumn(_("Account"), wxLIST_FORMAT_LEFT, FromDIP(260));
  list_->AppendColumn(_("Health"), wxLIST_FORMAT_LEFT, FromDIP(220));
  list_->AppendColumn(_("Followers"), wxLIST_FORMAT_RIGHT, FromDIP(90));

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(connect, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  buttons->Add(disconnect, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  buttons->Add(refresh);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(buttons, wxSizerFlags().Border(wxALL, FromDIP(8)));
  sizer->Add(list_, wxSizerFlags(1).Expand());
  SetSizer(sizer);

  connect->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { connect_account(); });
  disconnect->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { disconnect_selected(); });
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
  Bind(
      wxEVT_TIMER, [this](wxTimerEvent&) { poll_connection(); }, poll_timer_.GetId());  // the owner gets timer events
}

void AccountsView::reload() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->accounts(), [this](std::vector<Account>& accounts) { show(std::move(accounts)); },
      [this](const Error& error) { show_error(this, _("Could not load the accounts."), error); });
}

void AccountsView::show(std::vector<Account> accounts) {
  accounts_ = std::move(accounts);
  list_->DeleteAllItems();
  for (std::size_t i = 0; i < accounts_.size(); ++i) {
    const auto& account = accounts_[i];
    const long row = list_->InsertItem(static_cast<long>(i), wxString::FromUTF8(account.network));
    list_->SetItem(row, 1, wxString::FromUTF8(account.handle));
    list_->SetItem(row, 2, health_label(account));
    list_->SetItem(row, 3, wxString::Format("%lld", static_cast<long long>(account.followers)));
  }
}

void AccountsView::connect_account() {
  auto api = connection_.api();
  if (!api) return;
  // The networks the loaded plugins offer; Mastodon asks which server.
  then_on_window(
      this, api->networks(),
      [this, api](std::vector<wire::NetworkInfo>& networks) {
        if (networks.empty()) {
          wxMessageBox(_("No network plugins are loaded in kanald."), _("Kanal"), wxOK | wxICON_WARNING, this);
          return;
        }
        wxArrayString names;
        for (const auto& network : networks) names.Add(wxString::FromUTF8(network.display_name));
        const int chosen =
            networks.size() == 1 ? 0 : wxGetSingleChoiceIndex(_("Which network?"), _("Connect account"), names, this);
        if (chosen < 0) return;
        const auto network = networks[static_cast<std::size_t>(chosen)];
        std::string instance;
        if (network.needs_instance_url) {
          wxTextEntryDialog ask(this, _("The address of the server, e.g. https://social.example"),
                                _("Connect a Mastodon account"), "https://");
          ask.SetName("instance_url_dialog");
          if (ask.ShowModal() != wxID_OK) return;
          instance = ask.GetValue().Trim().Trim(false).utf8_string();
        }
        status_(_("Opening the network's page in your browser…"));
        then_on_window(
            this, api->connect_account({network.id, instance}),
            [this](wire::ConnectStarted& started) {
              open_browser_(started.authorize_url);
              status_(_("Authorize Kanal in your browser; this view updates when you are done."));
              waiting_for_ = started.connect_id;
              polls_left_ = kMaxPolls;
              poll_connection();
            },
            [this](const Error& error) { show_error(this, _("Could not start connecting the account."), error); });
      },
      [this](const Error& error) { show_error(this, _("Could not ask kanald for the networks."), error); });
}

void AccountsView::poll_connection() {
  auto api = connection_.api();
  if (!api || waiting_for_.empty()) return;
  if (--polls_left_ < 0) {
    waiting_for_.clear();
    status_(_("Stopped waiting for the browser. Try connecting again."));
    return;
  }
  then_on_window(
      this, api->connect_progress(waiting_for_),
      [this](wire::ConnectProgress& progress) {
        if (progress.state == "connected") {
          waiting_for_.clear();
          status_(wxString::Format(_("Connected %s."), wxString::FromUTF8(progress.account->handle)));
          reload();
        } else if (progress.state == "failed") {
          waiting_for_.clear();
          show_error(this, _("The account was not connected."), Error(ErrorCode::unavailable, progress.error));
        } else {
          poll_timer_.StartOnce(kPollMs);  // ask again shortly, without holding the UI thread
        }
      },
      [this](const Error& error) {
        waiting_for_.clear();
        show_error(this, _("Lost track of the connection."), error);
      });
}

void AccountsView::disconnect_selected() {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= accounts_.size()) return;
  const auto account = accounts_[static_cast<std::size_t>(row)];
  wxMessageDialog confirm(this, wxString::Format(_("Disconnect %s?"), wxString::FromUTF8(account.handle)), _("Kanal"),
                          wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
  confirm.SetExtendedMessage(_("Kanal forgets its access to the account. Posts waiting for it will not go out."));
  if (confirm.ShowModal() != wxID_YES) return;
  then_on_window(
      this, connection_.api()->disconnect_account(account.id), [this](Done&) { reload(); },
      [this](const Error& error) { show_error(this, _("The account was not disconnected."), error); });
}

}  // namespace kanal::gui
