#pragma once
// The inbox as a virtual list: it knows how many items the filters leave
// and asks for the page a visible row is on only when it is shown, so a
// million items cost no more than the rows on screen. Pages that arrive
// for an earlier filter are ignored.

#include <wx/listctrl.h>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "api/wire/inbox.h"

namespace kanal::gui {

class InboxList final : public wxListCtrl {
 public:
  static constexpr std::int64_t kPageSize = 200;
  // Asked to fetch the page starting at `offset` for `generation`.
  using PageRequest = std::function<void(std::uint64_t generation, std::int64_t offset)>;

  InboxList(wxWindow* parent, PageRequest request);

  // A new list of `total` items: forgets every page; returns its generation.
  std::uint64_t reset(std::int64_t total);
  void set_page(std::uint64_t generation, std::int64_t offset, std::vector<wire::InboxItem> items);
  // The page could not be read: asked for again when next shown.
  void forget_page(std::uint64_t generation, std::int64_t offset);
  // The item on `row`, once its page is here.
  const wire::InboxItem* item(long row) const;
  // Puts a changed item in place (an action on it), wherever it is shown.
  void update(const wire::InboxItem& changed);
  void set_account_names(std::map<std::int64_t, std::string> names) { account_names_ = std::move(names); }
  long selected_row() const;
  void select_row(long row);

 private:
  wxString OnGetItemText(long row, long column) const override;
  wxListItemAttr* OnGetItemAttr(long row) const override;
  void on_motion(wxMouseEvent& event);

  PageRequest request_;
  std::uint64_t generation_ = 0;
  std::map<std::int64_t, std::vector<wire::InboxItem>> pages_;  // by first row
  mutable std::set<std::int64_t> asked_;                        // pages on their way
  std::map<std::int64_t, std::string> account_names_;
  mutable wxListItemAttr hidden_attr_, review_attr_;
  long tooltip_row_ = -1;
};

}  // namespace kanal::gui
