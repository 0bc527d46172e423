#include "auth/permissions.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <utility>

namespace kanal::auth {
namespace {

constexpr std::array<std::pair<Permission, std::string_view>, 10> kNames{{
    {Permission::open, "open"},
    {Permission::read, "read"},
    {Permission::audit, "audit"},
    {Permission::draft, "draft"},
    {Permission::edit_others, "edit_others"},
    {Permission::publish, "publish"},
    {Permission::approve, "approve"},
    {Permission::plan, "plan"},
    {Permission::accounts, "accounts"},
    {Permission::admin, "admin"},
}};

}  // namespace

std::string_view to_string(Permission permission) {
  for (const auto& [value, name] : kNames) {
    if (value == permission) return name;
  }
  return "unknown";
}

std::optional<Permission> parse_permission(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

// Allow-lists: each permission names the roles that hold it, so a role
// added to Kanal holds nothing until it is granted here.
bool role_may(Role role, Permission permission) {
  const auto granted = [role](std::initializer_list<Role> roles) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  };
  using enum Role;
  switch (permission) {
    case Permission::open: return true;
    case Permission::read: return granted({officer, line_manager, subject_expert, director, admin, records_officer});
    case Permission::audit: return granted({records_officer, admin, director, line_manager});
    case Permission::draft: return granted({officer, line_manager, subject_expert, director, admin});
    // Officers work on their own drafts: a colleague's waits for them, or
    // for someone who answers for the team's work.
    case Permission::edit_others: return granted({line_manager, director, admin});
    // A subject expert checks and drafts; the communications team publishes.
    case Permission::publish: return granted({officer, line_manager, director, admin});
    case Permission::approve: return granted({line_manager, subject_expert, director});
    case Permission::plan: return granted({line_manager, director, admin});
    case Permission::accounts:
    case Permission::admin: return granted({admin});
  }
  return false;
}

}  // namespace kanal::auth
