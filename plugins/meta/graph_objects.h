#pragma once
// What the Facebook and Instagram plugins read alike from Graph answers.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "core/time.h"
#include "kanal/plugin/network.h"

namespace kanal::meta {

// Graph writes times as "2026-12-07T10:00:00+0000".
std::optional<Timestamp> graph_time(std::string_view text);
// Seconds since 1970, as Graph's since/until take them.
std::string unix_seconds(Timestamp at);

// An inbox cursor: the newest time seen, in Unix seconds; nullopt when
// empty, rejected (so the inbox starts over) when it is not a time.
std::optional<Timestamp> cursor_time(const std::string& cursor);

// Whether `id` is a Graph id (digits, or a page post's "PAGE_POST"): only
// such ids from answers go into paths.
bool is_graph_id(std::string_view id);

// A text as Meta gives it back: line ends and the space around it aside.
std::string comparable(std::string_view text);

// A comment's text as Kanal keeps it: valid UTF-8, cut (and marked) when
// longer than kMaxInteractionText.
void set_text(plugin::Interaction& item, const std::string& text);

// A comment or a medium begun as an interaction: its Graph id and its time
// (in `time_field`), of `kind`, answering `in_reply_to`; nullopt, and why
// in `unreadable`, when either is not what it claims.
std::optional<plugin::Interaction> interaction_at(const rapidjson::Value& item, const char* time_field,
                                                  plugin::InteractionKind kind, const std::string& in_reply_to,
                                                  std::vector<std::string>& unreadable);

}  // namespace kanal::meta
