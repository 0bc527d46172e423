#include "api/server/permissions.h"

#include <array>
#include <utility>

namespace kanal::api {
namespace {

constexpr std::array<std::pair<Permission, std::string_view>, 9> kNames{{
    {Permission::open, "open"},
    {Permission::read, "read"},
    {Permission::audit, "audit"},
    {Permission::draft, "draft"},
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

bool role_may(Role role, Permission permission) {
  switch (permission) {
    case Permission::open:
    case Permission::read: return true;
    case Permission::audit:
      return role == Role::records_officer || role == Role::admin || role == Role::director ||
             role == Role::line_manager;
    case Permission::draft: return role != Role::records_officer;
    // A subject expert checks and drafts; the communications team publishes.
    case Permission::publish: return role != Role::records_officer && role != Role::subject_expert;
    case Permission::approve:
      return role == Role::line_manager || role == Role::subject_expert || role == Role::director;
    case Permission::plan: return role == Role::line_manager || role == Role::director || role == Role::admin;
    case Permission::accounts:
    case Permission::admin: return role == Role::admin;
  }
  return false;
}

}  // namespace kanal::api
