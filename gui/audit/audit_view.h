#pragma once
// The Audit view: the trail of decisions, filtered by action, object and
// period; the chosen event's detail (a post event holds the post's whole
// content); the chain verified on request, or against an anchor kept
// outside (a file); an anchor of the chain's head saved; and the period
// exported as JSON Lines or CSV for a records request.

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "app/connection.h"
#include "core/domain.h"

namespace kanal::gui {

class AuditView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  // Where to write an export ("" and a format when the person chose one).
  using SaveChooser = std::function<std::optional<std::filesystem::path>(wxWindow* parent, const wxString& suggested,
                                                                         const wxString& wildcard)>;

  using OpenChooser = std::function<std::optional<std::filesystem::path>(wxWindow* parent, const wxString& wildcard)>;

  AuditView(wxWindow* parent, Connection& connection, StatusSink status, SaveChooser choose_save,
            OpenChooser choose_open);

  void reload();
  void verify();
  void verify_against_anchor();
  void save_anchor();
  void export_period();

 private:
  void show_check(const AuditChainCheck& check);
  std::string query() const;
  void show(std::vector<AuditEvent> events);
  void on_selection();
  wxString who(const AuditEvent& event) const;

  Connection& connection_;
  StatusSink status_;
  SaveChooser choose_save_;
  OpenChooser choose_open_;
  wxChoice* person_;
  wxChoice* action_;
  wxTextCtrl* object_;
  wxDatePickerCtrl* from_;
  wxDatePickerCtrl* to_;
  wxListCtrl* list_;
  wxTextCtrl* detail_;
  wxStaticText* chain_;
  std::vector<AuditEvent> events_;
  std::vector<User> users_;  // for names, and the person filter (index + 1)
};

}  // namespace kanal::gui
