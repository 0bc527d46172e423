#include "admin/policy_view.h"

#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "app/async.h"
#include "app/error_dialog.h"
#include "approvals/step_labels.h"
#include "core/utf8.h"
#include "widgets/text_files.h"

namespace kanal::gui {
namespace {

constexpr const char* kPolicy = "approval-policy";  // the workspace document (settings/documents.h)

wxString text_files() { return _("Text (*.txt)|*.txt|All files|*"); }

// What the policy would ask, as lines a person reads.
wxString decisions_text(const std::vector<wire::ApprovalTarget>& targets) {
  wxString out;
  for (const auto& target : targets) {
    out += wxString::FromUTF8(target.handle) + ": " +
           (target.steps.empty() ? _("no approval") : steps_label(target.steps)) + "\n    " +
           wxString::FromUTF8(target.why) + "\n";
  }
  return out.empty() ? _("No connected account to try it on.") : out;
}

}  // namespace

PolicyView::PolicyView(wxWindow* parent, Connection& connection, StatusSink status, OpenChooser choose_open,
                       SaveChooser choose_save)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "policy_view"),
      connection_(connection),
      status_(std::move(status)),
      choose_open_(std::move(choose_open)),
      choose_save_(std::move(choose_save)) {
  auto button = [this](const wxString& label, const char* name) {
    return new wxButton(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, name);
  };
  auto* save_button = button(_("&Save"), "save_policy");
  auto* import_button = button(_("&Import…"), "import_policy");
  auto* export_button = button(_("&Export…"), "export_policy");
  auto* try_button = button(_("&Try it on this post"), "try_policy");
  text_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE | wxTE_DONTWRAP,
                         wxDefaultValidator, "policy_text");
  text_->SetFont(wxFontInfo(text_->GetFont().GetPointSize()).Family(wxFONTFAMILY_TELETYPE));
  post_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator, "try_post");
  result_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxSize(-1, FromDIP(110)),
                           wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2, wxDefaultValidator, "policy_result");

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  for (auto* b : {save_button, import_button, export_button})
    buttons->Add(b, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  auto* trial = new wxBoxSizer(wxHORIZONTAL);
  trial->Add(new wxStaticText(this, wxID_ANY, _("Test this policy on:")), wxSizerFlags().CenterVertical());
  trial->Add(post_, wxSizerFlags(1).Border(wxLEFT | wxRIGHT, FromDIP(6)));
  trial->Add(try_button);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(buttons, wxSizerFlags().Border(wxALL, FromDIP(6)));
  sizer->Add(text_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(6)));
  sizer->Add(trial, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
  sizer->Add(result_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6)));
  SetSizer(sizer);

  save_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
  import_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_file(); });
  export_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_file(); });
  try_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { try_on_post(); });
}

void PolicyView::reload() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->document(kPolicy),
      [this](wire::DocumentInfo& policy) {
        revision_ = policy.revision;
        text_->ChangeValue(wxString::FromUTF8(policy.content));
      },
      [this](const Error& error) { status_(wxString::FromUTF8(error.detail())); });
  wire::PostListQuery recent;
  recent.limit = 50;
  then_on_window(
      this, api->list_posts(recent),
      [this](wire::PostList& list) {
        posts_.clear();
        post_->Clear();
        for (const auto& post : list.items) {
          posts_.push_back(post.id);
          post_->Append(wxString::Format("%lld: ", static_cast<long long>(post.id.value)) +
                        wxString::FromUTF8(utf8::preview(post.text, 60)));
        }
        if (!posts_.empty()) post_->SetSelection(0);
      },
      [](const Error&) {});
}

void PolicyView::show_result(const wxString& text, bool error) {
  result_->Clear();
  result_->SetDefaultStyle(wxTextAttr(error ? wxColour(0xc0, 0x1c, 0x28) : GetForegroundColour()));
  result_->AppendText(text);
}

void PolicyView::try_on_post() {
  auto api = connection_.api();
  const int at = post_->GetSelection();
  if (!api || at == wxNOT_FOUND) {
    show_result(_("Choose a post to try the policy on."), false);
    return;
  }
  then_on_window(
      this, api->try_policy(text_->GetValue().utf8_string(), posts_[static_cast<std::size_t>(at)]),
      [this](std::vector<wire::ApprovalTarget>& targets) { show_result(decisions_text(targets), false); },
      [this](const Error& error) { show_result(wxString::FromUTF8(error.detail()), true); });
}

void PolicyView::save() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->replace_document(kPolicy, {text_->GetValue().utf8_string(), revision_}),
      [this](wire::DocumentInfo& policy) {
        revision_ = policy.revision;
        text_->ChangeValue(wxString::FromUTF8(policy.content));
        show_result(_("Saved: this policy decides from now on. The change is in the audit trail."), false);
        status_(_("The approval policy was saved."));
      },
      [this](const Error& error) { show_result(_("Not saved: ") + wxString::FromUTF8(error.detail()), true); });
}

void PolicyView::import_file() {
  if (!choose_open_) return;
  const auto path = choose_open_(this, text_files());
  if (!path) return;
  const auto text = read_utf8_file(*path);
  if (!text) {
    show_result(wxString::FromUTF8("Cannot read " + path->string() + " as UTF-8 text."), true);
    return;
  }
  text_->ChangeValue(wxString::FromUTF8(*text));
  show_result(_("Imported into the editor: try it, then Save to put it in force."), false);
}

void PolicyView::export_file() {
  if (!choose_save_) return;
  const auto path = choose_save_(this, "approval-policy.txt", text_files());
  if (!path) return;
  status_(write_text_file(*path, text_->GetValue().utf8_string())
              ? wxString::FromUTF8("Exported to " + path->string())
              : wxString::FromUTF8("Could not write " + path->string()));
}

}  // namespace kanal::gui
