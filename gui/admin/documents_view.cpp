#include "admin/documents_view.h"

#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/sizer.h>

#include "app/async.h"
#include "widgets/text_files.h"

namespace kanal::gui {
namespace {

// The approval policy has a page of its own, with "try it on a post".
constexpr std::string_view kOwnPage = "approval-policy";

wxString about_text(const wire::DocumentInfo& document) {
  wxString text = wxString::FromUTF8(document.title);
  if (!document.changed_at) return text;
  const wxDateTime at(static_cast<time_t>(to_unix_ms(*document.changed_at) / 1000));  // the desktop's local time
  text += wxString::Format(_(" — revision %lld, changed %s"), static_cast<long long>(document.revision),
                           at.Format("%Y-%m-%d %H:%M"));
  if (!document.changed_by.empty()) text += _(" by ") + wxString::FromUTF8(document.changed_by);
  if (!document.editable) text += _(" (only an admin can change it)");
  return text;
}

}  // namespace

DocumentsView::DocumentsView(wxWindow* parent, Connection& connection, StatusSink status, OpenChooser choose_open,
                             SaveChooser choose_save)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "documents_view"),
      connection_(connection),
      status_(std::move(status)),
      choose_open_(std::move(choose_open)),
      choose_save_(std::move(choose_save)) {
  auto button = [this](const wxString& label, const char* name) {
    return new wxButton(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, name);
  };
  list_ = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(270), -1), 0, nullptr, wxLB_SINGLE,
                        wxDefaultValidator, "documents_list");
  about_ = new wxStaticText(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END, "document_about");
  about_->SetFont(about_->GetFont().Bold());
  text_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE | wxTE_DONTWRAP,
                         wxDefaultValidator, "document_text");
  text_->SetFont(wxFontInfo(text_->GetFont().GetPointSize()).Family(wxFONTFAMILY_TELETYPE));
  save_ = button(_("&Save for everyone"), "save_document");
  revert_ = button(_("&Revert"), "revert_document");
  import_ = button(_("&Import…"), "import_document");
  auto* export_button = button(_("&Export…"), "export_document");
  result_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxSize(-1, FromDIP(48)),
                           wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2, wxDefaultValidator, "document_result");

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  for (auto* b : {save_, revert_, import_, export_button}) buttons->Add(b, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  auto* editor = new wxBoxSizer(wxVERTICAL);
  editor->Add(about_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
  editor->Add(buttons, wxSizerFlags().Border(wxBOTTOM, FromDIP(6)));
  editor->Add(text_, wxSizerFlags(1).Expand());
  editor->Add(result_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(6)));
  auto* columns = new wxBoxSizer(wxHORIZONTAL);
  columns->Add(list_, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
  columns->Add(editor, wxSizerFlags(1).Expand().Border(wxTOP | wxRIGHT | wxBOTTOM, FromDIP(6)));
  SetSizer(columns);

  list_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& event) { choose(event.GetSelection()); });
  save_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
  revert_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { revert(); });
  import_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_file(); });
  export_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_file(); });
  // ChangeValue sends no event: this is a person typing (or an import).
  text_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
    edited_ = shown_.has_value();
    revert_->Enable(edited_);
  });
}

void DocumentsView::reload() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->documents(),
      [this](std::vector<wire::DocumentInfo>& documents) {
        const auto chosen = shown_ ? shown_->name : std::string();
        documents_.clear();
        list_->Clear();
        for (auto& document : documents) {
          if (document.name == kOwnPage) continue;
          list_->Append(wxString::FromUTF8(document.title));
          documents_.push_back(std::move(document));
        }
        int index = 0;
        for (std::size_t i = 0; i < documents_.size(); ++i) {
          if (documents_[i].name == chosen) index = static_cast<int>(i);
        }
        if (documents_.empty()) return;
        list_->SetSelection(index);
        if (!edited_) choose(index);
      },
      [this](const Error& error) { status_(wxString::FromUTF8(error.detail())); });
}

void DocumentsView::choose(int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= documents_.size()) return;
  auto api = connection_.api();
  if (!api) return;
  if (edited_ && shown_ && shown_->name != documents_[static_cast<std::size_t>(index)].name) {
    // Unsaved edits are not thrown away by a click on the list.
    for (std::size_t i = 0; i < documents_.size(); ++i) {
      if (documents_[i].name == shown_->name) list_->SetSelection(static_cast<int>(i));
    }
    show_result(_("Save or revert your changes to this text first."), true);
    return;
  }
  list_->SetSelection(index);
  then_on_window(
      this, api->document(documents_[static_cast<std::size_t>(index)].name),
      [this](wire::DocumentInfo& document) {
        show(document);
        show_result({}, false);
      },
      [this](const Error& error) { show_result(wxString::FromUTF8(error.detail()), true); });
}

void DocumentsView::show(const wire::DocumentInfo& document) {
  shown_ = document;
  about_->SetLabel(about_text(document));
  text_->ChangeValue(wxString::FromUTF8(document.content));
  text_->SetEditable(document.editable);
  edited_ = false;
  save_->Enable(document.editable);
  import_->Enable(document.editable);
  revert_->Enable(false);
  Layout();
}

void DocumentsView::show_result(const wxString& text, bool error) {
  result_->Clear();
  result_->SetDefaultStyle(wxTextAttr(error ? wxColour(0xc0, 0x1c, 0x28) : GetForegroundColour()));
  result_->AppendText(text);
}

void DocumentsView::save() {
  auto api = connection_.api();
  if (!api || !shown_) return;
  then_on_window(
      this, api->replace_document(shown_->name, {text_->GetValue().utf8_string(), shown_->revision}),
      [this](wire::DocumentInfo& document) {
        show(document);
        show_result(_("Saved: every desktop of the workspace uses it from now on. The change is in the audit trail."),
                    false);
        status_(wxString::FromUTF8(document.title) + _(" was saved."));
      },
      [this](const Error& error) { show_result(_("Not saved: ") + wxString::FromUTF8(error.detail()), true); });
}

void DocumentsView::revert() {
  if (!shown_) return;
  edited_ = false;
  for (std::size_t i = 0; i < documents_.size(); ++i) {
    if (documents_[i].name == shown_->name) choose(static_cast<int>(i));
  }
}

void DocumentsView::import_file() {
  if (!choose_open_ || !shown_) return;
  const auto path = choose_open_(this, _("Text (*.txt;*.json)|*.txt;*.json|All files|*"));
  if (!path) return;
  const auto text = read_utf8_file(*path);
  if (!text) {
    show_result(wxString::FromUTF8("Cannot read " + path->string() + " as UTF-8 text."), true);
    return;
  }
  text_->SetValue(wxString::FromUTF8(*text));  // an edit, as typing is
  show_result(_("Imported into the editor: Save to put it in force."), false);
}

void DocumentsView::export_file() {
  if (!choose_save_ || !shown_) return;
  const auto suggested = shown_->name + (shown_->media_type == "application/json" ? ".json" : ".txt");
  const auto path = choose_save_(this, wxString::FromUTF8(suggested), _("All files|*"));
  if (!path) return;
  status_(write_text_file(*path, text_->GetValue().utf8_string())
              ? wxString::FromUTF8("Exported to " + path->string())
              : wxString::FromUTF8("Could not write " + path->string()));
}

}  // namespace kanal::gui
