#pragma once
// The workspace's shared texts (kanald's documents but the approval policy,
// which has its own page): templates and segments, jargon, rights words,
// the dictionary, the moderation policy, blocked terms and own domains.
// Everyone reads them; an admin edits one and saves it for every desktop
// (kanald refuses a wrong text with its line, and a text someone changed
// meanwhile). Import… and Export… as a file.

#include <wx/button.h>
#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "app/connection.h"

namespace kanal::gui {

class DocumentsView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  using OpenChooser = std::function<std::optional<std::filesystem::path>(wxWindow*, const wxString& wildcard)>;
  using SaveChooser = std::function<std::optional<std::filesystem::path>(wxWindow*, const wxString& suggested,
                                                                         const wxString& wildcard)>;

  DocumentsView(wxWindow* parent, Connection& connection, StatusSink status, OpenChooser choose_open,
                SaveChooser choose_save);

  // The list, and the chosen document again from kanald.
  void reload();
  // Shows the document at `index` of the list (unless edits are unsaved).
  void choose(int index);
  void save();
  void revert();
  void import_file();
  void export_file();

 private:
  void show(const wire::DocumentInfo& document);
  void show_result(const wxString& text, bool error);

  Connection& connection_;
  StatusSink status_;
  OpenChooser choose_open_;
  SaveChooser choose_save_;
  wxListBox* list_;
  wxStaticText* about_;
  wxTextCtrl* text_;
  wxButton* save_;
  wxButton* revert_;
  wxButton* import_;
  wxTextCtrl* result_;
  std::vector<wire::DocumentInfo> documents_;  // as listed (no content)
  std::optional<wire::DocumentInfo> shown_;    // with its content, as kanald has it
  bool edited_ = false;                        // the text differs from shown_ (not saved)
};

}  // namespace kanal::gui
