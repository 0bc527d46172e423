#include "store/notices.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

std::vector<Notice> notices_for(Poco::Data::Session& session, UserId person, std::int64_t after, int limit) {
  Int64 me = person.value;
  Int64 cursor = after;
  Int64 most = std::max(1, limit);
  std::vector<Int64> ids, at, posts;
  std::vector<std::string> actions, names;
  Poco::Data::Statement select(session);
  select << "SELECT e.id, e.at, e.action, e.object_id, COALESCE(u.display_name, '') FROM audit_events e "
            "JOIN posts p ON e.object_type = 'post' AND p.id = e.object_id "
            "LEFT JOIN users u ON u.id = e.actor_id "
            "WHERE p.author_id = $1 AND (e.actor_id IS NULL OR e.actor_id <> $1) AND e.id > $2 AND e.action IN "
            "('post.edit', 'post.delete', 'post.approval_void', 'post.approve', 'post.send_back', 'post.published', "
            "'post.publish_failed', 'post.publish_undecided', 'post.held', 'post.delivery_decided') "
            "ORDER BY e.id LIMIT $3",
      use(me), use(cursor), use(most), into(ids), into(at), into(actions), into(posts), into(names);
  select.execute();
  std::vector<Notice> notices;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    notices.push_back(Notice{ids[i], from_unix_ms(at[i]), actions[i], PostId{posts[i]}, names[i]});
  }
  return notices;
}

}  // namespace kanal::store
