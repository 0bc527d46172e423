#include "bluesky_network.h"

#include <algorithm>
#include <cctype>

#include "core/json.h"
#include "kanal/plugin/entry.h"

namespace kanal::bluesky {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

// Bluesky's butterfly, drawn plainly for Kanal.
constexpr const char* kIcon =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='3' "
    "fill='#1185fe'/><path d='M8 7.2C7 5.3 4.6 3.6 3.3 3.6c-.9 0-1 1.3-.8 2.6.2 1.5 1.5 2.3 3 2.1-1.9.4-2.6 "
    "1.6-1.2 2.9 1.6 1.5 2.9.2 3.7-1.7.8 1.9 2.1 3.2 3.7 1.7 1.4-1.3.7-2.5-1.2-2.9 1.5.2 2.8-.6 "
    "3-2.1.2-1.3.1-2.6-.8-2.6-1.3 0-3.7 1.7-4.7 3.6z' fill='#fff'/></svg>";

constexpr const char* kDefaultServer = "https://bsky.social";
constexpr const char* kDefaultDirectory = "https://plc.directory";
constexpr const char* kDefaultWeb = "https://bsky.app";

std::string normalised_handle(std::string handle) {
  while (!handle.empty() && std::isspace(static_cast<unsigned char>(handle.back()))) handle.pop_back();
  while (!handle.empty() && (handle.front() == '@' || std::isspace(static_cast<unsigned char>(handle.front())))) {
    handle.erase(0, 1);
  }
  std::transform(handle.begin(), handle.end(), handle.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return handle;
}

plugin::Profile profile_of(const rapidjson::Document& answer) {
  plugin::Profile profile;
  profile.network_account_id = string_at(answer, "did");
  profile.handle = "@" + string_at(answer, "handle");
  profile.display_name = string_at(answer, "displayName");
  if (profile.display_name.empty()) profile.display_name = profile.handle;
  profile.followers = count_at(answer, "followersCount").value_or(0);
  if (profile.network_account_id.empty()) {
    throw NetworkError(FailureKind::transient, "the server's profile of the account names no DID");
  }
  return profile;
}

}  // namespace

BlueskyNetwork::BlueskyNetwork(plugin::Host& host) : host_(host) {}

const NetworkDescriptor& BlueskyNetwork::static_descriptor() {
  static const NetworkDescriptor descriptor = [] {
    NetworkDescriptor d;
    d.id = "bluesky";
    d.display_name = "Bluesky";
    d.icon_svg = kIcon;
    d.capabilities = kThreads | kMedia | kAltText | kHideReplies | kMetrics | kMuteBlockReport | kLanguageTags;
    d.figures = kFollowers | kLikes | kShares | kReplies | kQuotes;  // no impressions
    d.sign_in = {SignInMethod::app_password};
    d.asks_for_server = false;  // found from the handle; a PDS may be named by hand
    d.server_hint = "https://bsky.social";
    d.resend_is_safe = true;  // the record keys are chosen before sending
    d.text.counting = Counting::graphemes;
    d.text.max_characters = 300;
    d.text.mentions = MentionStyle::at_domain;
    d.text.links_without_scheme = true;
    d.text.shown_link_characters = 30;
    d.media.max_attachments = 4;
    d.media.max_image_bytes = 1'000'000;
    d.media.content_types = {"image/png", "image/jpeg", "image/webp", "image/gif"};
    d.media.max_description_characters = 2000;
    d.settings = {{"url", "Where handles are looked up (the entryway)", false, kDefaultServer},
                  {"plc_url", "DID directory (PLC)", false, kDefaultDirectory},
                  {"web_url", "Where people read posts", false, kDefaultWeb}};
    return d;
  }();
  return descriptor;
}

Future<NetworkDescriptor> BlueskyNetwork::describe(const std::string&) {
  Promise<NetworkDescriptor> promise;
  promise.set_value(static_descriptor());
  return promise.future();
}

std::string BlueskyNetwork::setting(const char* key, const std::string& fallback) const {
  return Xrpc::trim_slash(host_.settings().get(key, fallback));
}

std::string BlueskyNetwork::web_url() const { return setting("web_url", kDefaultWeb); }

BlueskyNetwork::Account BlueskyNetwork::open(const plugin::Connection& connection) const {
  auto session = session_of(connection.credentials);
  Xrpc pds(host_.http(), session.pds_url, session.access_jwt);
  return Account{std::move(session), std::move(pds)};
}

std::string BlueskyNetwork::resolve_handle(const std::string& handle) const {
  const Xrpc entryway(host_.http(), setting("url", kDefaultServer));
  const auto answer =
      entryway.query("com.atproto.identity.resolveHandle", {{"handle", handle}}, "looking up the handle " + handle);
  const auto did = string_at(answer, "did");
  if (did.rfind("did:", 0) != 0) throw NetworkError(FailureKind::transient, "the handle lookup gave no DID");
  return did;
}

// The PDS from the DID document: did:plc in the directory, did:web at its host.
std::string BlueskyNetwork::pds_of(const std::string& did) const {
  net::HttpRequest request;
  if (did.rfind("did:plc:", 0) == 0) {
    request.url = setting("plc_url", kDefaultDirectory) + "/" + did;
  } else if (did.rfind("did:web:", 0) == 0) {
    request.url = "https://" + did.substr(8) + "/.well-known/did.json";
  } else {
    throw NetworkError(FailureKind::rejected, "the handle belongs to " + did + ", which Kanal cannot look up");
  }
  request.headers.emplace_back("Accept", "application/json");
  net::HttpResponse response;
  try {
    response = host_.http().send(std::move(request)).get();
  } catch (const std::exception& e) {
    throw NetworkError(FailureKind::transient, std::string("the DID directory cannot be reached: ") + e.what());
  }
  if (response.status == 404) throw NetworkError(FailureKind::rejected, did + " is not in the DID directory");
  if (response.status != 200) {
    throw NetworkError(FailureKind::transient, "the DID directory answered HTTP " + std::to_string(response.status));
  }
  const auto doc = parse_answer(response.body, "reading the DID document");
  if (doc.HasMember("service") && doc["service"].IsArray()) {
    for (const auto& service : doc["service"].GetArray()) {
      const auto id = string_at(service, "id");
      if (id == "#atproto_pds" || id == did + "#atproto_pds") {
        const auto endpoint = string_at(service, "serviceEndpoint");
        if (endpoint.rfind("https://", 0) == 0 || endpoint.rfind("http://", 0) == 0) return endpoint;
      }
    }
  }
  throw NetworkError(FailureKind::rejected, "the DID document of " + did + " names no PDS");
}

Future<plugin::SignedIn> BlueskyNetwork::sign_in(const plugin::PasswordSignIn& request) {
  return executor_.submit([this, request] {
    const auto handle = normalised_handle(request.handle);
    if (handle.empty() || request.password.empty()) {
      throw NetworkError(FailureKind::rejected, "a handle and an app password are needed");
    }
    std::string did;
    std::string pds_url = Xrpc::trim_slash(request.server_url);
    if (pds_url.empty()) {
      did = resolve_handle(handle);
      pds_url = pds_of(did);
    }
    const Xrpc pds(host_.http(), pds_url);
    const auto body = json::written([&](json::JsonWriter& w) {
      w.StartObject();
      json::write_string(w, "identifier", handle);
      json::write_string(w, "password", request.password);
      w.EndObject();
    });
    const auto answer = pds.procedure("com.atproto.server.createSession", body, "signing in", false);
    Session session{string_at(answer, "did"), string_at(answer, "handle"), pds_url, string_at(answer, "accessJwt"),
                    string_at(answer, "refreshJwt")};
    if (session.did.empty() || session.access_jwt.empty() || session.refresh_jwt.empty()) {
      throw NetworkError(FailureKind::transient, "the server's answer to signing in has no session");
    }
    if (!did.empty() && session.did != did) {
      throw NetworkError(FailureKind::rejected, "the server signed in " + session.did + ", not " + did);
    }
    const plugin::Connection connection{pds_url, session.did, to_credentials(session)};
    // The AppView knows a new account a moment after the PDS: until then the
    // session's own handle stands for the profile.
    plugin::Profile profile{session.did, "@" + session.handle, "@" + session.handle, 0};
    try {
      profile = verify(connection).get();
    } catch (const NetworkError& e) {
      if (e.kind() != FailureKind::rejected) throw;
    }
    host_.log(plugin::LogLevel::information, "signed in " + profile.handle + " on " + pds_url);
    return plugin::SignedIn{{plugin::AccountChoice{profile, connection, "profile"}}};
  });
}

Future<plugin::Profile> BlueskyNetwork::verify(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto account = open(connection);
    return profile_of(
        account.pds.query("app.bsky.actor.getProfile", {{"actor", account.session.did}}, "reading the profile"));
  });
}

Future<plugin::Credentials> BlueskyNetwork::refresh(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto session = session_of(connection.credentials);
    const Xrpc pds(host_.http(), session.pds_url, session.refresh_jwt);
    rapidjson::Document answer;
    try {
      answer = pds.procedure("com.atproto.server.refreshSession", "", "renewing the session", false);
    } catch (const NetworkError& e) {
      if (e.kind() == FailureKind::rejected) {
        throw NetworkError(FailureKind::auth_expired, e.reason() + ": connect the account again");
      }
      throw;
    }
    Session renewed{string_at(answer, "did"), string_at(answer, "handle"), session.pds_url,
                    string_at(answer, "accessJwt"), string_at(answer, "refreshJwt")};
    if (renewed.did != session.did || renewed.access_jwt.empty() || renewed.refresh_jwt.empty()) {
      throw NetworkError(FailureKind::transient, "the server's answer to renewing the session is incomplete");
    }
    return to_credentials(renewed);
  });
}

// Ends the session on the PDS (the refresh JWT is what deleteSession takes).
Future<Done> BlueskyNetwork::sign_out(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto session = session_of(connection.credentials);
    const Xrpc pds(host_.http(), session.pds_url, session.refresh_jwt);
    pds.procedure("com.atproto.server.deleteSession", "", "ending the session", false);
    return Done{};
  });
}

Future<plugin::AccountMetrics> BlueskyNetwork::account_metrics(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto account = open(connection);
    const auto answer =
        account.pds.query("app.bsky.actor.getProfile", {{"actor", account.session.did}}, "reading the profile");
    return plugin::AccountMetrics{count_at(answer, "followersCount"), count_at(answer, "followsCount"),
                                  count_at(answer, "postsCount")};
  });
}

Future<std::vector<plugin::PostMetrics>> BlueskyNetwork::post_metrics(const plugin::Connection& connection,
                                                                      const std::vector<std::string>& network_ids) {
  return executor_.submit([this, connection, network_ids] {
    const auto account = open(connection);
    std::vector<plugin::PostMetrics> all;
    constexpr std::size_t kPerCall = 25;  // getPosts takes at most 25
    for (std::size_t at = 0; at < network_ids.size(); at += kPerCall) {
      Query uris;
      for (std::size_t i = at; i < std::min(network_ids.size(), at + kPerCall); ++i) {
        uris.emplace_back("uris", network_ids[i]);
      }
      const auto answer = account.pds.query("app.bsky.feed.getPosts", uris, "reading the posts' figures");
      if (!answer.HasMember("posts") || !answer["posts"].IsArray()) {
        throw NetworkError(FailureKind::transient, "the answer to reading the posts' figures has no posts");
      }
      for (std::size_t i = at; i < std::min(network_ids.size(), at + kPerCall); ++i) {
        plugin::PostMetrics metrics;
        metrics.network_id = network_ids[i];
        metrics.exists = false;  // a post the AppView does not give back is gone
        for (const auto& post : answer["posts"].GetArray()) {
          if (string_at(post, "uri") == network_ids[i]) metrics = post_metrics_of(post);
        }
        all.push_back(std::move(metrics));
      }
    }
    return all;
  });
}

}  // namespace kanal::bluesky

KANAL_PLUGIN(kanal::bluesky::BlueskyNetwork, "bluesky")
