#include "drafts/draft_list.h"

#include <wx/datetime.h>
#include <wx/intl.h>

#include <algorithm>

#include "core/utf8.h"

namespace kanal::gui {
namespace {

enum Column { kText, kState, kUpdated };

wxString local_time(Timestamp at) {
  return wxDateTime(static_cast<wxLongLong>(to_unix_ms(at))).Format("%Y-%m-%d %H:%M");
}

wxString state_label(PostState state) {
  switch (state) {
    case PostState::draft: return _("Draft");
    case PostState::in_review: return _("In review");
    case PostState::approved: return _("Approved");
    case PostState::rejected: return _("Sent back");
    case PostState::scheduled: return _("Scheduled");
    case PostState::publishing: return _("Publishing");
    case PostState::published: return _("Published");
    case PostState::failed: return _("Failed");
  }
  return {};
}

// "(3 parts, 1 image) " before a thread's or an illustrated post's text.
wxString shape_note(const Post& post) {
  std::size_t images = post.media.size();
  for (const auto& part : post.thread) images += part.media.size();
  const std::size_t parts = post.thread.size() + 1;
  wxString note;
  if (parts > 1) note = wxString::Format(wxPLURAL("%zu part", "%zu parts", parts), parts);
  if (images > 0) {
    if (!note.empty()) note += ", ";
    note += wxString::Format(wxPLURAL("%zu image", "%zu images", images), images);
  }
  return note.empty() ? wxString() : "(" + note + ") ";
}

}  // namespace

DraftList::DraftList(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL,
                 wxDefaultValidator, "draft_list") {
  AppendColumn(_("Draft"), wxLIST_FORMAT_LEFT, FromDIP(270));
  AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(80));
  AppendColumn(_("Updated"), wxLIST_FORMAT_LEFT, FromDIP(125));
}

void DraftList::set_posts(std::vector<Post> posts) {
  posts_ = std::move(posts);
  refresh_count();
}

void DraftList::append_posts(const std::vector<Post>& posts) {
  posts_.insert(posts_.end(), posts.begin(), posts.end());
  refresh_count();
}

void DraftList::upsert(const Post& post) {
  if (auto index = index_of(post.id)) {
    posts_[static_cast<std::size_t>(*index)] = post;
    RefreshItem(*index);
    return;
  }
  posts_.insert(posts_.begin(), post);
  refresh_count();
}

void DraftList::remove(PostId id) {
  std::erase_if(posts_, [id](const Post& post) { return post.id == id; });
  refresh_count();
}

std::optional<Post> DraftList::at(long index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= posts_.size()) return std::nullopt;
  return posts_[static_cast<std::size_t>(index)];
}

std::optional<long> DraftList::index_of(PostId id) const {
  auto it = std::find_if(posts_.begin(), posts_.end(), [id](const Post& post) { return post.id == id; });
  if (it == posts_.end()) return std::nullopt;
  return static_cast<long>(it - posts_.begin());
}

long DraftList::selected_index() const { return GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

void DraftList::select(std::optional<PostId> id) {
  const long current = selected_index();
  const long wanted = id ? index_of(*id).value_or(-1) : -1;
  if (current == wanted) return;
  if (current >= 0) SetItemState(current, 0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  if (wanted >= 0) {
    SetItemState(wanted, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    EnsureVisible(wanted);
  }
}

wxString DraftList::OnGetItemText(long item, long column) const {
  const auto post = at(item);
  if (!post) return {};
  switch (column) {
    case kText: return shape_note(*post) + wxString::FromUTF8(utf8::preview(post->text, 80));
    case kState: return state_label(post->state);
    case kUpdated: return local_time(post->updated_at);
    default: return {};
  }
}

void DraftList::refresh_count() {
  SetItemCount(static_cast<long>(posts_.size()));
  Refresh();
}

}  // namespace kanal::gui
