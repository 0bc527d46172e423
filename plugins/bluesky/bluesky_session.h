#pragma once
// A Bluesky account's session (the plugin's credentials, sealed by kanald),
// record keys, and AT URIs.

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
#include "kanal/plugin/network.h"

namespace kanal::bluesky {

struct Session {
  std::string did;
  std::string handle;
  std::string pds_url;
  std::string access_jwt;
  std::string refresh_jwt;
};

// The session as credentials: it expires when its access JWT does, and is
// renewed with the refresh JWT.
plugin::Credentials to_credentials(const Session& session);
// Throws NetworkError(auth_expired) when the secret is not a session.
Session session_of(const plugin::Credentials& credentials);

// The "exp" of a JWT's payload, or nullopt when it cannot be read (the
// token stays opaque otherwise: only the server checks it).
std::optional<Timestamp> jwt_expiry(const std::string& jwt);

// A record key (TID): the time in microseconds and a clock id, in the
// sortable base-32 the AT Protocol gives, 13 characters.
std::string make_tid(std::int64_t unix_micros, unsigned clock_id);
bool is_tid(const std::string& text);

// at://REPO/COLLECTION/RKEY
struct AtUri {
  std::string repo;
  std::string collection;
  std::string rkey;
  std::string text() const { return "at://" + repo + "/" + collection + "/" + rkey; }
};
// nullopt when `text` is not an AT URI of a record.
std::optional<AtUri> parse_at_uri(const std::string& text);

}  // namespace kanal::bluesky
