#pragma once
// The editor of one draft: its parts (the post, then any thread parts), each
// with text and images; what is saved and what is not.

#include <wx/button.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "compose/check_panel.h"
#include "core/domain.h"
#include "widgets/mention_suggestions.h"

namespace kanal::gui {

class PartEditor;

// What the editor holds, in the shape a save sends.
struct DraftContent {
  std::string text;
  std::vector<Attachment> media;
  std::vector<ThreadPart> thread;
  std::string language;
  friend bool operator==(const DraftContent&, const DraftContent&) = default;
};

class DraftEditor final : public wxPanel {
 public:
  struct Callbacks {
    std::function<void()> dirty_changed;
    std::function<void()> content_changed;            // after every edit (and when another post is shown)
    std::function<void(std::size_t part)> add_image;  // the person asked to attach an image to this part
    MentionFactory mentions;                          // press contacts on "@"
  };
  DraftEditor(wxWindow* parent, Callbacks callbacks);

  // Shows a saved post; clears the unsaved flag.
  void show_post(const Post& post);
  // The save of this editor's content came back as `post`. What was typed
  // while the save was under way stays, and stays unsaved.
  void saved_as(const Post& post);
  // An empty editor for a new draft.
  void start_new();

  const std::optional<Post>& post() const { return post_; }
  DraftContent content() const;
  // The text of the first part.
  wxString text() const;
  bool is_dirty() const { return dirty_; }
  bool is_empty_new() const;
  void focus_text();
  // Selects [start, end) code points of the post's text (a hint's words).
  void select_in_post(std::size_t start, std::size_t end);
  // The language the draft is written in (an edit of the draft).
  void set_language(const std::string& language);
  // Marks the post's text: what runs past a limit in red, unknown words
  // underlined. Replaces the marks shown before.
  void mark_post(const std::vector<CheckPanel::Mark>& marks);
  // Changes whenever the editor starts showing another post (or a new
  // draft), so a late answer can tell it is about what was shown before.
  unsigned generation() const { return generation_; }
  // While a post loads, typing would be lost: the editor is read-only.
  void set_busy(bool busy);

  void add_image(std::size_t part, const Attachment& attachment);
  void set_thumbnail(MediaId id, const wxBitmap& bitmap);
  // Images on screen whose picture is still to be fetched.
  std::vector<MediaId> images_without_thumbnail() const;
  void add_thread_part();
  // The post's text becomes `parts`: the first stays the post, the others
  // become thread parts ahead of any already there.
  void split_post(const std::vector<std::string>& parts);

 private:
  void show_content(const DraftContent& content);
  PartEditor* append_part();
  void remove_part(PartEditor& part);
  void renumber();
  void set_dirty(bool dirty);
  void update_heading();

  Callbacks callbacks_;
  wxStaticText* heading_;
  wxStaticText* details_;
  wxScrolledWindow* parts_window_;
  wxBoxSizer* parts_sizer_;
  wxButton* add_part_;
  std::vector<PartEditor*> parts_;
  std::string language_ = "sv";             // a new draft's, until the officer picks another
  std::map<MediaId, wxBitmap> thumbnails_;  // fetched pictures, kept while the app runs
  std::optional<Post> post_;
  bool dirty_ = false;
  bool read_only_ = false;  // a published post
  unsigned generation_ = 0;
  bool loading_ = false;  // filling the editor fires change events: they are not edits
};

DraftContent content_of(const Post& post);

}  // namespace kanal::gui
