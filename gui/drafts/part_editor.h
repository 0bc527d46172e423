#pragma once
// One part of a draft: its text and its images, each with the alt text that
// people who cannot see it will hear. The first part is the post; the others
// follow it as a thread.

#include <wx/bmpbuttn.h>
#include <wx/button.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/domain.h"
#include "widgets/mention_suggestions.h"

namespace kanal::gui {

class PartEditor final : public wxPanel {
 public:
  struct Callbacks {
    std::function<void()> changed;                 // the person edited something
    std::function<void(PartEditor&)> add_image;    // wants to pick an image for this part
    std::function<void(PartEditor&)> remove_part;  // wants this thread part gone
    MentionFactory mentions;                       // press contacts on "@" (may be empty)
  };
  // `is_post`: the first part, the post itself (it stays first; the thread
  // parts after it come and go).
  PartEditor(wxWindow* parent, bool is_post, Callbacks callbacks);

  // Where the part stands: 0 is the post itself. Names its controls for
  // tests and screen readers ("thread_part_2", "alt_text_2_1", …).
  void set_position(std::size_t index, std::size_t count);
  std::size_t index() const { return index_; }

  void set_content(const std::string& text, const std::vector<Attachment>& media);
  std::string text() const;
  std::vector<Attachment> media() const;
  std::size_t image_count() const { return images_.size(); }

  void add_image(const Attachment& attachment);
  // Shows the picture of an image once it has been fetched.
  void set_thumbnail(MediaId id, const wxBitmap& bitmap);
  void set_editable(bool editable);
  void focus_text() { text_->SetFocus(); }
  wxTextCtrl* text_control() { return text_; }

 private:
  struct ImageRow {
    MediaId id;
    wxPanel* row = nullptr;
    wxStaticBitmap* thumbnail = nullptr;
    wxTextCtrl* alt = nullptr;
    wxStaticText* warning = nullptr;
    wxBitmapButton* remove = nullptr;
  };
  void append_row(const Attachment& attachment);
  void remove_row(wxPanel* row);
  void update_names_and_warnings();
  void changed();
  std::unique_ptr<MentionSuggestions> mentions_;

  Callbacks callbacks_;
  std::size_t index_ = 0;
  wxStaticText* label_;
  wxTextCtrl* text_;
  wxButton* add_image_;
  wxButton* remove_part_;
  wxBoxSizer* images_sizer_;
  std::vector<ImageRow> images_;
  bool loading_ = false;  // ChangeValue is quiet, but AddChild layouts are not edits either
};

}  // namespace kanal::gui
