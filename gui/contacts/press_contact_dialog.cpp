#include "contacts/press_contact_dialog.h"

#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

namespace kanal::gui {
namespace {

constexpr contacts::PressRole kRoles[] = {contacts::PressRole::journalist, contacts::PressRole::editor,
                                          contacts::PressRole::politician, contacts::PressRole::other};

wxString role_label(contacts::PressRole role) {
  switch (role) {
    case contacts::PressRole::journalist: return _("Journalist");
    case contacts::PressRole::editor: return _("Editor");
    case contacts::PressRole::politician: return _("Politician");
    case contacts::PressRole::other: break;
  }
  return _("Other");
}

}  // namespace

PressContactDialog::PressContactDialog(wxWindow* parent, const std::vector<NetworkDescriptor>& networks,
                                       const contacts::PressContact* editing)
    : wxDialog(parent, wxID_ANY, editing ? _("Edit press contact") : _("New press contact"), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "press_contact") {
  name_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(300, -1)), 0, wxDefaultValidator,
                         "contact_name");
  organisation_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                                 "contact_organisation");
  role_ =
      new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator, "contact_role");
  for (const auto role : kRoles) role_->Append(role_label(role));
  role_->SetSelection(0);
  notes_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(-1, 50)), wxTE_MULTILINE,
                          wxDefaultValidator, "contact_notes");

  auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(10, 8)));
  grid->AddGrowableCol(1, 1);
  auto row = [&](const wxString& label, wxWindow* field) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), wxSizerFlags().CenterVertical());
    grid->Add(field, wxSizerFlags().Expand());
  };
  row(_("Name"), name_);
  row(_("Organisation"), organisation_);
  row(_("Role"), role_);
  row(_("Notes"), notes_);
  for (const auto& network : networks) {
    auto* field = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                                 "contact_handle_" + network.id);
    field->SetHint(wxString::FromUTF8(network.text.mentions == MentionStyle::at_domain      ? "@name.domain"
                                      : network.text.mentions == MentionStyle::at_name_host ? "@name@server"
                                                                                            : "@name"));
    row(wxString::Format(_("Handle on %s"), wxString::FromUTF8(network.display_name)), field);
    handles_.emplace_back(network.id, field);
  }
  if (editing) {
    name_->ChangeValue(wxString::FromUTF8(editing->name));
    organisation_->ChangeValue(wxString::FromUTF8(editing->organisation));
    for (std::size_t i = 0; i < std::size(kRoles); ++i) {
      if (kRoles[i] == editing->role) role_->SetSelection(static_cast<int>(i));
    }
    notes_->ChangeValue(wxString::FromUTF8(editing->notes));
    for (const auto& handle : editing->handles) {
      const bool shown = std::any_of(handles_.begin(), handles_.end(),
                                     [&](const auto& field) { return field.first == handle.network; });
      if (shown) {
        set_handle(handle.network, wxString::FromUTF8(handle.handle));
      } else {
        kept_.push_back(handle);  // a network no plugin here has: kept as it is
      }
    }
  }
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(grid, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(12)));
  sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  SetSizerAndFit(sizer);
}

void PressContactDialog::fill(const wxString& name, const wxString& organisation, contacts::PressRole role) {
  name_->ChangeValue(name);
  organisation_->ChangeValue(organisation);
  for (std::size_t i = 0; i < std::size(kRoles); ++i) {
    if (kRoles[i] == role) role_->SetSelection(static_cast<int>(i));
  }
}

void PressContactDialog::set_handle(const std::string& network, const wxString& handle) {
  for (auto& [id, field] : handles_) {
    if (id == network) field->ChangeValue(handle);
  }
}

wire::PressContactRequest PressContactDialog::request() const {
  wire::PressContactRequest request;
  request.name = name_->GetValue().Trim().Trim(false).utf8_string();
  request.organisation = organisation_->GetValue().Trim().Trim(false).utf8_string();
  request.role = kRoles[std::max(0, role_->GetSelection())];
  request.notes = notes_->GetValue().utf8_string();
  for (const auto& [network, field] : handles_) {
    const auto handle = field->GetValue().Trim().Trim(false).utf8_string();
    if (!handle.empty()) request.handles.push_back({network, handle});
  }
  request.handles.insert(request.handles.end(), kept_.begin(), kept_.end());
  return request;
}

}  // namespace kanal::gui
