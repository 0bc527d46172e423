#pragma once
// What an admin answers when setting up a network in the Accounts view:
// which network (by its name in the list), and the network's settings as
// copied from its developer portal. Shared by the GUI tests of each network.

#include <catch2/catch.hpp>

#include <wx/choicdlg.h>
#include <wx/listbox.h>
#include <wx/testing.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "accounts/network_settings_dialog.h"
#include "gui_driver.h"

namespace kanal::test {

// Picks the network named `label`; `not_offered` names one that must not be in the list.
class ChooseNetwork final : public wxExpectModalBase<wxSingleChoiceDialog, ChooseNetwork> {
 public:
  explicit ChooseNetwork(wxString label, wxString not_offered = {})
      : label_(std::move(label)), not_offered_(std::move(not_offered)) {}

 protected:
  int OnInvoked(wxSingleChoiceDialog* dialog) const override {
    // The list's entries are the networks' names, in the order shown.
    auto* list = find<wxListBox>(dialog, wxListBoxNameStr);
    REQUIRE(list != nullptr);
    if (!not_offered_.empty()) CHECK(list->FindString(not_offered_) == wxNOT_FOUND);
    const int at = list->FindString(label_);
    REQUIRE(at != wxNOT_FOUND);
    dialog->SetSelection(at);
    return wxID_OK;
  }

 private:
  wxString label_;
  wxString not_offered_;
};

// Fills the network's settings, saving a screenshot of the dialog to `screenshot`.
class EnterNetworkSettings final : public wxExpectModalBase<gui::NetworkSettingsDialog, EnterNetworkSettings> {
 public:
  EnterNetworkSettings(std::vector<std::pair<std::string, std::string>> values, std::filesystem::path screenshot)
      : values_(std::move(values)), screenshot_(std::move(screenshot)) {}

 protected:
  int OnInvoked(gui::NetworkSettingsDialog* dialog) const override {
    for (const auto& [key, value] : values_) dialog->set_value(key, wxString::FromUTF8(value));
    dialog->Show();
    pump_until([&] { return dialog->IsShownOnScreen(); });
    save_screenshot(dialog, screenshot_);
    dialog->Hide();
    return wxID_OK;
  }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
  std::filesystem::path screenshot_;
};

}  // namespace kanal::test
