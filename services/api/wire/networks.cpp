#include "api/wire/networks.h"

#include <algorithm>
#include <limits>

#include "api/wire/account_ids.h"
#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::write_string;
using json::written;

namespace {

constexpr std::int64_t kMaxCount = std::numeric_limits<std::int64_t>::max();

template <class Flag>
struct FlagName {
  Flag flag;
  const char* name;
};

constexpr FlagName<Capability> kCapabilityNames[] = {{kThreads, "threads"},
                                                     {kMedia, "media"},
                                                     {kAltText, "alt_text"},
                                                     {kHideReplies, "hide_replies"},
                                                     {kMetrics, "metrics"},
                                                     {kDirectMessages, "direct_messages"},
                                                     {kMuteBlockReport, "mute_block_report"},
                                                     {kLanguageTags, "language_tags"},
                                                     {kDeleteComments, "delete_comments"}};

constexpr FlagName<Figure> kFigureNames[] = {{kFollowers, "followers"}, {kLikes, "likes"},
                                             {kShares, "shares"},       {kReplies, "replies"},
                                             {kQuotes, "quotes"},       {kImpressions, "impressions"}};

template <class Flag, std::size_t N>
void write_flags(JsonWriter& w, const char* key, unsigned flags, const FlagName<Flag> (&names)[N]) {
  w.Key(key);
  w.StartArray();
  for (const auto& [flag, name] : names) {
    if ((flags & flag) != 0) w.String(name);
  }
  w.EndArray();
}

// Names this client does not know (a newer kanald) are passed over.
template <class Flag, std::size_t N>
unsigned read_flags(ObjectReader& reader, const char* key, const FlagName<Flag> (&names)[N]) {
  unsigned flags = 0;
  if (const auto* array = reader.optional_array(key)) {
    for (const auto& item : array->GetArray()) {
      if (!item.IsString()) continue;
      for (const auto& [flag, name] : names) {
        if (item.GetString() == std::string_view(name)) flags |= flag;
      }
    }
  }
  return flags;
}

void write_size(JsonWriter& w, const char* key, std::uint64_t value) {
  w.Key(key);
  w.Uint64(value);
}

void write_bool(JsonWriter& w, const char* key, bool value) {
  w.Key(key);
  w.Bool(value);
}

void write_descriptor(JsonWriter& w, const NetworkDescriptor& network) {
  w.StartObject();
  write_string(w, "id", network.id);
  write_string(w, "display_name", network.display_name);
  write_string(w, "icon_svg", network.icon_svg);
  write_flags(w, "capabilities", network.capabilities, kCapabilityNames);
  write_flags(w, "figures", network.figures, kFigureNames);
  w.Key("sign_in");
  w.StartArray();
  for (const auto method : network.sign_in) w.String(std::string(to_string(method)).c_str());
  w.EndArray();
  write_bool(w, "asks_for_server", network.asks_for_server);
  write_string(w, "server_hint", network.server_hint);
  write_bool(w, "resend_is_safe", network.resend_is_safe);
  w.Key("text");
  w.StartObject();
  write_string(w, "counting", std::string(to_string(network.text.counting)));
  write_size(w, "max_characters", network.text.max_characters);
  write_size(w, "characters_per_url", network.text.characters_per_url);
  write_bool(w, "mention_counts_local_part_only", network.text.mention_counts_local_part_only);
  write_string(w, "mentions", std::string(to_string(network.text.mentions)));
  write_bool(w, "links_without_scheme", network.text.links_without_scheme);
  write_size(w, "shown_link_characters", network.text.shown_link_characters);
  write_bool(w, "shown_link_keeps_www", network.text.shown_link_keeps_www);
  w.EndObject();
  w.Key("media");
  w.StartObject();
  write_size(w, "max_attachments", network.media.max_attachments);
  write_size(w, "min_attachments", network.media.min_attachments);
  write_size(w, "max_image_bytes", network.media.max_image_bytes);
  w.Key("content_types");
  w.StartArray();
  for (const auto& type : network.media.content_types) w.String(type.c_str());
  w.EndArray();
  write_size(w, "max_description_characters", network.media.max_description_characters);
  w.EndObject();
  // Which settings exist, never their values (a client secret stays in kanald).
  w.Key("settings");
  w.StartArray();
  for (const auto& setting : network.settings) {
    w.StartObject();
    write_string(w, "key", setting.key);
    write_string(w, "label", setting.label);
    write_bool(w, "secret", setting.secret);
    write_string(w, "default_value", setting.default_value);
    w.EndObject();
  }
  w.EndArray();
  write_string(w, "settings_of", network.settings_of);
  w.EndObject();
}

std::size_t read_size(ObjectReader& reader, const char* key) {
  return static_cast<std::size_t>(reader.optional_int(key, 0, kMaxCount).value_or(0));
}

NetworkDescriptor read_descriptor(const rapidjson::Value& value) {
  ObjectReader reader(value, "network.");
  NetworkDescriptor network;
  network.id = reader.required_string("id", 64);
  network.display_name = reader.required_string("display_name", 128);
  network.icon_svg = reader.optional_string("icon_svg", 64 * 1024).value_or("");
  network.capabilities = read_flags(reader, "capabilities", kCapabilityNames);
  network.figures = read_flags(reader, "figures", kFigureNames);
  if (const auto* methods = reader.optional_array("sign_in")) {
    for (const auto& item : methods->GetArray()) {
      if (!item.IsString()) continue;
      if (auto method = parse_sign_in_method(item.GetString())) network.sign_in.push_back(*method);
    }
  }
  network.asks_for_server = reader.optional_bool("asks_for_server").value_or(false);
  network.server_hint = reader.optional_string("server_hint", 2048).value_or("");
  network.resend_is_safe = reader.optional_bool("resend_is_safe").value_or(false);
  if (const auto* text = reader.optional_object("text")) {
    ObjectReader rules(*text, "network.text.");
    network.text.counting =
        parse_counting(rules.optional_string("counting", 32).value_or("")).value_or(Counting::code_points);
    network.text.max_characters = read_size(rules, "max_characters");
    network.text.characters_per_url = read_size(rules, "characters_per_url");
    network.text.mention_counts_local_part_only = rules.optional_bool("mention_counts_local_part_only").value_or(false);
    network.text.mentions =
        parse_mention_style(rules.optional_string("mentions", 32).value_or("")).value_or(MentionStyle::at_name);
    network.text.links_without_scheme = rules.optional_bool("links_without_scheme").value_or(false);
    network.text.shown_link_characters = read_size(rules, "shown_link_characters");
    network.text.shown_link_keeps_www = rules.optional_bool("shown_link_keeps_www").value_or(false);
  }
  if (const auto* media = reader.optional_object("media")) {
    ObjectReader rules(*media, "network.media.");
    network.media.max_attachments = read_size(rules, "max_attachments");
    network.media.min_attachments = read_size(rules, "min_attachments");
    network.media.max_image_bytes = read_size(rules, "max_image_bytes");
    if (const auto* types = rules.optional_array("content_types")) {
      for (const auto& type : types->GetArray()) {
        if (type.IsString()) network.media.content_types.emplace_back(type.GetString());
      }
    }
    network.media.max_description_characters = read_size(rules, "max_description_characters");
  }
  if (const auto* settings = reader.optional_array("settings")) {
    for (const auto& item : settings->GetArray()) {
      ObjectReader setting(item, "network.settings.");
      network.settings.push_back(NetworkSetting{setting.required_string("key", 64),
                                                setting.optional_string("label", 256).value_or(""),
                                                setting.optional_bool("secret").value_or(false),
                                                setting.optional_string("default_value", 2048).value_or("")});
    }
  }
  network.settings_of = reader.optional_string("settings_of", 64).value_or("");
  return network;
}

}  // namespace

std::string to_json(const std::vector<NetworkDescriptor>& networks) {
  return written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& network : networks) write_descriptor(w, network);
    w.EndArray();
  });
}

std::vector<NetworkDescriptor> parse_networks(std::string_view body) {
  auto doc = json::parse_json(body);
  std::vector<NetworkDescriptor> networks;
  for (const auto& item : json::require_array(doc).GetArray()) networks.push_back(read_descriptor(item));
  return networks;
}

std::string to_json(const std::vector<NetworkSettingValue>& settings) {
  return written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& setting : settings) {
      w.StartObject();
      write_string(w, "key", setting.key);
      write_string(w, "label", setting.label);
      write_bool(w, "secret", setting.secret);
      write_string(w, "value", setting.secret ? std::string() : setting.value);
      write_bool(w, "is_set", setting.is_set);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::vector<NetworkSettingValue> parse_network_settings(std::string_view body) {
  auto doc = json::parse_json(body);
  std::vector<NetworkSettingValue> settings;
  for (const auto& item : json::require_array(doc).GetArray()) {
    ObjectReader reader(item, "setting.");
    settings.push_back({reader.required_string("key", 64), reader.optional_string("label", 256).value_or(""),
                        reader.optional_bool("secret").value_or(false),
                        reader.optional_string("value", 4096).value_or(""),
                        reader.optional_bool("is_set").value_or(false)});
  }
  return settings;
}

std::string to_json(const std::vector<std::pair<std::string, std::string>>& values) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("values");
    w.StartObject();
    for (const auto& [key, value] : values) write_string(w, key.c_str(), value);
    w.EndObject();
    w.EndObject();
  });
}

std::vector<std::pair<std::string, std::string>> parse_network_settings_update(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  const auto* values = reader.optional_object("values");
  if (values == nullptr || values->MemberCount() == 0) {
    throw Error(ErrorCode::invalid_input, "values names at least one setting", "values");
  }
  std::vector<std::pair<std::string, std::string>> changes;
  for (const auto& member : values->GetObject()) {
    const std::string key(member.name.GetString(), member.name.GetStringLength());
    if (!member.value.IsString() || member.value.GetStringLength() > 4096) {
      throw Error(ErrorCode::invalid_input, "values." + key + " must be a text of at most 4096 bytes", "values." + key);
    }
    changes.emplace_back(key, std::string(member.value.GetString(), member.value.GetStringLength()));
  }
  reader.reject_unknown();
  return changes;
}

const NetworkDescriptor* find_network(const std::vector<NetworkDescriptor>& networks, std::string_view network) {
  auto it = std::find_if(networks.begin(), networks.end(), [&](const NetworkDescriptor& n) { return n.id == network; });
  return it == networks.end() ? nullptr : &*it;
}

std::string to_json(const ConnectRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "network", request.network);
    write_string(w, "instance_url", request.instance_url);
    write_string(w, "method", std::string(to_string(request.method)));
    if (!request.redirect_uri.empty()) write_string(w, "redirect_uri", request.redirect_uri);
    if (!request.handle.empty()) write_string(w, "handle", request.handle);
    if (!request.password.empty()) write_string(w, "password", request.password);
    w.EndObject();
  });
}

ConnectRequest parse_connect_request(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ConnectRequest request;
  request.network = reader.required_string("network", 64);
  request.instance_url = reader.optional_string("instance_url", 2048).value_or("");
  if (auto method = reader.optional_string("method", 32)) {
    auto parsed = parse_sign_in_method(*method);
    if (!parsed) throw Error(ErrorCode::invalid_input, "method must be oauth or app_password", "method");
    request.method = *parsed;
  }
  request.redirect_uri = reader.optional_string("redirect_uri", 2048).value_or("");
  request.handle = reader.optional_string("handle", 512).value_or("");
  request.password = reader.optional_string("password", 1024).value_or("");
  reader.reject_unknown();
  if (request.method == SignInMethod::app_password && (request.handle.empty() || request.password.empty())) {
    throw Error(ErrorCode::invalid_input, "an app password sign-in needs a handle and an app password",
                request.handle.empty() ? "handle" : "password");
  }
  return request;
}

std::string to_json(const ConnectStarted& started) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "connect_id", started.connect_id);
    write_string(w, "authorize_url", started.authorize_url);
    w.EndObject();
  });
}

ConnectStarted parse_connect_started(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  return ConnectStarted{reader.required_string("connect_id", 128),
                        reader.optional_string("authorize_url", 8192).value_or("")};
}

std::string to_json(const ConnectProgress& progress) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "state", progress.state);
    if (progress.account) {
      w.Key("account");
      write_account(w, *progress.account);
    }
    w.Key("accounts");
    w.StartArray();
    for (const auto& account : progress.accounts) write_account(w, account);
    w.EndArray();
    w.Key("offers");
    w.StartArray();
    for (const auto& offer : progress.offers) {
      w.StartObject();
      write_string(w, "network_account_id", offer.network_account_id);
      write_string(w, "handle", offer.handle);
      write_string(w, "display_name", offer.display_name);
      write_string(w, "kind", offer.kind);
      write_string(w, "network", offer.network);
      w.EndObject();
    }
    w.EndArray();
    write_string(w, "error", progress.error);
    w.EndObject();
  });
}

ConnectProgress parse_connect_progress(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ConnectProgress progress;
  progress.state = reader.required_string("state", 32);
  if (const auto* account = reader.optional_object("account")) progress.account = read_account(*account, "account.");
  if (const auto* accounts = reader.optional_array("accounts")) {
    for (const auto& item : accounts->GetArray()) progress.accounts.push_back(read_account(item, "accounts."));
  }
  if (const auto* offers = reader.optional_array("offers")) {
    for (const auto& item : offers->GetArray()) {
      ObjectReader offer(item, "offers.");
      progress.offers.push_back(AccountOffer{
          offer.required_string("network_account_id", 512), offer.optional_string("handle", 512).value_or(""),
          offer.optional_string("display_name", 512).value_or(""), offer.optional_string("kind", 64).value_or(""),
          offer.optional_string("network", 64).value_or("")});
    }
  }
  progress.error = reader.optional_string("error", 8192).value_or("");
  return progress;
}

std::string to_json(const ConnectChoice& choice) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("network_account_ids");
    w.StartArray();
    for (const auto& id : choice.network_account_ids) w.String(id.c_str());
    w.EndArray();
    w.EndObject();
  });
}

ConnectChoice parse_connect_choice(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ConnectChoice choice;
  const auto* ids = reader.optional_array("network_account_ids");
  if (ids == nullptr || ids->Empty()) {
    throw Error(ErrorCode::invalid_input, "pick at least one account", "network_account_ids");
  }
  for (const auto& id : ids->GetArray()) {
    if (!id.IsString() || id.GetStringLength() == 0 || id.GetStringLength() > 512) {
      throw Error(ErrorCode::invalid_input, "network_account_ids holds the offers' ids", "network_account_ids");
    }
    choice.network_account_ids.emplace_back(id.GetString(), id.GetStringLength());
  }
  reader.reject_unknown();
  return choice;
}

std::string to_json(const ConnectCompletion& completion) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "state", completion.state);
    write_string(w, "code", completion.code);
    if (!completion.error.empty()) write_string(w, "error", completion.error);
    w.EndObject();
  });
}

ConnectCompletion parse_connect_completion(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ConnectCompletion completion;
  completion.state = reader.required_string("state", 512);
  completion.code = reader.optional_string("code", 4096).value_or("");
  completion.error = reader.optional_string("error", 1024).value_or("");
  reader.reject_unknown();
  return completion;
}

}  // namespace kanal::wire
