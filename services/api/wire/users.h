#pragma once
// Users, roles and sessions over /api/v1.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace kanal::wire {

std::string to_json(const User& user);
std::string to_json(const std::vector<User>& users);
User parse_user(std::string_view body);
std::vector<User> parse_users(std::string_view body);

struct SignInRequest {
  std::string login;
  std::string password;
};
std::string to_json(const SignInRequest& request);
SignInRequest parse_sign_in(std::string_view body);

struct SessionInfo {
  std::string token;
  Timestamp expires_at;
  User user;
};
std::string to_json(const SessionInfo& session);
SessionInfo parse_session(std::string_view body);

// The caller and what kanald lets them do (clients show only that).
struct Me {
  User user;
  bool workspace_owner = false;          // signed in by the local workspace token
  std::vector<std::string> permissions;  // api::Permission names
  std::vector<AccountId> own_accounts;   // kept for the caller (store::AccountPermissionRepository::kept_for)
};
std::string to_json(const Me& me);
Me parse_me(std::string_view body);

// What others did to the caller's posts (GET /api/v1/me/notices?after=ID),
// oldest first, at most kNoticesPerAnswer in one answer.
inline constexpr std::size_t kNoticesPerAnswer = 100;
struct Notice {
  std::int64_t id = 0;
  Timestamp at;
  std::string action;  // post.edit, post.approval_void, post.delete, post.approve, post.send_back, post.published, …
  PostId post;
  std::string by;  // a person's name; "" when kanald did it
};
std::string to_json(const std::vector<Notice>& notices);
std::vector<Notice> parse_notices(std::string_view body);

struct NewUser {
  std::string login;
  std::string display_name;
  Role role = Role::officer;
  std::string password;
};
std::string to_json(const NewUser& user);
NewUser parse_new_user(std::string_view body);

struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<bool> disabled;
};
std::string to_json(const UserChanges& changes);
UserChanges parse_user_changes(std::string_view body);

// Who may do what on one account (empty: open to every role).
std::string to_json(const std::vector<AccountGrant>& grants);
// Capabilities must be draft, publish, approve, answer or moderate.
std::vector<AccountGrant> parse_grants(std::string_view body);

std::string password_to_json(const std::string& password);
std::string parse_password(std::string_view body);

}  // namespace kanal::wire
