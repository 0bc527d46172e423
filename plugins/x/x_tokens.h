#pragma once
// An X account's OAuth 2.0 tokens: the plugin's credentials, sealed by
// kanald. The access token lives two hours; the refresh token (scope
// offline.access) renews it and is replaced at every renewal.

#include <string>

#include "core/time.h"
#include "kanal/plugin/network.h"

namespace kanal::x {

struct Tokens {
  std::string access_token;
  std::string refresh_token;
  std::string scope;
};

// The tokens as credentials: they expire when the access token does and are
// renewable while there is a refresh token.
plugin::Credentials to_credentials(const Tokens& tokens, std::optional<Timestamp> expires_at);
// Throws NetworkError(auth_expired) when the secret holds no tokens.
Tokens tokens_of(const plugin::Credentials& credentials);

// X's answer to a token request ({"access_token","refresh_token",
// "expires_in","scope"}) as credentials; a transient error when it is not one.
plugin::Credentials credentials_from_token_answer(const std::string& body, Timestamp now);

// The scopes Kanal asks for: the fewest that do its work (post, read
// mentions and figures, upload images, hide replies, mute, stay signed in).
inline constexpr const char* kScopes =
    "tweet.read tweet.write users.read offline.access media.write tweet.moderate.write mute.write";

}  // namespace kanal::x
