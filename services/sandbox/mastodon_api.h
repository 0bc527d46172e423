#pragma once
// The routes of the sandbox's Mastodon-compatible API.

#include "api/server/router.h"
#include "sandbox/sandbox_state.h"

namespace kanal::sandbox {

// The public base URL is needed for links in answers (status URLs, redirects).
// auto_approve: the authorize page approves at once (for demo workspaces).
void add_oauth_routes(api::Router& router, SandboxState& state, bool auto_approve = false);
void add_mastodon_routes(api::Router& router, SandboxState& state, const std::string& base_url);
// Notifications, conversations, accounts, mutes, blocks and reports.
void add_interaction_routes(api::Router& router, SandboxState& state, const std::string& base_url);

// The accounts a status's text mentions ("@name"), by id.
std::vector<std::string> mentioned_accounts(SandboxState& state, const std::string& text);

// Form fields (urlencoded or multipart) or JSON members of a request body.
struct Fields {
  std::map<std::string, std::string> values;
  std::string file_content, file_type;  // the "file" part of a multipart form
  std::string get(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
  }
};
Fields read_fields(const api::Request& request);

}  // namespace kanal::sandbox
