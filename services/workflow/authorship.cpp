#include "workflow/authorship.h"

#include "auth/permissions.h"
#include "core/error.h"
#include "store/user_repository.h"

namespace kanal::workflow {

void require_may_change(Poco::Data::Session& session, const Post& post, UserId who, Role role) {
  if (post.author == who || auth::role_may(role, auth::Permission::edit_others)) return;
  const auto author = store::UserRepository(session).find(post.author);
  throw Error(ErrorCode::forbidden, "post " + std::to_string(post.id.value) + " is " +
                                        (author ? author->display_name + "'s" : std::string("another person's")) +
                                        ": only its author, a line manager, a director or an admin may change it");
}

}  // namespace kanal::workflow
