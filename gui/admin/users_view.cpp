#include "admin/users_view.h"

#include <wx/choicdlg.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>

#include "app/async.h"
#include "app/error_dialog.h"

namespace kanal::gui {
namespace {

enum Column { kLogin, kName, kRole, kStatus };

wxString role_label(Role role) {
  for (const auto& [value, name] : role_names()) {
    if (value == role) return name;
  }
  return wxString::FromUTF8(std::string(to_string(role)));
}

std::optional<Role> choose_role(wxWindow* parent, const wxString& message, Role current) {
  wxArrayString choices;
  int at = 0;
  for (std::size_t i = 0; i < role_names().size(); ++i) {
    choices.Add(role_names()[i].second);
    if (role_names()[i].first == current) at = static_cast<int>(i);
  }
  wxSingleChoiceDialog dialog(parent, message, _("Role"), choices);
  dialog.SetSelection(at);
  if (dialog.ShowModal() != wxID_OK) return std::nullopt;
  return role_names()[static_cast<std::size_t>(dialog.GetSelection())].first;
}

}  // namespace

const std::vector<std::pair<Role, wxString>>& role_names() {
  static const std::vector<std::pair<Role, wxString>> names{
      {Role::officer, _("Communications officer")},
      {Role::line_manager, _("Line manager")},
      {Role::subject_expert, _("Subject expert")},
      {Role::director, _("Director")},
      {Role::admin, _("Admin")},
      {Role::records_officer, _("Records officer (read only)")},
  };
  return names;
}

UsersView::UsersView(wxWindow* parent, Connection& connection, StatusSink status)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "users_view"),
      connection_(connection),
      status_(std::move(status)) {
  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL,
                         wxDefaultValidator, "users_list");
  list_->AppendColumn(_("Login"), wxLIST_FORMAT_LEFT, FromDIP(120));
  list_->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(200));
  list_->AppendColumn(_("Role"), wxLIST_FORMAT_LEFT, FromDIP(200));
  list_->AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, FromDIP(100));
  auto* add = new wxButton(this, wxID_ANY, _("&Add person…"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           "add_user");
  role_button_ = new wxButton(this, wxID_ANY, _("Change &role…"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, "change_role");
  disable_button_ = new wxButton(this, wxID_ANY, _("&Disable"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                                 "toggle_disabled");
  password_button_ = new wxButton(this, wxID_ANY, _("Reset &password…"), wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, "reset_password");
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  for (auto* button : {add, role_button_, disable_button_, password_button_}) {
    buttons->Add(button, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
  }
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(buttons, wxSizerFlags().Border(wxALL, FromDIP(6)));
  sizer->Add(list_, wxSizerFlags(1).Expand());
  SetSizer(sizer);

  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_user(); });
  role_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { change_role(); });
  disable_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { toggle_disabled(); });
  password_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reset_password(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
  update_buttons();
}

void UsersView::reload() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->users(), [this](std::vector<User>& users) { show(std::move(users)); },
      [this](const Error& error) { status_(wxString::FromUTF8(error.detail())); });
}

void UsersView::show(std::vector<User> users) {
  const auto* before = selected();
  const auto keep = before ? before->id : UserId{};
  users_ = std::move(users);
  list_->DeleteAllItems();
  for (std::size_t i = 0; i < users_.size(); ++i) {
    const auto& user = users_[i];
    const auto row = list_->InsertItem(static_cast<long>(i), wxString::FromUTF8(user.login));
    list_->SetItem(row, kName, wxString::FromUTF8(user.display_name));
    list_->SetItem(row, kRole, role_label(user.role));
    list_->SetItem(row, kStatus, user.disabled ? _("disabled") : _("active"));
    if (user.id == keep) list_->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  }
  update_buttons();
}

const User* UsersView::selected() const {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= users_.size()) return nullptr;
  return &users_[static_cast<std::size_t>(row)];
}

void UsersView::update_buttons() {
  const auto* user = selected();
  role_button_->Enable(user != nullptr);
  disable_button_->Enable(user != nullptr);
  password_button_->Enable(user != nullptr);
  disable_button_->SetLabel(user && user->disabled ? _("&Enable") : _("&Disable"));
}

void UsersView::after_change(Future<User> change, const wxString& done) {
  then_on_window(
      this, std::move(change),
      [this, done](User&) {
        status_(done);
        reload();
      },
      [this](const Error& error) { show_error(this, _("The change was not made."), error); });
}

void UsersView::add_user() {
  auto api = connection_.api();
  if (!api) return;
  wxTextEntryDialog login(this, _("Login (letters, digits and . _ - @):"), _("Add a person"));
  if (login.ShowModal() != wxID_OK || login.GetValue().empty()) return;
  wxTextEntryDialog name(this, _("Full name:"), _("Add a person"));
  if (name.ShowModal() != wxID_OK || name.GetValue().empty()) return;
  const auto role = choose_role(this, _("What does this person do?"), Role::officer);
  if (!role) return;
  wxPasswordEntryDialog password(this, _("A first password (at least 12 characters); tell it to them in person:"),
                                 _("Add a person"));
  if (password.ShowModal() != wxID_OK) return;
  after_change(api->create_user(wire::NewUser{login.GetValue().utf8_string(), name.GetValue().utf8_string(), *role,
                                              password.GetValue().utf8_string()}),
               wxString::Format(_("Added %s."), login.GetValue()));
}

void UsersView::change_role() {
  auto api = connection_.api();
  const auto* user = selected();
  if (!api || !user) return;
  const auto role =
      choose_role(this, wxString::Format(_("New role for %s:"), wxString::FromUTF8(user->display_name)), user->role);
  if (!role || *role == user->role) return;
  after_change(api->update_user(user->id, wire::UserChanges{std::nullopt, *role, std::nullopt}),
               wxString::Format(_("%s is now %s."), wxString::FromUTF8(user->display_name), role_label(*role)));
}

void UsersView::toggle_disabled() {
  auto api = connection_.api();
  const auto* user = selected();
  if (!api || !user) return;
  const bool disable = !user->disabled;
  after_change(api->update_user(user->id, wire::UserChanges{std::nullopt, std::nullopt, disable}),
               wxString::Format(disable ? _("%s can no longer sign in.") : _("%s can sign in again."),
                                wxString::FromUTF8(user->display_name)));
}

void UsersView::reset_password() {
  auto api = connection_.api();
  const auto* user = selected();
  if (!api || !user) return;
  wxPasswordEntryDialog password(
      this,
      wxString::Format(_("A new password for %s (at least 12 characters). Their sessions end."),
                       wxString::FromUTF8(user->display_name)),
      _("Reset password"));
  if (password.ShowModal() != wxID_OK) return;
  const auto name = wxString::FromUTF8(user->display_name);
  then_on_window(
      this, api->reset_password(user->id, password.GetValue().utf8_string()),
      [this, name](Done&) { status_(wxString::Format(_("New password set for %s."), name)); },
      [this](const Error& error) { show_error(this, _("The password was not changed."), error); });
}

}  // namespace kanal::gui
