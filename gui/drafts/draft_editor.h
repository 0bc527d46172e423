#pragma once
// The editor of one draft: its text, what is saved and what is not.

#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <optional>

#include "core/domain.h"

namespace kanal::gui {

class DraftEditor final : public wxPanel {
 public:
  DraftEditor(wxWindow* parent, std::function<void()> on_dirty_changed);

  // Shows a saved post; clears the unsaved flag.
  void show_post(const Post& post);
  // The save of this editor's text came back as `post`. Text typed while
  // the save was under way stays, and stays unsaved.
  void saved_as(const Post& post);
  // An empty editor for a new draft.
  void start_new();

  const std::optional<Post>& post() const { return post_; }
  wxString text() const { return text_->GetValue(); }
  bool is_dirty() const { return dirty_; }
  bool is_empty_new() const { return !post_ && text_->GetValue().IsEmpty(); }
  void focus_text() { text_->SetFocus(); }
  // Changes whenever the editor starts showing another post (or a new
  // draft), so a late answer can tell it is about what was shown before.
  unsigned generation() const { return generation_; }
  // While a post loads, typing would be lost: the text is read-only.
  void set_busy(bool busy) { text_->SetEditable(!busy); }

 private:
  void set_dirty(bool dirty);
  void update_heading();

  wxStaticText* heading_;
  wxStaticText* details_;
  wxTextCtrl* text_;
  std::optional<Post> post_;
  bool dirty_ = false;
  unsigned generation_ = 0;
  bool loading_ = false;  // SetValue fires text events: they are not edits
  std::function<void()> on_dirty_changed_;
};

}  // namespace kanal::gui
