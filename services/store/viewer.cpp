#include "store/viewer.h"

#include <Poco/Data/Statement.h>

#include <map>

#include "core/error.h"
#include "store/comma_list.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

// "1, 5, 9": ids kanald read from its own tables, never a caller's text
// ("0", which names no row, for none).
std::string id_list(const std::set<AccountId>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id.value);
  return out.empty() ? "0" : out;
}

// True when the comma list in `column` ("3,5") names any of `ids`.
std::string names_any(const std::string& column, const std::set<AccountId>& ids) {
  std::string out;
  for (const auto& id : ids) {
    out += (out.empty() ? "" : " OR ") + ("',' || " + column + " || ',' LIKE '%," + std::to_string(id.value) + ",%'");
  }
  return out.empty() ? "1 = 0" : "(" + out + ")";
}

bool count_is_positive(Poco::Data::Session& session, const std::string& sql, Int64 id) {
  Int64 count = 0;
  session << sql, into(count), use(id), now;
  return count > 0;
}

}  // namespace

Viewer::Viewer(Poco::Data::Session& session, UserId viewer) : session_(session), viewer_(viewer) {
  std::vector<Int64> accounts, users;
  std::vector<std::string> capabilities;
  session << "SELECT account_id, user_id, capabilities FROM account_permissions", into(accounts), into(users),
      into(capabilities), now;
  std::map<Int64, std::pair<bool, bool>> listed;  // account → (viewer listed, viewer works its inbox)
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    auto& [open, inbox] = listed[accounts[i]];
    if (users[i] != viewer.value) continue;
    open = true;
    for (const auto& capability : comma_items(capabilities[i])) {
      if (capability == "answer" || capability == "moderate") inbox = true;
    }
  }
  for (const auto& [account, access] : listed) {
    if (!access.first) closed_.insert(AccountId{account});
    if (!access.second) inbox_closed_.insert(AccountId{account});
  }
}

bool Viewer::sees_post(PostId id) {
  if (!count_is_positive(session_, "SELECT COUNT(*) FROM posts WHERE id = $1", id.value)) return false;
  if (!restricted()) return true;
  return !count_is_positive(session_, "SELECT COUNT(*) FROM posts WHERE id = $1 AND " + hidden_posts_sql("id"),
                            id.value);
}

std::set<PostId> Viewer::hidden_posts() {
  std::set<PostId> hidden;
  if (!restricted()) return hidden;
  std::vector<Int64> ids;
  session_ << "SELECT id FROM posts WHERE " + hidden_posts_sql("id"), into(ids), now;
  for (const auto id : ids) hidden.insert(PostId{id});
  return hidden;
}

bool Viewer::sees_media(MediaId id) {
  if (!count_is_positive(session_, "SELECT COUNT(*) FROM media WHERE id = $1", id.value)) return false;
  if (!restricted()) return true;
  return !count_is_positive(session_, "SELECT COUNT(*) FROM media WHERE id = $1 AND " + hidden_media_sql("id"),
                            id.value);
}

std::string Viewer::hidden_posts_sql(const std::string& post_id_column) const {
  if (!restricted()) return "";
  const auto closed = id_list(closed_);
  // A post is for an account when a variant, a delivery, a submission or a
  // schedule names it; an answer, also when the conversation is the account's.
  return post_id_column + " IN (SELECT p.id FROM posts p WHERE p.author_id <> " + std::to_string(viewer_.value) +
         " AND (EXISTS (SELECT 1 FROM post_variants pv WHERE pv.post_id = p.id AND pv.account_id IN (" + closed +
         ")) OR EXISTS (SELECT 1 FROM outbox o WHERE o.post_id = p.id AND o.account_id IN (" + closed +
         ")) OR EXISTS (SELECT 1 FROM reviews r WHERE r.post_id = p.id AND " + names_any("r.targets", closed_) +
         ") OR EXISTS (SELECT 1 FROM schedules s WHERE s.post_id = p.id AND " + names_any("s.account_ids", closed_) +
         ") OR (p.reply_to <> 0 AND p.reply_to IN (SELECT i.id FROM interactions i WHERE i.account_id IN (" +
         id_list(inbox_closed_) + ")))))";
}

std::string Viewer::hidden_media_sql(const std::string& media_id_column) const {
  if (!restricted()) return "1 = 0";
  return media_id_column + " IN (SELECT m.id FROM media m WHERE m.uploader_id <> " + std::to_string(viewer_.value) +
         " AND EXISTS (SELECT 1 FROM post_media pm WHERE pm.media_id = m.id AND " + hidden_posts_sql("pm.post_id") +
         "))";
}

std::string Viewer::hidden_events_sql() const {
  if (!restricted()) return "";
  // What the viewer did is theirs to see, whatever it was about.
  return "(actor_id IS NULL OR actor_id <> " + std::to_string(viewer_.value) + ") AND ((object_type = 'post' AND " +
         hidden_posts_sql("object_id") + ") OR (object_type = 'account' AND object_id IN (" + id_list(closed_) +
         ")) OR (object_type = 'interaction' AND object_id IN (SELECT i.id FROM interactions i WHERE i.account_id IN "
         "(" +
         id_list(inbox_closed_) + "))) OR (object_type = 'media' AND " + hidden_media_sql("object_id") + "))";
}

void require_visible(bool visible, const std::string& what, std::int64_t id) {
  if (!visible) throw Error(ErrorCode::not_found, "no " + what + " " + std::to_string(id));
}

}  // namespace kanal::store
