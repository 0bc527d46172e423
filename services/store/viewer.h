#pragma once
// What one person may see of the workspace: the rule every route applies.
//
// An account nobody is listed for (account_permissions) is open to everyone
// signed in. Once people are listed, the account is closed to the rest, and
// with it its content:
// - a post or answer for a closed account (a variant, a delivery, a
//   submission or a schedule names it; for an answer, also the
//   conversation's account), unless the viewer wrote it — and with the post
//   its review, deliveries, schedule and figures;
// - an image a post closed to the viewer uses, unless the viewer uploaded it;
// - the account's inbox, which is open only to those listed with "answer" or
//   "moderate" (the director's direct messages are the director's);
// - audit events about any of these (but what the viewer did themselves),
//   and the account's analytics.
// Whatever is hidden is not found (404): whether it exists is not the
// viewer's to know.

#include <Poco/Data/Session.h>

#include <set>
#include <string>

#include "core/domain.h"

namespace kanal::store {

class Viewer {
 public:
  // Reads the accounts closed to `viewer` once: a Viewer is for one request.
  Viewer(Poco::Data::Session& session, UserId viewer);

  UserId viewer() const { return viewer_; }
  // Whether anything at all is closed to the viewer (most people, most of the time: no).
  bool restricted() const { return !inbox_closed_.empty(); }  // holds every closed account
  const std::set<AccountId>& closed_accounts() const { return closed_; }
  const std::set<AccountId>& closed_inboxes() const { return inbox_closed_; }
  // Every post closed to the viewer (for figures read outside SQL).
  std::set<PostId> hidden_posts();

  bool sees_account(AccountId id) const { return closed_.count(id) == 0; }
  bool sees_inbox(AccountId id) const { return inbox_closed_.count(id) == 0; }
  // False for a post that does not exist.
  bool sees_post(PostId id);
  // False for an image that does not exist.
  bool sees_media(MediaId id);

  // SQL conditions for queries that page (so hidden rows do not shorten a
  // page): true for the ids of posts, images and audit events closed to the
  // viewer. Only ids kanald holds are written into them, never text. Empty
  // when nothing is closed.
  std::string hidden_posts_sql(const std::string& post_id_column) const;
  std::string hidden_events_sql() const;

 private:
  std::string hidden_media_sql(const std::string& media_id_column) const;

  Poco::Data::Session& session_;
  UserId viewer_;
  std::set<AccountId> closed_;        // listed for others, not for the viewer
  std::set<AccountId> inbox_closed_;  // the viewer may neither answer nor moderate there
};

// Error not_found "no WHAT N" unless `visible`.
void require_visible(bool visible, const std::string& what, std::int64_t id);

}  // namespace kanal::store
