#include "accounts/connect_dialog.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>

#include "widgets/network_icon.h"

namespace kanal::gui {
namespace {

wxString trimmed(const wxTextCtrl* field) {
  auto value = field->GetValue();
  return value.Trim().Trim(false);
}

}  // namespace

ConnectDialog::ConnectDialog(wxWindow* parent, std::vector<NetworkDescriptor> networks, const std::string& network_id,
                             const std::string& server_url, const std::string& handle)
    : wxDialog(parent, wxID_ANY, _("Connect account"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "connect_dialog"),
      networks_(std::move(networks)) {
  const int icon_px = FromDIP(18);
  network_choice_ = new wxBitmapComboBox(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, nullptr,
                                         wxCB_READONLY, wxDefaultValidator, "network_choice");
  for (const auto& network : networks_) {
    network_choice_->Append(wxString::FromUTF8(network.display_name), network_icon(&network, icon_px));
  }
  server_label_ = new wxStaticText(this, wxID_ANY, _("&Server"));
  server_ = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(server_url), wxDefaultPosition, wxDefaultSize, 0,
                           wxDefaultValidator, "server_url");
  // TRANSLATORS: how to sign in to a network to connect an account
  browser_ = new wxRadioButton(this, wxID_ANY, _("Sign in in the &browser"), wxDefaultPosition, wxDefaultSize,
                               wxRB_GROUP, wxDefaultValidator, "sign_in_browser");
  app_password_ = new wxRadioButton(this, wxID_ANY, _("Sign in with an &app password"), wxDefaultPosition,
                                    wxDefaultSize, 0, wxDefaultValidator, "sign_in_app_password");
  browser_note_ = new wxStaticText(this, wxID_ANY,
                                   _("The network's page opens in your browser; come back here when "
                                     "you have allowed Kanal in."));
  handle_label_ = new wxStaticText(this, wxID_ANY, _("&Handle"));
  handle_ = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(handle), wxDefaultPosition, wxDefaultSize, 0,
                           wxDefaultValidator, "handle");
  password_label_ = new wxStaticText(this, wxID_ANY, _("App &password"));
  password_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD, wxDefaultValidator,
                             "app_password");
  password_note_ = new wxStaticText(this, wxID_ANY,
                                    _("Make an app password for Kanal in the network's settings, never your own "
                                      "password. Kanal hands it to the network once and keeps only the session."));

  auto* form = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
  form->AddGrowableCol(1);
  form->Add(new wxStaticText(this, wxID_ANY, _("&Network")), wxSizerFlags().CenterVertical());
  form->Add(network_choice_, wxSizerFlags().Expand());
  form->Add(server_label_, wxSizerFlags().CenterVertical());
  form->Add(server_, wxSizerFlags().Expand());
  auto* how = new wxBoxSizer(wxVERTICAL);  // one row, so the hidden choices leave no gaps
  how->Add(browser_);
  how->Add(app_password_, wxSizerFlags().Border(wxTOP, FromDIP(4)));
  how->Add(browser_note_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(4)));
  form->AddSpacer(0);
  form->Add(how, wxSizerFlags().Expand());
  form->Add(handle_label_, wxSizerFlags().CenterVertical());
  form->Add(handle_, wxSizerFlags().Expand());
  form->Add(password_label_, wxSizerFlags().CenterVertical());
  form->Add(password_, wxSizerFlags().Expand());
  form->AddSpacer(0);
  form->Add(password_note_, wxSizerFlags().Expand());

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(form, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(12)));
  sizer->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
  SetSizer(sizer);
  if (auto* ok = FindWindow(wxID_OK)) static_cast<wxButton*>(ok)->SetLabel(_("C&onnect"));

  int selected = 0;
  for (std::size_t i = 0; i < networks_.size(); ++i) {
    if (networks_[i].id == network_id) selected = static_cast<int>(i);
  }
  if (!networks_.empty()) network_choice_->SetSelection(selected);
  network_choice_->Bind(wxEVT_COMBOBOX, [this](wxCommandEvent&) { show_form(); });
  browser_->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { show_form(); });
  app_password_->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { show_form(); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent& event) {
    if (event.GetId() == wxID_OK && !validate_form()) return;
    event.Skip();
  });
  show_form();
  SetMinSize(FromDIP(wxSize(520, -1)));
  Fit();
}

const NetworkDescriptor& ConnectDialog::network() const {
  const int index = network_choice_->GetSelection();
  return networks_.at(static_cast<std::size_t>(index < 0 ? 0 : index));
}

bool ConnectDialog::app_password_chosen() const {
  const auto& chosen = network();
  if (!chosen.signs_in_with(SignInMethod::app_password)) return false;
  return !chosen.signs_in_with(SignInMethod::oauth) || app_password_->GetValue();
}

// Only what the chosen network asks for is shown.
void ConnectDialog::show_form() {
  if (networks_.empty()) return;
  const auto& chosen = network();
  const bool has_server = chosen.asks_for_server || !chosen.server_hint.empty();
  server_label_->SetLabel(chosen.asks_for_server ? _("&Server") : _("&Server (optional)"));
  server_->SetHint(wxString::FromUTF8(chosen.server_hint));
  server_label_->Show(has_server);
  server_->Show(has_server);
  const bool both = chosen.signs_in_with(SignInMethod::oauth) && chosen.signs_in_with(SignInMethod::app_password);
  browser_->Show(both);
  app_password_->Show(both);
  if (!both) {
    browser_->SetValue(!chosen.signs_in_with(SignInMethod::app_password));
    app_password_->SetValue(chosen.signs_in_with(SignInMethod::app_password));
  }
  const bool password = app_password_chosen();
  browser_note_->Show(!password);
  for (wxWindow* field :
       std::initializer_list<wxWindow*>{handle_label_, handle_, password_label_, password_, password_note_}) {
    field->Show(password);
  }
  password_note_->Wrap(FromDIP(400));
  Layout();
  Fit();
}

bool ConnectDialog::validate_form() {
  const auto& chosen = network();
  auto refuse = [this](wxWindow* field, const wxString& why) {
    wxMessageBox(why, _("Connect account"), wxOK | wxICON_WARNING, this);
    field->SetFocus();
    return false;
  };
  const auto server = trimmed(server_);
  if (chosen.asks_for_server && server.empty()) {
    return refuse(server_,
                  wxString::Format(_("Give the address of your %s server."), wxString::FromUTF8(chosen.display_name)));
  }
  if (app_password_chosen()) {
    if (trimmed(handle_).empty()) return refuse(handle_, _("Give the account's handle."));
    if (password_->GetValue().empty()) return refuse(password_, _("Give the app password."));
  }
  return true;
}

wire::ConnectRequest ConnectDialog::request() const {
  wire::ConnectRequest request;
  const auto& chosen = network();
  request.network = chosen.id;
  if (server_->IsShown()) request.instance_url = trimmed(server_).utf8_string();
  if (app_password_chosen()) {
    request.method = SignInMethod::app_password;
    request.handle = trimmed(handle_).utf8_string();
    request.password = password_->GetValue().utf8_string();
  }
  return request;
}

void ConnectDialog::choose_network(const std::string& network_id) {
  for (std::size_t i = 0; i < networks_.size(); ++i) {
    if (networks_[i].id == network_id) network_choice_->SetSelection(static_cast<int>(i));
  }
  show_form();
}

void ConnectDialog::set_server(const std::string& url) { server_->SetValue(wxString::FromUTF8(url)); }

void ConnectDialog::use_app_password(const std::string& handle, const std::string& password) {
  app_password_->SetValue(true);
  show_form();
  handle_->SetValue(wxString::FromUTF8(handle));
  password_->SetValue(wxString::FromUTF8(password));
}

}  // namespace kanal::gui
