#pragma once
// The approval policy editor (admins): the policy as text, one rule per
// line; Try it on a post (what this text, not yet saved, would ask of a
// chosen post, per account, and which rule decided); Save (kanald refuses a
// wrong file with its line and reason, and records the change); Import… and
// Export… as a file.

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/panel.h>
#include <wx/textctrl.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "app/connection.h"

namespace kanal::gui {

class PolicyView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  using OpenChooser = std::function<std::optional<std::filesystem::path>(wxWindow*, const wxString& wildcard)>;
  using SaveChooser = std::function<std::optional<std::filesystem::path>(wxWindow*, const wxString& suggested,
                                                                         const wxString& wildcard)>;

  PolicyView(wxWindow* parent, Connection& connection, StatusSink status, OpenChooser choose_open,
             SaveChooser choose_save);

  // The policy in force, and the posts to try it on.
  void reload();
  void try_on_post();
  void save();
  void import_file();
  void export_file();

 private:
  void show_result(const wxString& text, bool error);

  Connection& connection_;
  StatusSink status_;
  OpenChooser choose_open_;
  SaveChooser choose_save_;
  wxTextCtrl* text_;
  wxChoice* post_;
  wxTextCtrl* result_;
  std::vector<PostId> posts_;
  std::int64_t revision_ = 0;  // the policy's, as shown: a colleague's later change is not saved over
};

}  // namespace kanal::gui
