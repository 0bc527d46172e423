#pragma once
// One press contact as an admin edits it: name, organisation, role, notes,
// and a handle for each network Kanal has (left empty where they have none).

#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <vector>

#include "api/wire/press_contacts.h"
#include "core/network_descriptor.h"

namespace kanal::gui {

class PressContactDialog final : public wxDialog {
 public:
  PressContactDialog(wxWindow* parent, const std::vector<NetworkDescriptor>& networks,
                     const contacts::PressContact* editing);

  wire::PressContactRequest request() const;
  // What a person types (tests use these too).
  void fill(const wxString& name, const wxString& organisation, contacts::PressRole role);
  void set_handle(const std::string& network, const wxString& handle);

 private:
  wxTextCtrl* name_;
  wxTextCtrl* organisation_;
  wxChoice* role_;
  wxTextCtrl* notes_;
  std::vector<std::pair<std::string, wxTextCtrl*>> handles_;  // network id, its field
  std::vector<contacts::NetworkHandle> kept_;                 // on networks not shown
};

}  // namespace kanal::gui
