#include "drafts/draft_editor.h"

#include <wx/settings.h>

#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/sizer.h>

#include <algorithm>

#include "drafts/part_editor.h"

namespace kanal::gui {

DraftContent content_of(const Post& post) { return DraftContent{post.text, post.media, post.thread, post.language}; }

DraftEditor::DraftEditor(wxWindow* parent, Callbacks callbacks)
    : wxPanel(parent, wxID_ANY), callbacks_(std::move(callbacks)) {
  heading_ = new wxStaticText(this, wxID_ANY, {});
  heading_->SetFont(heading_->GetFont().Bold().Scaled(1.2f));
  details_ = new wxStaticText(this, wxID_ANY, {});
  details_->SetFont(details_->GetFont().Smaller());
  parts_window_ = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL);
  parts_window_->SetScrollRate(0, FromDIP(12));
  parts_sizer_ = new wxBoxSizer(wxVERTICAL);
  add_part_ = new wxButton(parts_window_, wxID_ANY, _("Add to &thread"), wxDefaultPosition, wxDefaultSize, 0,
                           wxDefaultValidator, "add_thread_part");
  add_part_->SetToolTip(_("Add a part that is published as a reply to the one before"));
  auto* window_sizer = new wxBoxSizer(wxVERTICAL);
  window_sizer->Add(parts_sizer_, wxSizerFlags().Expand());
  window_sizer->Add(add_part_, wxSizerFlags().Border(wxTOP, FromDIP(8)));
  parts_window_->SetSizer(window_sizer);
  add_part_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    add_thread_part();
    parts_.back()->focus_text();
  });

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(heading_, wxSizerFlags().Border(wxBOTTOM, FromDIP(2)));
  sizer->Add(details_, wxSizerFlags().Border(wxBOTTOM, FromDIP(8)));
  sizer->Add(parts_window_, wxSizerFlags(1).Expand());
  SetSizer(sizer);
  start_new();
}

PartEditor* DraftEditor::append_part() {
  PartEditor::Callbacks callbacks;
  callbacks.changed = [this] {
    if (!loading_) set_dirty(true);
    if (callbacks_.content_changed) callbacks_.content_changed();
  };
  callbacks.add_image = [this](PartEditor& part) {
    if (callbacks_.add_image) callbacks_.add_image(part.index());
  };
  callbacks.remove_part = [this](PartEditor& part) {
    // The button that asked lives in the part: remove it once its handler is done.
    CallAfter([this, asking = &part] {
      // Only if it is still on screen (the editor may show another post by now).
      if (std::find(parts_.begin(), parts_.end(), asking) != parts_.end()) remove_part(*asking);
    });
  };
  callbacks.mentions = callbacks_.mentions;
  auto* part = new PartEditor(parts_window_, parts_.empty(), std::move(callbacks));
  parts_sizer_->Add(part, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(10)));
  parts_.push_back(part);
  return part;
}

void DraftEditor::remove_part(PartEditor& part) {
  if (part.index() == 0) return;
  parts_.erase(parts_.begin() + static_cast<std::ptrdiff_t>(part.index()));
  part.Destroy();
  renumber();
  set_dirty(true);
}

void DraftEditor::add_thread_part() {
  append_part();
  renumber();
  if (!loading_) set_dirty(true);
}

void DraftEditor::split_post(const std::vector<std::string>& parts) {
  if (parts.size() < 2) return;
  DraftContent split = content();
  split.text = parts.front();
  std::vector<ThreadPart> thread;
  for (std::size_t i = 1; i < parts.size(); ++i) thread.push_back(ThreadPart{parts[i], {}});
  thread.insert(thread.end(), split.thread.begin(), split.thread.end());
  split.thread = std::move(thread);
  show_content(split);
  set_dirty(true);
}

void DraftEditor::renumber() {
  for (std::size_t i = 0; i < parts_.size(); ++i) parts_[i]->set_position(i, parts_.size());
  parts_window_->FitInside();
  parts_window_->Layout();
}

void DraftEditor::show_content(const DraftContent& content) {
  loading_ = true;
  while (parts_.size() > 1) {
    parts_.back()->Destroy();
    parts_.pop_back();
  }
  if (parts_.empty()) append_part();
  parts_[0]->set_content(content.text, content.media);
  if (!content.language.empty()) language_ = content.language;
  for (const auto& part : content.thread) append_part()->set_content(part.text, part.media);
  renumber();
  for (const auto& [id, bitmap] : thumbnails_) set_thumbnail(id, bitmap);
  loading_ = false;
  if (callbacks_.content_changed) callbacks_.content_changed();
}

DraftContent DraftEditor::content() const {
  DraftContent content;
  content.text = parts_[0]->text();
  content.media = parts_[0]->media();
  content.language = language_;
  for (std::size_t i = 1; i < parts_.size(); ++i) {
    content.thread.push_back(ThreadPart{parts_[i]->text(), parts_[i]->media()});
  }
  return content;
}

wxString DraftEditor::text() const { return parts_[0]->text_control()->GetValue(); }

bool DraftEditor::is_empty_new() const { return !post_ && content() == DraftContent{}; }

void DraftEditor::focus_text() { parts_[0]->focus_text(); }

void DraftEditor::mark_post(const std::vector<CheckPanel::Mark>& marks) {
  auto* text = parts_[0]->text_control();
  const long length = text->GetLastPosition();
  wxTextAttr plain;
  plain.SetTextColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  plain.SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
  plain.SetFontUnderlined(wxTEXT_ATTR_UNDERLINE_NONE);
  text->SetStyle(0, length, plain);
  for (const auto& mark : marks) {
    const long start = std::min(static_cast<long>(mark.start), length);
    const long end =
        std::min(static_cast<long>(std::min<std::size_t>(mark.end, static_cast<std::size_t>(length))), length);
    if (start >= end) continue;
    wxTextAttr style;
    if (mark.kind == CheckPanel::Mark::overflow) {
      style.SetTextColour(wxColour(0xC0, 0x1C, 0x28));
      style.SetBackgroundColour(wxColour(0xFB, 0xE3, 0xE4));
    } else {
      style.SetFontUnderlined(wxTEXT_ATTR_UNDERLINE_SPECIAL, wxColour(0xC0, 0x1C, 0x28));
    }
    text->SetStyle(start, end, style);
  }
}

void DraftEditor::set_language(const std::string& language) {
  if (language == language_) return;
  language_ = language;
  if (!loading_) set_dirty(post_ ? content() != content_of(*post_) : !is_empty_new());
  if (callbacks_.content_changed) callbacks_.content_changed();
}

void DraftEditor::select_in_post(std::size_t start, std::size_t end) {
  auto* text = parts_[0]->text_control();
  text->SetFocus();
  text->SetSelection(static_cast<long>(start), static_cast<long>(end));
  text->ShowPosition(static_cast<long>(start));
}

void DraftEditor::set_busy(bool busy) {
  for (auto* part : parts_) part->set_editable(!busy && !read_only_);
  add_part_->Enable(!busy && !read_only_);
}

void DraftEditor::show_post(const Post& post) {
  if (!post_ || post_->id != post.id) ++generation_;
  post_ = post;
  show_content(content_of(post));
  set_dirty(false);
  // What went out (or is going out) is on record as it was: it cannot change.
  read_only_ = post.state == PostState::publishing || post.state == PostState::published;
  set_busy(false);
}

void DraftEditor::saved_as(const Post& post) {
  post_ = post;
  set_dirty(content() != content_of(post));
  update_heading();
}

void DraftEditor::start_new() {
  ++generation_;
  read_only_ = false;
  post_.reset();
  show_content({});
  set_dirty(false);
}

void DraftEditor::add_image(std::size_t part, const Attachment& attachment) {
  if (part >= parts_.size()) return;
  parts_[part]->add_image(attachment);
  if (auto it = thumbnails_.find(attachment.media); it != thumbnails_.end()) set_thumbnail(it->first, it->second);
  parts_window_->FitInside();
  parts_window_->Layout();
}

void DraftEditor::set_thumbnail(MediaId id, const wxBitmap& bitmap) {
  thumbnails_[id] = bitmap;
  for (auto* part : parts_) part->set_thumbnail(id, bitmap);
  parts_window_->FitInside();
}

std::vector<MediaId> DraftEditor::images_without_thumbnail() const {
  std::vector<MediaId> missing;
  for (auto* part : parts_) {
    for (const auto& attachment : part->media()) {
      if (!thumbnails_.count(attachment.media) &&
          std::find(missing.begin(), missing.end(), attachment.media) == missing.end()) {
        missing.push_back(attachment.media);
      }
    }
  }
  return missing;
}

void DraftEditor::set_dirty(bool dirty) {
  const bool changed = dirty != dirty_;
  dirty_ = dirty;
  update_heading();
  if (changed && callbacks_.dirty_changed) callbacks_.dirty_changed();
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
