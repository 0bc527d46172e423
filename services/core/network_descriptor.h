#pragma once
// What a network is, as its plugin describes it: the one place network
// knowledge lives outside plugins/. kanald, the app's composer and
// previews, analytics and kanalctl read a descriptor and name no network.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanal {

// How a network measures a text's length; kanal::text implements each.
enum class Counting {
  weighted,     // twitter-text's weighted length (config v3): most scripts count 1, CJK and emoji 2
  graphemes,    // what a reader sees as one character
  code_points,  // Unicode code points
};
std::string_view to_string(Counting counting);
std::optional<Counting> parse_counting(std::string_view text);
// What the count is in, for people: "weighted characters", "graphemes", "characters".
std::string_view counting_unit(Counting counting);

// How a mention is written on the network.
enum class MentionStyle {
  at_name,       // @name (X, LinkedIn, Facebook)
  at_name_host,  // @name or @name@server.example (the fediverse)
  at_domain,     // @name.domain.example (Bluesky handles)
};
std::string_view to_string(MentionStyle style);
std::optional<MentionStyle> parse_mention_style(std::string_view text);

struct TextRules {
  Counting counting = Counting::code_points;
  std::size_t max_characters = 0;
  std::size_t characters_per_url = 0;           // what a link costs; 0: as written
  bool mention_counts_local_part_only = false;  // @name@server costs what @name does
  MentionStyle mentions = MentionStyle::at_name;
  bool links_without_scheme = false;  // "kanal.example/x" is a link too
  // How a link is shown in a post: cut after this many characters (0: whole),
  // "www." dropped or kept.
  std::size_t shown_link_characters = 0;
  bool shown_link_keeps_www = false;
  friend bool operator==(const TextRules&, const TextRules&) = default;
};

struct MediaRules {
  std::size_t max_attachments = 0;  // per post (per part of a thread)
  std::size_t min_attachments = 0;  // a post must carry at least this many (Instagram: a photo)
  std::uint64_t max_image_bytes = 0;
  std::vector<std::string> content_types;      // e.g. image/png; empty: any image Kanal takes
  std::size_t max_description_characters = 0;  // alt text
  friend bool operator==(const MediaRules&, const MediaRules&) = default;
};

// What can be done on the network, beyond publishing a single post.
enum Capability : unsigned {
  kThreads = 1u << 0,
  kMedia = 1u << 1,
  kAltText = 1u << 2,
  kHideReplies = 1u << 3,  // can hide a reply on the account's own post
  kMetrics = 1u << 4,
  kDirectMessages = 1u << 5,
  kMuteBlockReport = 1u << 6,  // what a network without hiding offers instead
  kLanguageTags = 1u << 7,
  kDeleteComments = 1u << 8,  // the account may delete others' comments on its posts (a person's choice)
};

// Which figures the network gives; the others are "not available", never 0.
enum Figure : unsigned {
  kFollowers = 1u << 0,
  kLikes = 1u << 1,
  kShares = 1u << 2,
  kReplies = 1u << 3,
  kQuotes = 1u << 4,
  kImpressions = 1u << 5,
};

// How a person signs in to connect accounts.
enum class SignInMethod {
  oauth,         // OAuth 2.0 authorization code with PKCE, in the browser
  app_password,  // a handle and an app password typed into Kanal
};
std::string_view to_string(SignInMethod method);
std::optional<SignInMethod> parse_sign_in_method(std::string_view text);

// A setting an admin gives per workspace (a client id, a server URL).
struct NetworkSetting {
  std::string key;      // e.g. "url", "client_id"
  std::string label;    // for people
  bool secret = false;  // sealed at rest, never sent back to a client
  std::string default_value;
  friend bool operator==(const NetworkSetting&, const NetworkSetting&) = default;
};

struct NetworkDescriptor {
  std::string id;  // the plugin's id, e.g. "mastodon"
  std::string display_name;
  std::string icon_svg;  // the network's mark, small and square
  unsigned capabilities = 0;
  unsigned figures = 0;
  std::vector<SignInMethod> sign_in;
  // Federated: the person names their server when connecting. Without it,
  // a server_hint offers naming one by hand (a Bluesky PDS found otherwise
  // from the handle); with neither, there is no server to name.
  bool asks_for_server = false;
  std::string server_hint;  // e.g. "https://social.example"
  // The same idempotency key never posts twice, so a resend after an
  // unknown outcome is safe.
  bool resend_is_safe = false;
  // How long the network keeps an idempotency key. After that, a resend
  // after an unknown outcome first looks for the post (find_published).
  // Zero: for as long as it matters (the plugin keeps its own record).
  std::chrono::seconds idempotency_window{0};
  TextRules text;
  MediaRules media;
  std::vector<NetworkSetting> settings;
  // Empty: the settings above are this network's own. Else the network
  // whose values it reads for the same keys (Instagram uses the Meta app
  // an admin sets up for Facebook).
  std::string settings_of;

  bool has(Capability capability) const { return (capabilities & capability) != 0; }
  bool gives(Figure figure) const { return (figures & figure) != 0; }
  bool signs_in_with(SignInMethod method) const;
};

}  // namespace kanal
