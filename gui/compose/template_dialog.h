#pragma once
// "From template…": a template for one or more audience segments and
// languages. The officer fills in the template's fields, makes the variants
// (one per segment, language and account, counted as each network counts),
// edits any of them, and creates one draft per segment and language.

#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <map>
#include <string>
#include <vector>

#include "api/wire/messages.h"
#include "app/connection.h"
#include "core/domain.h"
#include "text/templates.h"

namespace kanal::gui {

class TemplateDialog final : public wxDialog {
 public:
  TemplateDialog(wxWindow* parent, Connection& connection, text::Catalog catalog, std::vector<Account> accounts,
                 std::vector<NetworkDescriptor> networks);

  // Asks kanald for the variants of what is filled in (also the "Make
  // variants" button). Tests call it and wait for variants_ready().
  void make_variants();
  bool variants_ready() const { return !shown_.empty(); }
  // The drafts to create once the dialog is accepted.
  std::vector<wire::CreatePostRequest> drafts() const;

  // For tests and scripting: fill a field, tick a segment or language.
  void set_field(const std::string& name, const std::string& value);
  void choose(const std::string& template_id, const std::vector<std::string>& segments,
              const std::vector<std::string>& languages);

 private:
  struct ShownVariant {
    std::size_t composition = 0;
    std::int64_t account = 0;
    text::CountRules rules;
    wxTextCtrl* text = nullptr;
    wxStaticText* counter = nullptr;
  };
  const text::Template* chosen_template() const;
  void show_fields();
  void show_variants(const std::vector<text::Composition>& compositions);
  void update_counter(ShownVariant& shown);
  const Account* account(std::int64_t id) const;

  Connection& connection_;
  text::Catalog catalog_;
  std::vector<Account> accounts_;
  std::vector<NetworkDescriptor> networks_;  // how each account's network counts
  wxChoice* template_;
  wxCheckListBox* segments_;
  wxCheckListBox* languages_;
  wxStaticText* tone_;
  wxFlexGridSizer* fields_sizer_;
  wxPanel* fields_panel_;
  std::map<std::string, wxTextCtrl*> fields_;
  wxStaticText* error_;
  wxScrolledWindow* variants_window_;
  wxBoxSizer* variants_sizer_;
  std::vector<text::Composition> compositions_;
  std::map<std::string, std::string> fields_used_;  // what compositions_ were made from
  std::vector<ShownVariant> shown_;
};

}  // namespace kanal::gui
