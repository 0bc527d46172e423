#pragma once
// The Drafts view: the list of drafts beside the editor of one. Create,
// edit, save (with a stale-version guard), delete, refresh — every call to
// kanald off the UI thread.

#include <wx/button.h>
#include <wx/panel.h>
#include <wx/timer.h>

#include <filesystem>
#include <functional>
#include <optional>

#include "api/wire/messages.h"
#include "app/connection.h"
#include "core/domain.h"
#include "text/templates.h"

namespace kanal::gui {

class CheckPanel;
class DraftEditor;
class DraftList;
class PublishPanel;

class DraftsView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;

  using ImageChooser = std::function<std::optional<std::filesystem::path>(wxWindow* parent)>;

  DraftsView(wxWindow* parent, Connection& connection, StatusSink status, ImageChooser choose_image);

  void reload();
  // The accounts a draft can go to may have changed (one was connected).
  void refresh_targets();
  void new_draft();
  // Starts saving; false when there is nothing to save or a save is under
  // way. An automatic save (a few seconds after typing stops) reports a
  // failure in the status bar only; the next save by hand explains it.
  bool save(bool automatic = false);
  void delete_current();
  // Opens a post (from the calendar), once unsaved changes are dealt with.
  void open_post(PostId id);

  // Runs `proceed` once unsaved changes are saved or knowingly discarded;
  // not at all if the user cancels. For closing the window, switching
  // drafts, or starting a new one.
  void guard_unsaved(std::function<void()> proceed);
  bool has_unsaved_changes() const;

 private:
  void load_pages(std::optional<std::string> cursor, std::vector<Post> loaded, std::optional<PostId> keep);
  void open(PostId id);
  // Picks an image file, uploads it and attaches it to a part of the draft.
  void add_image(std::size_t part);
  void fetch_thumbnails();
  // Reads a post again after something other than this editor moved it on.
  void reread(PostId id);
  void on_selection();
  void on_saved(const Post& post, const wxString& message);
  void on_stale();
  void on_failure(const wxString& summary, const Error& error);
  void update_buttons();
  // After every edit (and when another draft is shown): the checks, and the autosave clock.
  void on_edit();
  // Runs the composer's checks on what the editor holds now.
  void check_text();
  // "From template…": the template dialog, then its drafts created one by one.
  void from_template();
  // Shows what the approval policy asks of the saved draft.
  void show_approval(PostId id);
  void create_drafts(std::vector<wire::CreatePostRequest> drafts);

  Connection& connection_;
  StatusSink status_;
  ImageChooser choose_image_;
  DraftList* list_;
  DraftEditor* editor_;
  wxButton* save_button_;
  wxButton* delete_button_;
  PublishPanel* publish_;
  CheckPanel* check_ = nullptr;
  wxTimer autosave_;
  std::optional<text::Catalog> catalog_;     // the workspace's templates, once read
  std::vector<NetworkDescriptor> networks_;  // how each network counts, from kanald
  bool saving_ = false;
  bool restoring_selection_ = false;
  std::function<void()> after_save_;  // what guard_unsaved waits to do
};

}  // namespace kanal::gui
