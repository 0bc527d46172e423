#include "drafts/draft_editor.h"

#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/sizer.h>

#include "core/utf8.h"

namespace kanal::gui {

DraftEditor::DraftEditor(wxWindow* parent, std::function<void()> on_dirty_changed)
    : wxPanel(parent, wxID_ANY), on_dirty_changed_(std::move(on_dirty_changed)) {
  heading_ = new wxStaticText(this, wxID_ANY, {});
  heading_->SetFont(heading_->GetFont().Bold().Scaled(1.2f));
  details_ = new wxStaticText(this, wxID_ANY, {});
  details_->SetFont(details_->GetFont().Smaller());
  text_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE | wxTE_RICH2,
                         wxDefaultValidator, "draft_editor");
  text_->SetHint(_("Write the post here. Keep it short, personal and plain."));
  text_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
    if (!loading_) set_dirty(true);
  });

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(heading_, wxSizerFlags().Border(wxBOTTOM, FromDIP(2)));
  sizer->Add(details_, wxSizerFlags().Border(wxBOTTOM, FromDIP(8)));
  sizer->Add(text_, wxSizerFlags(1).Expand());
  SetSizer(sizer);
  start_new();
}

void DraftEditor::show_post(const Post& post) {
  if (!post_ || post_->id != post.id) ++generation_;
  post_ = post;
  loading_ = true;
  text_->ChangeValue(wxString::FromUTF8(post.text));
  loading_ = false;
  set_dirty(false);
}

void DraftEditor::saved_as(const Post& post) {
  post_ = post;
  set_dirty(text_->GetValue() != wxString::FromUTF8(post.text));
  update_heading();
}

void DraftEditor::start_new() {
  ++generation_;
  post_.reset();
  loading_ = true;
  text_->ChangeValue({});
  loading_ = false;
  set_dirty(false);
}

void DraftEditor::set_dirty(bool dirty) {
  const bool changed = dirty != dirty_;
  dirty_ = dirty;
  update_heading();
  if (changed && on_dirty_changed_) on_dirty_changed_();
}

void DraftEditor::update_heading() {
  const wxString marker = dirty_ ? wxString(" \u2022") : wxString();
  if (!post_) {
    heading_->SetLabel(_("New draft") + marker);
    details_->SetLabel(dirty_ ? _("Not saved yet") : _("Not saved yet — start typing"));
  } else {
    heading_->SetLabel(wxString::Format(_("Draft %lld"), static_cast<long long>(post_->id.value)) + marker);
    const wxDateTime updated(static_cast<wxLongLong>(to_unix_ms(post_->updated_at)));
    details_->SetLabel(wxString::Format(_("Version %lld, saved %s"), static_cast<long long>(post_->version),
                                        updated.Format("%Y-%m-%d %H:%M:%S")) +
                       (dirty_ ? _(" — unsaved changes") : wxString()));
  }
  Layout();
}

}  // namespace kanal::gui
