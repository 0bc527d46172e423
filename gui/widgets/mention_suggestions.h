#pragma once
// Press contacts offered while typing "@": under a text field, the contacts
// whose name, organisation or handle begins with what follows the @ (kanald
// searches); Tab, Enter or a double click puts the contact's handle in the
// text. The handle is the one on `network()` — the network of the first
// account posted to — or, where that is not known yet, the contact's first;
// kanald writes each account's network's handle when it publishes.

#include <wx/listbox.h>
#include <wx/textctrl.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/connection.h"
#include "contacts/press_contact.h"

namespace kanal::gui {

class MentionSuggestions;
// Makes the suggestions for a text field (editors that know a Connection give one).
using MentionFactory = std::function<std::unique_ptr<MentionSuggestions>(wxWindow* parent, wxTextCtrl* text)>;

class MentionSuggestions {
 public:
  // The list is made as a hidden child of `parent`: the caller lays it out under `text`.
  MentionSuggestions(wxWindow* parent, wxTextCtrl* text, Connection& connection, std::function<std::string()> network);

  wxListBox* list() { return list_; }
  // After every change of the text.
  void update();
  // Puts the `index`th contact offered into the text.
  void choose(std::size_t index);
  std::vector<wxString> shown() const;

 private:
  void hide();
  void relayout();
  std::string handle_of(const contacts::PressContact& contact) const;

  wxTextCtrl* text_;
  Connection& connection_;
  std::function<std::string()> network_;
  wxListBox* list_;
  std::vector<contacts::PressContact> offered_;
  unsigned asked_ = 0;  // answers to older questions are dropped
};

}  // namespace kanal::gui
