#pragma once
// What every plugin does with a network's answers: reads members leniently
// where it checks what it needs itself, and turns a failed transfer into
// the contract's error. (Not part of the contract: a plugin may do without.)

#include <rapidjson/document.h>

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

#include "kanal/plugin/network.h"

namespace kanal::plugin {

// The text at value[key], or "" when absent or not a text.
std::string string_at(const rapidjson::Value& value, const char* key);
// A count, or nullopt ("not available") when absent, negative or not an integer.
std::optional<std::int64_t> count_at(const rapidjson::Value& value, const char* key);
// value[key] when it is an object or an array, else nullptr.
const rapidjson::Value* member(const rapidjson::Value& value, const char* key);

// An answer's body as a JSON object, or a transient NetworkError naming
// `what` (a network answering 2xx with something unreadable is at fault).
rapidjson::Document parse_answer(const std::string& body, const std::string& what);

// A transfer that failed, as the contract's error: one that may have reached
// the network and `changes_something` is an unknown outcome; anything else
// not done is transient. A NetworkError passes unchanged.
NetworkError transport_failure(const std::exception_ptr& error, bool changes_something);

}  // namespace kanal::plugin
