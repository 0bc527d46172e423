// kanalctl sign-in, token rotate and user list|add|role|disable|enable|password.
#include <iostream>
#include <string>

#include "cli/command_support.h"
#include "core/error.h"

namespace kanal::cli {
namespace {

User user_named(client::ApiClient& api, const std::string& login) {
  for (auto& user : api.users().get()) {
    if (user.login == login) return user;
  }
  throw Error(ErrorCode::not_found, "no user with the login '" + login + "'");
}

Role role_named(const std::string& text) {
  const auto role = parse_role(text);
  if (!role) {
    throw UsageError("unknown role '" + text +
                     "' (officer, line_manager, subject_expert, director, admin, records_officer)");
  }
  return *role;
}

}  // namespace

int run_user_command(const Arguments& args, std::istream& in, std::ostream& out) {
  const auto& command = args.command;
  if (command[0] == "token") {
    if (command.size() != 2 || command[1] != "rotate") throw UsageError("token needs rotate");
    if (args.server) throw UsageError("token rotate is for this desktop's own kanald, not --server");
    client::ApiClient api(endpoint_for(args), 1);
    api.rotate_workspace_token().get();
    out << "The workspace token is new; the old one no longer works. The app and 'kanalctl --as-owner' read the new "
           "one from the workspace by themselves.\n";
    return 0;
  }
  client::ApiClient api(endpoint_for(args, command[0] == "sign-in" ? Identity::optional : Identity::required), 1);
  if (command[0] == "sign-in") {
    if (command.size() != 2) throw UsageError("sign-in needs a LOGIN");
    const auto session = api.sign_in(command[1], secret_from(in, "password")).get();
    if (args.json) {
      out << wire::to_json(session) << "\n";
    } else {
      out << session.token << "\n";
    }
    return 0;
  }
  const std::string action = command.size() > 1 ? command[1] : "";
  if (action == "list" && command.size() == 2) {
    const auto users = api.users().get();
    if (args.json) {
      out << wire::to_json(users) << "\n";
      return 0;
    }
    for (const auto& user : users) {
      out << user.login << " — " << user.display_name << ", " << to_string(user.role)
          << (user.disabled ? " (disabled)" : "") << "\n";
    }
    return 0;
  }
  if (command.size() < 3) throw UsageError("user needs list, add, role, disable, enable or password");
  const auto& login = command[2];
  if (action == "add" && command.size() == 3) {
    const auto role = args.options.find("role");
    const auto name = args.options.find("name");
    if (role == args.options.end() || name == args.options.end()) {
      throw UsageError("user add needs --role ROLE and --name NAME");
    }
    const auto user =
        api.create_user(wire::NewUser{login, name->second, role_named(role->second), secret_from(in, "password")})
            .get();
    out << "Added " << user.login << " (" << to_string(user.role) << ").\n";
    return 0;
  }
  const auto user = user_named(api, login);
  if (action == "role" && command.size() == 4) {
    api.update_user(user.id, wire::UserChanges{std::nullopt, role_named(command[3]), std::nullopt}).get();
    out << user.login << " is now " << command[3] << ".\n";
  } else if ((action == "disable" || action == "enable") && command.size() == 3) {
    api.update_user(user.id, wire::UserChanges{std::nullopt, std::nullopt, action == "disable"}).get();
    out << user.login << (action == "disable" ? " can no longer sign in.\n" : " can sign in again.\n");
  } else if (action == "password" && command.size() == 3) {
    api.reset_password(user.id, secret_from(in, "password")).get();
    out << "New password set for " << user.login << "; their sessions have ended.\n";
  } else {
    throw UsageError("unknown command 'user " + action + "'");
  }
  return 0;
}

}  // namespace kanal::cli
