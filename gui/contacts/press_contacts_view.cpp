#include "contacts/press_contacts_view.h"

#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>

#include <fstream>
#include <sstream>

#include "api/wire/networks.h"
#include "app/async.h"
#include "app/error_dialog.h"
#include "contacts/press_contact_dialog.h"
#include "widgets/network_icon.h"

namespace kanal::gui {

PressContactsView::PressContactsView(wxWindow* parent, Connection& connection, StatusSink status, Desktop desktop)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "press_contacts_view"),
      connection_(connection),
      status_(std::move(status)),
      desktop_(std::move(desktop)) {
  search_ = new wxSearchCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(240, -1)), 0, wxDefaultValidator,
                             "press_contacts_search");
  search_->SetDescriptiveText(_("Search by name, organisation or handle"));
  add_ = new wxButton(this, wxID_ANY, _("&Add…"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                      "add_press_contact");
  edit_ = new wxButton(this, wxID_ANY, _("&Edit…"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                       "edit_press_contact");
  delete_ = new wxButton(this, wxID_ANY, _("&Delete…"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         "delete_press_contact");
  import_ = new wxButton(this, wxID_ANY, _("&Import CSV…"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         "import_press_contacts");
  import_->SetToolTip(_("Columns: name, organisation, role, notes, and one per network (x, bluesky, mastodon, …)"));
  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL,
                         wxDefaultValidator, "press_contacts_list");
  list_->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(180));
  list_->AppendColumn(_("Organisation"), wxLIST_FORMAT_LEFT, FromDIP(170));
  list_->AppendColumn(_("Role"), wxLIST_FORMAT_LEFT, FromDIP(100));
  list_->AppendColumn(_("Handles"), wxLIST_FORMAT_LEFT, FromDIP(380));

  auto* top = new wxBoxSizer(wxHORIZONTAL);
  top->Add(search_, wxSizerFlags().Border(wxRIGHT, FromDIP(12)));
  for (auto* button : {add_, edit_, delete_, import_}) top->Add(button, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(top, wxSizerFlags().Border(wxALL, FromDIP(8)));
  sizer->Add(list_, wxSizerFlags(1).Expand());
  SetSizer(sizer);

  search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { reload(); });
  add_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_contact(); });
  edit_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_selected(); });
  delete_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { delete_selected(); });
  import_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_csv(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
  list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { update_buttons(); });
  list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) {
    if (connection_.may("admin")) edit_selected();
  });
  update_buttons();
}

void PressContactsView::reload() {
  auto api = connection_.api();
  if (!api) return;
  wire::PressContactQuery query{search_->GetValue().utf8_string(), {}, wire::kMostPressContacts};
  then_on_window(
      this, all(api->networks(), api->press_contacts(query)),
      [this](std::tuple<std::vector<NetworkDescriptor>, std::vector<contacts::PressContact>>& loaded) {
        networks_ = std::move(std::get<0>(loaded));
        show(std::move(std::get<1>(loaded)));
      },
      [this](const Error& error) { show_error(this, _("Could not load the press contacts."), error); });
}

void PressContactsView::show(std::vector<contacts::PressContact> contacts) {
  contacts_ = std::move(contacts);
  list_->DeleteAllItems();
  for (std::size_t i = 0; i < contacts_.size(); ++i) {
    const auto& contact = contacts_[i];
    const long row = list_->InsertItem(static_cast<long>(i), wxString::FromUTF8(contact.name));
    list_->SetItem(row, 1, wxString::FromUTF8(contact.organisation));
    list_->SetItem(row, 2, wxString::FromUTF8(std::string(contacts::to_string(contact.role))));
    wxString handles;
    for (const auto& handle : contact.handles) {
      if (!handles.empty()) handles += "   ";
      handles += network_name(networks_, handle.network) + " " + wxString::FromUTF8(handle.handle);
    }
    list_->SetItem(row, 3, handles);
  }
  update_buttons();
}

const contacts::PressContact* PressContactsView::selected() const {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= contacts_.size()) return nullptr;
  return &contacts_[static_cast<std::size_t>(row)];
}

void PressContactsView::update_buttons() {
  const bool admin = connection_.may("admin");
  for (auto* button : {add_, edit_, delete_, import_}) button->Show(admin);
  edit_->Enable(selected() != nullptr);
  delete_->Enable(selected() != nullptr);
  Layout();
}

void PressContactsView::add_contact() { edit(std::nullopt); }

void PressContactsView::edit_selected() {
  if (const auto* contact = selected()) edit(*contact);
}

// `editing` is a copy: the list may be read again while the dialog is open.
void PressContactsView::edit(std::optional<contacts::PressContact> editing) {
  auto api = connection_.api();
  if (!api) return;
  PressContactDialog dialog(this, networks_, editing ? &*editing : nullptr);
  if (dialog.ShowModal() != wxID_OK) return;
  auto saved =
      editing ? api->update_press_contact(editing->id, dialog.request()) : api->create_press_contact(dialog.request());
  then_on_window(
      this, std::move(saved),
      [this](contacts::PressContact& contact) {
        status_(wxString::Format(_("Press contact %s saved."), wxString::FromUTF8(contact.name)));
        reload();
      },
      [this](const Error& error) { show_error(this, _("The press contact was not saved."), error); });
}

void PressContactsView::delete_selected() {
  auto api = connection_.api();
  const auto* contact = selected();
  if (!api || !contact) return;
  const auto id = contact->id;  // the list may be read again while the question is open
  const auto name = wxString::FromUTF8(contact->name);
  if (wxMessageBox(wxString::Format(_("Delete %s from the press contacts?"), name), _("Delete press contact"),
                   wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) != wxYES) {
    return;
  }
  then_on_window(
      this, api->delete_press_contact(id),
      [this, name](Done&) {
        status_(wxString::Format(_("%s deleted."), name));
        reload();
      },
      [this](const Error& error) { show_error(this, _("The press contact was not deleted."), error); });
}

void PressContactsView::import_csv() {
  auto api = connection_.api();
  if (!api || !desktop_.choose_open) return;
  const auto file = desktop_.choose_open(this, _("CSV files (*.csv)|*.csv;*.CSV|All files|*"));
  if (!file) return;
  std::ifstream in(*file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  then_on_window(
      this, api->import_press_contacts(bytes.str()),
      [this](wire::PressImportResult& result) {
        status_(wxString::Format(_("Press contacts imported: %lld added, %lld updated, %lld unchanged."),
                                 static_cast<long long>(result.added), static_cast<long long>(result.updated),
                                 static_cast<long long>(result.unchanged)));
        reload();
      },
      [this](const Error& error) { show_error(this, _("The press contacts were not imported."), error); });
}

}  // namespace kanal::gui
