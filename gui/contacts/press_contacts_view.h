#pragma once
// The workspace's press contacts: journalists, editors and politicians with
// their handles per network, searched by name. Everyone reads the list (it
// is what "@" offers in the composer and Quick post); admins add, edit,
// delete and import a CSV file (kanald checks every row and says which
// line is wrong).

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>

#include <functional>
#include <optional>
#include <vector>

#include "api/wire/press_contacts.h"
#include "app/connection.h"
#include "app/desktop.h"

namespace kanal::gui {

class PressContactsView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  PressContactsView(wxWindow* parent, Connection& connection, StatusSink status, Desktop desktop);

  void reload();
  void add_contact();
  void edit_selected();
  void delete_selected();
  void import_csv();
  const std::vector<contacts::PressContact>& contacts() const { return contacts_; }

 private:
  void show(std::vector<contacts::PressContact> contacts);
  void update_buttons();
  const contacts::PressContact* selected() const;
  // The dialog for a new contact or `editing`, then the save.
  void edit(std::optional<contacts::PressContact> editing);

  Connection& connection_;
  StatusSink status_;
  Desktop desktop_;
  wxSearchCtrl* search_;
  wxListCtrl* list_;
  wxButton* add_;
  wxButton* edit_;
  wxButton* delete_;
  wxButton* import_;
  std::vector<contacts::PressContact> contacts_;
  std::vector<NetworkDescriptor> networks_;
};

}  // namespace kanal::gui
