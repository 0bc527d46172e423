#include "inbox/inbox_list.h"

#include "core/utf8.h"
#include "inbox/inbox_words.h"

namespace kanal::gui {
namespace {

enum Column { kBadge, kFrom, kText, kAccount, kWhen, kState };

}  // namespace

InboxList::InboxList(wxWindow* parent, PageRequest request)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL,
                 wxDefaultValidator, "inbox_list"),
      request_(std::move(request)) {
  AppendColumn(_("Moderation"), wxLIST_FORMAT_LEFT, FromDIP(175));
  AppendColumn(_("From"), wxLIST_FORMAT_LEFT, FromDIP(140));
  AppendColumn(_("Comment"), wxLIST_FORMAT_LEFT, FromDIP(330));
  AppendColumn(_("Account"), wxLIST_FORMAT_LEFT, FromDIP(120));
  AppendColumn(_("When (UTC)"), wxLIST_FORMAT_LEFT, FromDIP(130));
  AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(80));
  hidden_attr_.SetTextColour(wxColour(0x80, 0x80, 0x80));
  review_attr_.SetBackgroundColour(wxColour(0xFF, 0xF4, 0xD6));
  Bind(wxEVT_MOTION, &InboxList::on_motion, this);
}

std::uint64_t InboxList::reset(std::int64_t total) {
  ++generation_;
  pages_.clear();
  asked_.clear();
  SetItemCount(static_cast<long>(total));
  Refresh();
  return generation_;
}

void InboxList::set_page(std::uint64_t generation, std::int64_t offset, std::vector<wire::InboxItem> items) {
  if (generation != generation_) return;  // for a list no longer shown
  asked_.erase(offset);
  const auto count = static_cast<long>(items.size());
  pages_[offset] = std::move(items);
  const long last = std::min(static_cast<long>(GetItemCount()) - 1, static_cast<long>(offset) + count - 1);
  if (count > 0 && last >= offset) RefreshItems(static_cast<long>(offset), last);
}

void InboxList::forget_page(std::uint64_t generation, std::int64_t offset) {
  if (generation == generation_) asked_.erase(offset);
}

const wire::InboxItem* InboxList::item(long row) const {
  if (row < 0 || row >= GetItemCount()) return nullptr;
  const std::int64_t first = row / kPageSize * kPageSize;
  const auto page = pages_.find(first);
  if (page == pages_.end()) {
    if (asked_.insert(first).second) {
      // Not from inside painting: ask once the list has drawn what it has.
      const auto generation = generation_;
      const_cast<InboxList*>(this)->CallAfter([this, generation, first] { request_(generation, first); });
    }
    return nullptr;
  }
  const auto index = static_cast<std::size_t>(row - first);
  return index < page->second.size() ? &page->second[index] : nullptr;
}

void InboxList::update(const wire::InboxItem& changed) {
  for (auto& [first, items] : pages_) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].id != changed.id) continue;
      const auto keep_excerpt = items[i].text;
      items[i] = changed;
      items[i].text = keep_excerpt;  // the list shows the start of the text
      RefreshItem(static_cast<long>(first + static_cast<std::int64_t>(i)));
    }
  }
}

long InboxList::selected_row() const { return GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

void InboxList::select_row(long row) {
  if (row < 0 || row >= GetItemCount()) return;
  const long old = selected_row();
  if (old >= 0 && old != row) SetItemState(old, 0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  EnsureVisible(row);
}

wxString InboxList::OnGetItemText(long row, long column) const {
  const auto* found = item(row);
  if (found == nullptr) return column == kText ? _("…") : wxString();
  switch (column) {
    case kBadge: return wxString::FromUTF8(moderation_badge(*found));
    case kFrom: return wxString::FromUTF8(found->author_name.empty() ? found->author_handle : found->author_name);
    case kText: return wxString::FromUTF8(utf8::preview(found->text, 160));
    case kAccount: {
      const auto name = account_names_.find(found->account.value);
      return name == account_names_.end() ? wxString() : wxString::FromUTF8(name->second);
    }
    case kWhen: return wxString::FromUTF8(to_iso8601(found->created_at).substr(0, 16)).Trim();
    case kState: return wxString::FromUTF8(found->state);
    default: return {};
  }
}

wxListItemAttr* InboxList::OnGetItemAttr(long row) const {
  const auto* found = item(row);
  if (found == nullptr) return nullptr;
  if (found->visibility == "hidden") return &hidden_attr_;
  if (found->needs_review || found->visibility == "hide_refused") return &review_attr_;
  return nullptr;
}

// The moderation's reason shows when the pointer rests on a row.
void InboxList::on_motion(wxMouseEvent& event) {
  event.Skip();
  int flags = 0;
  const long row = HitTest(event.GetPosition(), flags);
  if (row == tooltip_row_) return;
  tooltip_row_ = row;
  const auto* found = item(row);
  if (found == nullptr) {
    UnsetToolTip();
  } else {
    SetToolTip(wxString::FromUTF8(moderation_reason(*found)));
  }
}

}  // namespace kanal::gui
