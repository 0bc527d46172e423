#include "bluesky_session.h"

#include <Poco/Base64Decoder.h>

#include <sstream>

#include "core/error.h"
#include "core/json.h"

namespace kanal::bluesky {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr const char* kTidAlphabet = "234567abcdefghijklmnopqrstuvwxyz";

// base64url without padding, as JWTs carry it.
std::string base64url_decode(std::string text) {
  for (auto& c : text) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (text.size() % 4 != 0) text += '=';
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in);
  std::string out;
  char c = 0;
  while (decoder.get(c)) out += c;
  return out;
}

}  // namespace

plugin::Credentials to_credentials(const Session& session) {
  const auto secret = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "did", session.did);
    json::write_string(w, "handle", session.handle);
    json::write_string(w, "pds_url", session.pds_url);
    json::write_string(w, "access_jwt", session.access_jwt);
    json::write_string(w, "refresh_jwt", session.refresh_jwt);
    w.EndObject();
  });
  return plugin::Credentials{secret, jwt_expiry(session.access_jwt), true};
}

Session session_of(const plugin::Credentials& credentials) {
  try {
    auto doc = json::parse_json(credentials.secret);
    json::ObjectReader reader(doc);
    Session session;
    session.did = reader.required_string("did", 2048);
    session.handle = reader.required_string("handle", 512);
    session.pds_url = reader.required_string("pds_url", 2048);
    session.access_jwt = reader.required_string("access_jwt", 1 << 14);
    session.refresh_jwt = reader.required_string("refresh_jwt", 1 << 14);
    return session;
  } catch (const Error& e) {
    throw NetworkError(FailureKind::auth_expired,
                       "the stored session cannot be read (" + e.detail() + "): connect the account again");
  }
}

std::optional<Timestamp> jwt_expiry(const std::string& jwt) {
  const auto first = jwt.find('.');
  const auto second = jwt.find('.', first == std::string::npos ? 0 : first + 1);
  if (first == std::string::npos || second == std::string::npos) return std::nullopt;
  try {
    auto payload = json::parse_json(base64url_decode(jwt.substr(first + 1, second - first - 1)));
    if (!payload.IsObject() || !payload.HasMember("exp") || !payload["exp"].IsInt64()) return std::nullopt;
    return from_unix_ms(payload["exp"].GetInt64() * 1000);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string make_tid(std::int64_t unix_micros, unsigned clock_id) {
  // 64 bits: a zero top bit, 53 bits of microseconds, 10 bits of clock id.
  std::uint64_t value = (static_cast<std::uint64_t>(unix_micros) & ((1ULL << 53) - 1)) << 10 | (clock_id & 0x3FF);
  std::string tid(13, '2');
  for (int i = 12; i >= 0; --i) {
    tid[static_cast<std::size_t>(i)] = kTidAlphabet[value & 31];
    value >>= 5;
  }
  return tid;
}

bool is_tid(const std::string& text) {
  if (text.size() != 13) return false;
  if (std::string_view("234567abcdefghij").find(text[0]) == std::string_view::npos) return false;
  return text.find_first_not_of(kTidAlphabet) == std::string::npos;
}

std::optional<AtUri> parse_at_uri(const std::string& text) {
  if (text.rfind("at://", 0) != 0) return std::nullopt;
  const auto rest = text.substr(5);
  const auto slash = rest.find('/');
  const auto second = slash == std::string::npos ? std::string::npos : rest.find('/', slash + 1);
  if (slash == std::string::npos || second == std::string::npos || slash == 0) return std::nullopt;
  AtUri uri{rest.substr(0, slash), rest.substr(slash + 1, second - slash - 1), rest.substr(second + 1)};
  if (uri.collection.empty() || uri.rkey.empty() || uri.rkey.find('/') != std::string::npos) return std::nullopt;
  return uri;
}

}  // namespace kanal::bluesky
