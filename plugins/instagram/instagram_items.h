#pragma once
// Reading an account's comments and media from Graph's answers: a library of
// its own, so tests and fuzzers feed it what no server would send.
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "kanal/plugin/network.h"

namespace kanal::instagram {

// A comment or a medium as an interaction (its text in `text_field`);
// nullopt (and why, in `unreadable`) when it cannot be read.
std::optional<plugin::Interaction> interaction_of(const rapidjson::Value& item, plugin::InteractionKind kind,
                                                  const std::string& in_reply_to, const char* text_field,
                                                  std::vector<std::string>& unreadable);

}  // namespace kanal::instagram
