#include "api/wire/users.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <set>

#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::write_string;

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kMaxLogin = 64;
constexpr std::size_t kMaxName = 256;
constexpr std::size_t kMaxPassword = 1024;

void write_user(JsonWriter& w, const User& user) {
  w.StartObject();
  w.Key("id");
  w.Int64(user.id.value);
  write_string(w, "login", user.login);
  write_string(w, "display_name", user.display_name);
  write_string(w, "role", to_string(user.role));
  write_string(w, "created_at", to_iso8601(user.created_at));
  w.Key("disabled");
  w.Bool(user.disabled);
  w.EndObject();
}

Role read_role(ObjectReader& reader, const char* name) {
  const auto text = reader.required_string(name, 32);
  const auto role = parse_role(text);
  if (!role) {
    throw Error(ErrorCode::invalid_input,
                "unknown role '" + text + "' (officer, line_manager, subject_expert, director, admin, records_officer)",
                reader.field(name));
  }
  return *role;
}

User read_user(const rapidjson::Value& value, const std::string& path) {
  ObjectReader reader(value, path);
  User user;
  user.id = UserId{reader.required_int("id", 1, kMaxId)};
  user.login = reader.required_string("login", kMaxLogin);
  user.display_name = reader.required_string("display_name", kMaxName);
  user.role = read_role(reader, "role");
  user.created_at = reader.required_time("created_at");
  user.disabled = reader.optional_bool("disabled").value_or(false);
  return user;
}

// A login is what people type: letters, digits and . _ - @, no spaces.
std::string read_login(ObjectReader& reader) {
  auto login = reader.required_string("login", kMaxLogin);
  const bool fine = !login.empty() && std::all_of(login.begin(), login.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == '@';
  });
  if (!fine) {
    throw Error(ErrorCode::invalid_input, "a login is letters, digits and . _ - @ without spaces", "login");
  }
  return login;
}

}  // namespace

std::string to_json(const User& user) {
  return json::written([&](JsonWriter& w) { write_user(w, user); });
}

std::string to_json(const std::vector<User>& users) {
  return json::written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& user : users) write_user(w, user);
    w.EndArray();
  });
}

User parse_user(std::string_view body) { return read_user(json::parse_json(body), ""); }

std::vector<User> parse_users(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsArray()) throw Error(ErrorCode::malformed_json, "users must be a JSON array");
  std::vector<User> users;
  for (const auto& item : doc.GetArray()) users.push_back(read_user(item, "users."));
  return users;
}

std::string to_json(const SignInRequest& request) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "login", request.login);
    write_string(w, "password", request.password);
    w.EndObject();
  });
}

SignInRequest parse_sign_in(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  SignInRequest request;
  request.login = reader.required_string("login", kMaxLogin);
  request.password = reader.required_string("password", kMaxPassword);
  reader.reject_unknown();
  return request;
}

std::string to_json(const SessionInfo& session) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "token", session.token);
    write_string(w, "expires_at", to_iso8601(session.expires_at));
    w.Key("user");
    write_user(w, session.user);
    w.EndObject();
  });
}

SessionInfo parse_session(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  SessionInfo session;
  session.token = reader.required_string("token", 256);
  session.expires_at = reader.required_time("expires_at");
  const auto* user = reader.optional_object("user");
  if (user == nullptr) throw Error(ErrorCode::malformed_json, "a session names its user", "user");
  session.user = read_user(*user, "user.");
  return session;
}

std::string to_json(const Me& me) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("user");
    write_user(w, me.user);
    w.Key("workspace_owner");
    w.Bool(me.workspace_owner);
    w.Key("permissions");
    w.StartArray();
    for (const auto& permission : me.permissions) w.String(permission.c_str());
    w.EndArray();
    w.Key("own_account_ids");
    w.StartArray();
    for (const auto& account : me.own_accounts) w.Int64(account.value);
    w.EndArray();
    w.EndObject();
  });
}

Me parse_me(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  Me me;
  const auto* user = reader.optional_object("user");
  if (user == nullptr) throw Error(ErrorCode::malformed_json, "the answer names no user", "user");
  me.user = read_user(*user, "user.");
  me.workspace_owner = reader.optional_bool("workspace_owner").value_or(false);
  if (const auto* permissions = reader.optional_array("permissions")) {
    for (const auto& item : permissions->GetArray()) {
      if (item.IsString()) me.permissions.emplace_back(item.GetString(), item.GetStringLength());
    }
  }
  if (const auto* own = reader.optional_array("own_account_ids")) {
    for (const auto& item : own->GetArray()) {
      if (item.IsInt64()) me.own_accounts.push_back(AccountId{item.GetInt64()});
    }
  }
  return me;
}

std::string to_json(const std::vector<Notice>& notices) {
  return json::written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& notice : notices) {
      w.StartObject();
      w.Key("id");
      w.Int64(notice.id);
      write_string(w, "at", to_iso8601(notice.at));
      write_string(w, "action", notice.action);
      w.Key("post_id");
      w.Int64(notice.post.value);
      write_string(w, "by", notice.by);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::vector<Notice> parse_notices(std::string_view body) {
  const auto doc = json::parse_json(body);
  std::vector<Notice> notices;
  for (const auto& item : json::require_array(doc).GetArray()) {
    ObjectReader reader(item, "notice.");
    Notice notice;
    notice.id = reader.required_int("id", 1, std::numeric_limits<std::int64_t>::max());
    notice.at = reader.required_time("at");
    notice.action = reader.required_string("action", 64);
    notice.post = PostId{reader.required_int("post_id", 1, std::numeric_limits<std::int64_t>::max())};
    notice.by = reader.optional_string("by", 256).value_or("");
    notices.push_back(std::move(notice));
  }
  return notices;
}

std::string to_json(const NewUser& user) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "login", user.login);
    write_string(w, "display_name", user.display_name);
    write_string(w, "role", to_string(user.role));
    write_string(w, "password", user.password);
    w.EndObject();
  });
}

NewUser parse_new_user(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  NewUser user;
  user.login = read_login(reader);
  user.display_name = reader.required_string("display_name", kMaxName);
  if (user.display_name.empty()) throw Error(ErrorCode::invalid_input, "a user needs a name", "display_name");
  user.role = read_role(reader, "role");
  user.password = reader.required_string("password", kMaxPassword);
  reader.reject_unknown();
  return user;
}

std::string to_json(const UserChanges& changes) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    if (changes.display_name) write_string(w, "display_name", *changes.display_name);
    if (changes.role) write_string(w, "role", to_string(*changes.role));
    if (changes.disabled) {
      w.Key("disabled");
      w.Bool(*changes.disabled);
    }
    w.EndObject();
  });
}

UserChanges parse_user_changes(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  UserChanges changes;
  changes.display_name = reader.optional_string("display_name", kMaxName);
  if (reader.has("role")) changes.role = read_role(reader, "role");
  changes.disabled = reader.optional_bool("disabled");
  reader.reject_unknown();
  if (changes.display_name && changes.display_name->empty()) {
    throw Error(ErrorCode::invalid_input, "a user needs a name", "display_name");
  }
  return changes;
}

std::string to_json(const std::vector<AccountGrant>& grants) {
  return json::written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& grant : grants) {
      w.StartObject();
      w.Key("user_id");
      w.Int64(grant.user.value);
      w.Key("capabilities");
      w.StartArray();
      for (const auto& capability : grant.capabilities) w.String(capability.c_str());
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
  });
}

std::vector<AccountGrant> parse_grants(std::string_view body) {
  static const std::set<std::string> kKnown{"draft", "publish", "approve", "answer", "moderate"};
  const auto doc = json::parse_json(body);
  if (!doc.IsArray()) throw Error(ErrorCode::invalid_input, "permissions must be a JSON array");
  std::vector<AccountGrant> grants;
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    const auto path = "[" + std::to_string(i) + "].";
    ObjectReader reader(doc[i], path);
    AccountGrant grant;
    grant.user = UserId{reader.required_int("user_id", 1, kMaxId)};
    const auto* capabilities = reader.optional_array("capabilities");
    if (capabilities == nullptr)
      throw Error(ErrorCode::invalid_input, "capabilities are required", path + "capabilities");
    for (const auto& item : capabilities->GetArray()) {
      const std::string name = item.IsString() ? item.GetString() : "";
      if (kKnown.count(name) == 0) {
        throw Error(ErrorCode::invalid_input,
                    "unknown capability '" + name + "' (draft, publish, approve, answer, moderate)",
                    path + "capabilities");
      }
      grant.capabilities.insert(name);
    }
    reader.reject_unknown();
    for (const auto& earlier : grants) {
      if (earlier.user == grant.user) {
        throw Error(ErrorCode::invalid_input, "user " + std::to_string(grant.user.value) + " appears twice",
                    path + "user_id");
      }
    }
    grants.push_back(std::move(grant));
  }
  return grants;
}

std::string password_to_json(const std::string& password) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "password", password);
    w.EndObject();
  });
}

std::string parse_password(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  auto password = reader.required_string("password", kMaxPassword);
  reader.reject_unknown();
  return password;
}

}  // namespace kanal::wire
