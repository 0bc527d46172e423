#pragma once
// What a role may do. Every kanald route names one permission; the server
// refuses a caller whose role lacks it (403) before the handler runs.
// Handlers then check what depends on the object: whose post it is, which
// approval step is next. Work done later on a person's behalf (a scheduled
// post, an approved answer) is checked against their role as it is then.

#include <optional>
#include <string_view>

#include "core/domain.h"

namespace kanal::auth {

enum class Permission {
  open,         // no sign-in needed (health, version, signing in)
  read,         // everyone signed in, the records officer too
  audit,        // the audit trail: records officer, admin, director, line manager
  draft,        // write posts, images, text checks, submit for approval
  edit_others,  // change or delete a post another person wrote: line manager, director, admin
  publish,      // send approved (or approval-free) posts out
  approve,      // approve or send back a step
  plan,         // blackout windows for the whole team: line manager, director, admin
  accounts,     // connect and disconnect network accounts
  admin,        // users, roles, the approval policy
};

std::string_view to_string(Permission permission);
std::optional<Permission> parse_permission(std::string_view text);
bool role_may(Role role, Permission permission);

}  // namespace kanal::auth
