#pragma once
// Reading what a Mastodon server answers: every field checked, every error
// status turned into the plugin contract's typed NetworkError.

#include <optional>
#include <string>

#include "core/error.h"
#include "kanal/plugin/answers.h"
#include "kanal/plugin/network.h"
#include "net/http_engine.h"

namespace kanal::mastodon {

// Runs fn, which reads a 2xx body: any shape error in it is the server's
// fault, a transient NetworkError, never a crash.
template <class Fn>
auto reading(const std::string& what, Fn fn) {
  try {
    return fn();
  } catch (const Error& e) {
    throw plugin::NetworkError(plugin::FailureKind::transient,
                               "the server's answer to " + what + " is malformed: " + e.detail());
  }
}

// Throws plugin::NetworkError for any non-2xx answer:
// 401/403 → auth_expired, 422 and other 4xx → rejected (Mastodon's message),
// 429 → rate_limited (X-RateLimit-Reset), 5xx → transient.
void check_status(const net::HttpResponse& response, const std::string& what);

// The error for a request that got no answer (the SDK's): for a request that
// changes something (posting), a lost answer is an unknown outcome.
using plugin::transport_failure;

// What Kanal holds for one account on one server: the app it registered
// there and the tokens. Sealed by kanald as the credentials' secret, as JSON
// (the same JSON kanald sealed before plugin API 3).
struct Token {
  std::string access_token;
  std::string refresh_token;
  std::string client_id;
  std::string client_secret;
  std::optional<Timestamp> expires_at;
};
plugin::Credentials to_credentials(const Token& token);
// Error(malformed_json) when the secret is not a token.
Token token_of(const plugin::Credentials& credentials);
// The access token of a connection, or "" when its secret is not a token
// (the server then answers 401: the account needs connecting again).
std::string access_token(const plugin::Connection& connection);

NetworkDescriptor parse_instance(const std::string& body, NetworkDescriptor base);
Token parse_app(const std::string& body);
Token parse_token(const std::string& body, Token app);
plugin::Profile parse_account(const std::string& body, const std::string& instance_url);

struct StatusRef {
  std::string id;
  std::string url;
};
StatusRef parse_status(const std::string& body);

struct MediaRef {
  std::string id;
  bool ready = false;
};
MediaRef parse_media(const net::HttpResponse& response);

// Statuses as interactions (mastodon_statuses.cpp). `instance_url` completes
// local handles ("anna" → "@anna@social.example").
plugin::InteractionPage parse_notifications(const std::string& body, const std::string& cursor, std::size_t limit,
                                            const std::string& instance_url);
plugin::Thread parse_context(const std::string& body, const std::string& instance_url);
plugin::AccountMetrics parse_account_metrics(const std::string& body);
plugin::PostMetrics parse_post_metrics(const std::string& body);

// Mastodon's status HTML as the plain text a person wrote.
std::string html_to_text(std::string_view html);

// Looking for a post on the account (after the server may have forgotten an
// idempotency key): the account's own statuses as a page lists them, and
// the text each was written with (GET /api/v1/statuses/{id}/source).
struct OwnStatus {
  std::string id;
  std::string url;
  std::string in_reply_to_id;
  std::string shown_text;  // the content as plain text (mentions and links as shown)
  Timestamp created_at;
  std::size_t media = 0;
};
std::vector<OwnStatus> parse_own_statuses(const std::string& body);
std::string parse_status_source(const std::string& body);
// A quick look before the source is read: false only when `shown_text`
// cannot be `written` (a word of it that is no link, mention or hashtag is
// missing). Never false for the status that was written so.
bool may_be_written_as(std::string_view shown_text, std::string_view written);
// The status's source is `written`; an answer may carry the handle of the
// person answered before it (reply() adds it where the text has none).
bool written_as(std::string_view source, std::string_view written, bool answer);

}  // namespace kanal::mastodon
