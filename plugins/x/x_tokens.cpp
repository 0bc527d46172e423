#include "x_tokens.h"

#include <algorithm>

#include "core/error.h"
#include "core/json.h"
#include "x_api.h"

namespace kanal::x {

using plugin::FailureKind;
using plugin::NetworkError;

plugin::Credentials to_credentials(const Tokens& tokens, std::optional<Timestamp> expires_at) {
  const auto secret = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "access_token", tokens.access_token);
    json::write_string(w, "refresh_token", tokens.refresh_token);
    json::write_string(w, "scope", tokens.scope);
    w.EndObject();
  });
  return plugin::Credentials{secret, expires_at, !tokens.refresh_token.empty()};
}

Tokens tokens_of(const plugin::Credentials& credentials) {
  try {
    const auto doc = json::parse_json(credentials.secret);
    Tokens tokens{string_at(doc, "access_token"), string_at(doc, "refresh_token"), string_at(doc, "scope")};
    if (!tokens.access_token.empty()) return tokens;
  } catch (const Error&) {
  }
  throw NetworkError(FailureKind::auth_expired, "the stored access to X cannot be read: connect the account again");
}

plugin::Credentials credentials_from_token_answer(const std::string& body, Timestamp now) {
  const auto doc = parse_answer(body, "the token request");
  Tokens tokens{string_at(doc, "access_token"), string_at(doc, "refresh_token"), string_at(doc, "scope")};
  if (tokens.access_token.empty()) throw NetworkError(FailureKind::transient, "X's token answer has no access token");
  std::optional<Timestamp> expires_at;
  if (const auto seconds = count_at(doc, "expires_in"); seconds && *seconds > 0) {
    // A lifetime past a year is taken as a year: the token is renewed early,
    // and a time that far out (long past what Kanal's times hold) is never computed.
    constexpr std::int64_t kYear = 365LL * 24 * 3600;
    expires_at = now + std::chrono::seconds(std::min<std::int64_t>(*seconds, kYear));
  }
  return to_credentials(tokens, expires_at);
}

}  // namespace kanal::x
