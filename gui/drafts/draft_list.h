#pragma once
// The list of drafts: a virtual list control, so ten thousand drafts cost
// no more than ten.

#include <wx/listctrl.h>

#include <optional>
#include <vector>

#include "core/domain.h"

namespace kanal::gui {

class DraftList final : public wxListCtrl {
 public:
  explicit DraftList(wxWindow* parent);

  void set_posts(std::vector<Post> posts);
  void append_posts(const std::vector<Post>& posts);
  // Inserts or replaces (by id); new posts go to the top.
  void upsert(const Post& post);
  void remove(PostId id);

  std::size_t size() const { return posts_.size(); }
  std::optional<Post> at(long index) const;
  std::optional<long> index_of(PostId id) const;
  long selected_index() const;
  void select(std::optional<PostId> id);

 private:
  wxString OnGetItemText(long item, long column) const override;
  void refresh_count();

  std::vector<Post> posts_;
};

}  // namespace kanal::gui
