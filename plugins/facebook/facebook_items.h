#pragma once
// Reading a page's comments and posts from Graph's answers: a library of its
// own, so tests and fuzzers feed it what no server would send.
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "kanal/plugin/network.h"

namespace kanal::facebook {

plugin::Person person_of(const rapidjson::Value& item);
// A comment or a post as an interaction; nullopt (and why, in `unreadable`)
// when it cannot be read.
std::optional<plugin::Interaction> interaction_of(const rapidjson::Value& item, plugin::InteractionKind kind,
                                                  const std::string& in_reply_to, std::vector<std::string>& unreadable);

}  // namespace kanal::facebook
