#include "accounts/accounts_view.h"

#include <wx/choicdlg.h>
#include <wx/imaglist.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>

#include <algorithm>

#include "accounts/account_permissions_dialog.h"
#include "accounts/connect_dialog.h"
#include "accounts/network_settings_dialog.h"
#include "app/async.h"
#include "app/error_dialog.h"
#include "widgets/network_icon.h"

namespace kanal::gui {
namespace {

wxString health_label(const Account& account) {
  wxString label;
  switch (account.health) {
    case AccountHealth::ok: return _("OK");
    case AccountHealth::needs_reauthorization: label = _("Needs to be connected again"); break;
    case AccountHealth::rate_limited: label = _("Rate limited; waiting"); break;
    case AccountHealth::disconnected: return _("Disconnected");
  }
  if (!account.health_detail.empty()) label += " — " + wxString::FromUTF8(account.health_detail);
  return label;
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
  reconnect_ = new wxButton(this, wxID_ANY, _("Re&connect…"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            "reconnect_account");
  reconnect_->SetToolTip(_("Sign in again, e.g. when the network stopped accepting Kanal's access"));
  disconnect_ = new wxButton(this, wxID_ANY, _("&Disconnect…"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             "disconnect_account");
  auto* refresh = new wxButton(this, wxID_ANY, _("&Refresh"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                               "refresh_accounts");
  permissions_ = new wxButton(this, wxID_ANY, _("&Permissions…"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, "account_permissions");
  permissions_->SetToolTip(_("Who may draft, publish, approve, answer and moderate on this account"));
  network_settings_ = new wxButton(this, wxID_ANY, _("Network &settings…"), wxDefaultPosition, wxDefaultSize, 0,
                                   wxDefaultValidator, "network_settings");
  network_settings_->SetToolTip(_("The workspace's settings for a network, e.g. the X app's client id and secret"));

  // While the browser step is under way: what is happening, and a way out.
  progress_ = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "connect_progress");
  spinner_ = new wxActivityIndicator(progress_);
  progress_text_ = new wxStaticText(progress_, wxID_ANY, {});
  auto* reopen = new wxButton(progress_, wxID_ANY, _("Open the page &again"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, "reopen_browser");
  auto* cancel = new wxButton(progress_, wxID_CANCEL, _("Cancel"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, "cancel_connect");
  auto* progress_row = new wxBoxSizer(wxHORIZONTAL);
  progress_row->Add(spinner_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(8)));
  progress_row->Add(progress_text_, wxSizerFlags(1).CenterVertical());
  progress_row->Add(reopen, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
  progress_row->Add(cancel, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
  progress_->SetSizer(progress_row);
  progress_->Hide();

  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL,
                         wxDefaultValidator, "account_list");
  const int icon_px = FromDIP(18);
  list_->AssignImageList(new wxImageList(icon_px, icon_px, false), wxIMAGE_LIST_SMALL);
  list_->AppendColumn(_("Network"), wxLIST_FORMAT_LEFT, FromDIP(130));
  list_->AppendColumn(_("Account"), wxLIST_FORMAT_LEFT, FromDIP(260));
  list_->AppendColumn(_("Health"), wxLIST_FORMAT_LEFT, FromDIP(330));
  list_->AppendColumn(_("Followers"), wxLIST_FORMAT_RIGHT, FromDIP(90));

  details_ = new wxStaticText(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, "account_details");

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  for (auto* button : {connect, reconnect_, disconnect_, permissions_, network_settings_})
    buttons->Add(button, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  buttons->Add(refresh);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(buttons, wxSizerFlags().Border(wxALL, FromDIP(8)));
  sizer->Add(progress_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
  sizer->Add(list_, wxSizerFlags(1).Expand());
  sizer->Add(details_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
  SetSizer(sizer);

  connect->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { connect_account(); });
  reconnect_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reconnect_selected(); });
  disconnect_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { disconnect_selected(); });
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
  permissions_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_permissions(); });
  network_settings_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_network_settings(); });
  reopen->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (!authorize_url_.empty()) open_browser_(authorize_url_);
  });
  cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel_connecting(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
  list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { update_buttons(); });
  // Opening an account that needs a person starts what it needs.
  list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) {
    const auto account = selected();
    if (account && account->health != AccountHealth::ok) reconnect_selected();
  });
  Bind(
      wxEVT_TIMER, [this](wxTimerEvent&) { poll_connection(); }, poll_timer_.GetId());  // the owner gets timer events
  update_buttons();
}

void AccountsView::reload() {
  auto api = connection_.api();
  if (!api) return;
  // The networks (names and marks from their descriptors), then the accounts.
  then_on_window(
      this, all(api->networks(), api->accounts()),
      [this](std::tuple<std::vector<NetworkDescriptor>, std::vector<Account>>& loaded) {
        networks_ = std::move(std::get<0>(loaded));
        show(std::move(std::get<1>(loaded)));
      },
      [this](const Error& error) { show_error(this, _("Could not load the accounts."), error); });
}

void AccountsView::show(std::vector<Account> accounts) {
  const auto keep = selected();
  accounts_ = std::move(accounts);
  list_->DeleteAllItems();
  auto* icons = list_->GetImageList(wxIMAGE_LIST_SMALL);
  icons->RemoveAll();
  int icon_px = 0, height = 0;
  icons->GetSize(0, icon_px, height);
  std::vector<std::string> marked;  // one mark per network, in the image list's order
  for (std::size_t i = 0; i < accounts_.size(); ++i) {
    const auto& account = accounts_[i];
    auto icon = std::find(marked.begin(), marked.end(), account.network);
    if (icon == marked.end()) {
      icons->Add(network_icon(wire::find_network(networks_, account.network), icon_px, account.network));
      icon = marked.insert(marked.end(), account.network);
    }
    const long row = list_->InsertItem(static_cast<long>(i), network_name(networks_, account.network),
                                       static_cast<int>(icon - marked.begin()));
    list_->SetItem(row, 1, wxString::FromUTF8(account.handle));
    list_->SetItem(row, 2, health_label(account));
    list_->SetItem(row, 3, wxString::Format("%lld", static_cast<long long>(account.followers)));
    if (account.health == AccountHealth::needs_reauthorization) list_->SetItemTextColour(row, wxColour(170, 40, 20));
    if (account.health == AccountHealth::disconnected) list_->SetItemTextColour(row, *wxLIGHT_GREY);
    if (keep && keep->id == account.id) list_->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  }
  update_buttons();
}

std::optional<Account> AccountsView::selected() const {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= accounts_.size()) return std::nullopt;
  return accounts_[static_cast<std::size_t>(row)];
}

void AccountsView::update_buttons() {
  const auto account = selected();
  const bool idle = waiting_for_.empty();
  details_->SetLabel(account ? wxString::FromUTF8(account->handle) + ": " + health_label(*account) : wxString());
  details_->Wrap(GetClientSize().x - FromDIP(16));
  Layout();
  reconnect_->Enable(account.has_value() && idle);
  disconnect_->Enable(account.has_value() && account->health != AccountHealth::disconnected);
  permissions_->Enable(account.has_value() && connection_.may("admin"));
  network_settings_->Show(connection_.may("admin"));
}

// Which network (when several have settings), its settings, the dialog, saved.
void AccountsView::edit_network_settings() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->networks(),
      [this, api](std::vector<NetworkDescriptor>& networks) {
        // A network that reads another's settings (Instagram, Facebook's Meta app) is set there.
        std::erase_if(networks,
                      [](const auto& network) { return network.settings.empty() || !network.settings_of.empty(); });
        if (networks.empty()) {
          wxMessageBox(_("No network here has workspace settings."), _("Network settings"), wxOK, this);
          return;
        }
        std::size_t chosen = 0;
        if (networks.size() > 1) {
          wxArrayString names;
          for (const auto& network : networks) names.Add(wxString::FromUTF8(network.display_name));
          wxSingleChoiceDialog choose(this, _("Settings for which network?"), _("Network settings"), names);
          choose.SetName("choose_network_settings");
          if (choose.ShowModal() != wxID_OK) return;
          chosen = static_cast<std::size_t>(choose.GetSelection());
        }
        const auto network = networks[chosen];
        then_on_window(
            this, api->network_settings(network.id),
            [this, api, network](std::vector<wire::NetworkSettingValue>& settings) {
              NetworkSettingsDialog dialog(this, wxString::FromUTF8(network.display_name), std::move(settings));
              if (dialog.ShowModal() != wxID_OK || dialog.changes().empty()) return;
              then_on_window(
                  this, api->set_network_settings(network.id, dialog.changes()),
                  [this, network](std::vector<wire::NetworkSettingValue>&) {
                    status_(wxString::Format(_("%s: settings saved."), wxString::FromUTF8(network.display_name)));
                  },
                  [this](const Error& error) { show_error(this, _("The settings were not saved."), error); });
            },
            [this](const Error& error) { show_error(this, _("The settings could not be read."), error); });
      },
      [this](const Error& error) { show_error(this, _("Could not ask kanald for the networks."), error); });
}

void AccountsView::edit_permissions() {
  auto api = connection_.api();
  const auto account = selected();
  if (!api || !account) return;
  // The people and the account's list, then the dialog.
  auto users = std::make_shared<std::vector<User>>();
  then_on_window(
      this, api->users(),
      [this, api, account, users](std::vector<User>& people) {
        *users = std::move(people);
        then_on_window(
            this, api->account_permissions(account->id),
            [this, api, account, users](std::vector<AccountGrant>& grants) {
              AccountPermissionsDialog dialog(this, *account, *users, grants);
              if (dialog.ShowModal() != wxID_OK) return;
              then_on_window(
                  this, api->set_account_permissions(account->id, dialog.grants()),
                  [this, account](std::vector<AccountGrant>& saved) {
                    status_(saved.empty()
                                ? wxString::Format(_("%s is open to every role."), wxString::FromUTF8(account->handle))
                                : wxString::Format(_("%s: permissions saved for %zu people."),
                                                   wxString::FromUTF8(account->handle), saved.size()));
                  },
                  [this](const Error& error) { show_error(this, _("The permissions were not saved."), error); });
            },
            [this](const Error& error) { show_error(this, _("The permissions could not be read."), error); });
      },
      [this](const Error& error) { show_error(this, _("The people could not be read."), error); });
}

void AccountsView::connect_account() { ask_and_connect(std::nullopt); }

void AccountsView::reconnect_selected() {
  const auto account = selected();
  if (!account || !waiting_for_.empty()) return;
  ask_and_connect(account);
}

// The networks the loaded plugins offer, then the form the chosen one asks
// for. Reconnecting through the browser needs nothing typed: it goes at once.
void AccountsView::ask_and_connect(const std::optional<Account>& again) {
  auto api = connection_.api();
  if (!api || !waiting_for_.empty()) return;
  then_on_window(
      this, api->networks(),
      [this, again](std::vector<NetworkDescriptor>& networks) {
        networks_ = networks;
        if (networks.empty()) {
          wxMessageBox(_("No network plugins are loaded in kanald."), _("Kanal"), wxOK | wxICON_WARNING, this);
          return;
        }
        if (again) {
          const auto* network = wire::find_network(networks, again->network);
          if (network != nullptr && network->signs_in_with(SignInMethod::oauth)) {
            begin_connecting({again->network, again->instance_url}, again->handle);
            return;
          }
        }
        ConnectDialog dialog(this, std::move(networks), again ? again->network : std::string(),
                             again ? again->instance_url : std::string(), again ? again->handle : std::string());
        if (dialog.ShowModal() != wxID_OK) return;
        begin_connecting(dialog.request(), dialog.network().display_name);
      },
      [this](const Error& error) { show_error(this, _("Could not ask kanald for the networks."), error); });
}

void AccountsView::begin_connecting(const wire::ConnectRequest& request, const std::string& display_name) {
  auto api = connection_.api();
  if (!api) return;
  const bool in_browser = request.method == SignInMethod::oauth;
  show_progress(true, in_browser ? _("Asking the network to let Kanal in…") : _("Signing in…"));
  then_on_window(
      this, api->connect_account(request),
      [this, display_name](wire::ConnectStarted& started) {
        waiting_for_ = started.connect_id;
        authorize_url_ = started.authorize_url;
        polls_left_ = kMaxPolls;
        if (!started.authorize_url.empty()) {
          open_browser_(started.authorize_url);
          const auto text = wxString::Format(_("Authorize Kanal for %s in your browser. This view updates when you "
                                               "are done."),
                                             wxString::FromUTF8(display_name));
          show_progress(true, text);
          status_(text);
        }
        update_buttons();
        poll_connection();
      },
      [this](const Error& error) {
        show_progress(false);
        show_error(this, _("Could not start connecting the account."), error);
      });
}

// A sign-in that gives several accounts (pages, organisations): the person
// picks which to connect, all ticked to begin with.
void AccountsView::choose_accounts(const wire::ConnectProgress& progress) {
  wxArrayString names;
  wxArrayInt all;
  for (std::size_t i = 0; i < progress.offers.size(); ++i) {
    const auto& offer = progress.offers[i];
    // One sign-in may reach several networks (a Facebook page and its Instagram account).
    const auto* network = wire::find_network(networks_, offer.network);
    const auto where = network != nullptr ? network->display_name : offer.network;
    std::string about = where.empty() ? offer.kind : offer.kind.empty() ? where : where + " " + offer.kind;
    names.Add(
        wxString::FromUTF8(offer.display_name.empty() ? offer.handle : offer.display_name + " — " + offer.handle) +
        (about.empty() ? wxString() : " (" + wxString::FromUTF8(about) + ")"));
    all.Add(static_cast<int>(i));
  }
  wxMultiChoiceDialog dialog(this, _("This sign-in gives access to these accounts. Which should Kanal connect?"),
                             _("Choose accounts"), names);
  dialog.SetName("choose_accounts_dialog");
  dialog.SetSelections(all);
  std::vector<std::string> chosen;
  if (dialog.ShowModal() == wxID_OK) {
    for (const int index : dialog.GetSelections()) {
      chosen.push_back(progress.offers[static_cast<std::size_t>(index)].network_account_id);
    }
  }
  if (chosen.empty()) {
    cancel_connecting();
    return;
  }
  const auto attempt = waiting_for_;
  then_on_window(
      this, connection_.api()->choose_accounts(attempt, chosen),
      [this, attempt](wire::ConnectProgress&) {
        if (attempt == waiting_for_) poll_connection();
      },
      [this](const Error& error) {
        waiting_for_.clear();
        show_progress(false);
        show_error(this, _("The accounts were not connected."), error);
        update_buttons();
      });
}

void AccountsView::poll_connection() {
  auto api = connection_.api();
  if (!api || waiting_for_.empty()) return;
  if (--polls_left_ < 0) {
    cancel_connecting();
    status_(_("Stopped waiting for the browser. Try connecting again."));
    return;
  }
  const auto attempt = waiting_for_;
  then_on_window(
      this, api->connect_progress(attempt),
      [this, attempt](wire::ConnectProgress& progress) {
        if (attempt != waiting_for_) return;  // cancelled meanwhile
        if (progress.state == "waiting") {
          poll_timer_.StartOnce(kPollMs);  // ask again shortly, without holding the UI thread
          return;
        }
        if (progress.state == "choosing") {
          choose_accounts(progress);
          return;
        }
        waiting_for_.clear();
        show_progress(false);
        if (progress.state == "connected") {
          wxString handles;
          for (const auto& account : progress.accounts) {
            handles += (handles.empty() ? "" : ", ") + wxString::FromUTF8(account.handle);
          }
          status_(wxString::Format(_("Connected %s."), handles));
          reload();
        } else {
          show_error(this, _("The account was not connected."), Error(ErrorCode::unavailable, progress.error));
        }
        update_buttons();
      },
      [this](const Error& error) {
        waiting_for_.clear();
        show_progress(false);
        show_error(this, _("Lost track of the connection."), error);
        update_buttons();
      });
}

void AccountsView::cancel_connecting() {
  poll_timer_.Stop();
  const auto attempt = waiting_for_;
  waiting_for_.clear();
  authorize_url_.clear();
  show_progress(false);
  update_buttons();
  status_(_("Connecting was cancelled."));
  if (auto api = connection_.api(); api && !attempt.empty()) {
    // kanald forgets the attempt, so a late return from the browser connects nothing.
    then_on_window(
        this, api->cancel_connect(attempt), [](Done&) {},
        [this](const Error& error) {
          status_(_("Could not cancel in kanald: ") + wxString::FromUTF8(error.detail()));
        });
  }
}

void AccountsView::show_progress(bool waiting, const wxString& text) {
  if (waiting) {
    progress_text_->SetLabel(text);
    spinner_->Start();
  } else {
    spinner_->Stop();
  }
  progress_->Show(waiting);
  Layout();
}

void AccountsView::disconnect_selected() {
  const auto account = selected();
  if (!account) return;
  wxMessageDialog confirm(this, wxString::Format(_("Disconnect %s?"), wxString::FromUTF8(account->handle)), _("Kanal"),
                          wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
  confirm.SetExtendedMessage(_("Kanal forgets its access to the account. Posts waiting for it will not go out."));
  if (confirm.ShowModal() != wxID_YES) return;
  then_on_window(
      this, connection_.api()->disconnect_account(account->id), [this](Done&) { reload(); },
      [this](const Error& error) { show_error(this, _("The account was not disconnected."), error); });
}

}  // namespace kanal::gui
