#include "accounts/network_settings_dialog.h"

#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace kanal::gui {

NetworkSettingsDialog::NetworkSettingsDialog(wxWindow* parent, const wxString& network_name,
                                             std::vector<wire::NetworkSettingValue> settings)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("%s: workspace settings"), network_name), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "network_settings"),
      settings_(std::move(settings)) {
  auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(10, 8)));
  grid->AddGrowableCol(1, 1);
  for (const auto& setting : settings_) {
    grid->Add(new wxStaticText(this, wxID_ANY, wxString::FromUTF8(setting.label)), wxSizerFlags().CenterVertical());
    auto* field = new wxTextCtrl(this, wxID_ANY, setting.secret ? wxString() : wxString::FromUTF8(setting.value),
                                 wxDefaultPosition, FromDIP(wxSize(360, -1)), setting.secret ? wxTE_PASSWORD : 0,
                                 wxDefaultValidator, "setting_" + setting.key);
    if (setting.secret) {
      field->SetHint(setting.is_set ? _("Set — type to replace") : _("Not set"));
    }
    field->SetToolTip(wxString::FromUTF8(setting.key));
    grid->Add(field, wxSizerFlags().Expand());
    fields_.push_back(field);
  }
  auto* note = new wxStaticText(
      this, wxID_ANY,
      _("These settings hold for the whole workspace. Secrets are sealed in kanald and never shown again."));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(grid, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(12)));
  sizer->Add(note, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
  sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  SetSizerAndFit(sizer);
}

void NetworkSettingsDialog::set_value(const std::string& key, const wxString& value) {
  for (std::size_t i = 0; i < settings_.size(); ++i) {
    if (settings_[i].key == key) fields_[i]->ChangeValue(value);
  }
}

std::vector<std::pair<std::string, std::string>> NetworkSettingsDialog::changes() const {
  std::vector<std::pair<std::string, std::string>> changed;
  for (std::size_t i = 0; i < settings_.size(); ++i) {
    const auto value = fields_[i]->GetValue().Trim().Trim(false).utf8_string();
    const auto& setting = settings_[i];
    // An untouched secret field is empty: the secret stays.
    if (setting.secret ? !value.empty() : value != setting.value) changed.emplace_back(setting.key, value);
  }
  return changed;
}

}  // namespace kanal::gui
