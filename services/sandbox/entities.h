#pragma once
// Mastodon's entities as the sandbox writes them (Account, Status,
// MediaAttachment, Notification, Relationship, Report, Context), and the
// small helpers every route shares.

#include "api/server/http_types.h"
#include "core/json.h"
#include "sandbox/sandbox_state.h"

namespace kanal::sandbox {

std::string html_escape(const std::string& text);

// Mastodon's error body: {"error": "..."}.
api::Response mastodon_error(int status, const std::string& message);
api::Response json_response(int status, rapidjson::StringBuffer& buffer);
// The account a request's bearer token acts as, or nullptr (call with the state's mutex held).
SandboxAccount* authorized(const api::Request& request, SandboxState& state);
api::Response unauthorized();

void write_account(json::JsonWriter& w, const SandboxAccount& account, SandboxState& state,
                   const std::string& base_url);
void write_media(json::JsonWriter& w, const MediaItem& item, const std::string& base_url, bool ready);
void write_status(json::JsonWriter& w, SandboxState& state, const Status& status, const std::string& base_url);
void write_notification(json::JsonWriter& w, SandboxState& state, const Notification& notification,
                        const std::string& base_url);
void write_relationship(json::JsonWriter& w, const SandboxAccount& owner, const std::string& other_id);
void write_report(json::JsonWriter& w, SandboxState& state, const Report& report, const std::string& base_url);

}  // namespace kanal::sandbox
