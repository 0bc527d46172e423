#pragma once
// OAuth 2.0 PKCE (RFC 7636) with S256, and the random values and signatures around it.

#include <string>

namespace kanal::net {

// A high-entropy verifier: 32 random bytes, base64url without padding (43 characters).
std::string make_code_verifier();
// BASE64URL(SHA-256(verifier)), as the S256 method defines it.
std::string code_challenge_s256(const std::string& verifier);
// HMAC-SHA256 of `message` under `key`, in lower-case hex (Meta's
// appsecret_proof signs each call's token with the app's secret).
std::string hmac_sha256_hex(const std::string& key, const std::string& message);
// A random value for OAuth's `state` and similar one-time identifiers.
std::string random_token(std::size_t bytes = 24);

// application/x-www-form-urlencoded encoding of one value.
std::string form_encode(const std::string& value);

}  // namespace kanal::net
