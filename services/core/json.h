#pragma once
// Strict reading of JSON request and response bodies: every field is checked
// for presence, type, range and UTF-8, and unknown fields are refused, so bad
// input becomes a kanal::Error naming the field — never a crash.

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/time.h"

namespace kanal::json {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Parses `body` (validating its UTF-8); throws malformed_json.
rapidjson::Document parse_json(std::string_view body);

// Reads the members of one JSON object, remembering which were read.
class ObjectReader {
 public:
  // `path` prefixes field names in errors, e.g. "variants[2]." (empty at top).
  ObjectReader(const rapidjson::Value& value, std::string path = {});

  bool has(const char* name) const;
  std::string required_string(const char* name, std::size_t max_code_points);
  std::optional<std::string> optional_string(const char* name, std::size_t max_code_points);
  std::int64_t required_int(const char* name, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_int(const char* name, std::int64_t min, std::int64_t max);
  std::optional<bool> optional_bool(const char* name);
  // Any JSON number, finite.
  std::optional<double> optional_number(const char* name);
  // An RFC 3339 time (core/time.h).
  Timestamp required_time(const char* name);
  // The member if present and an array (throws if present and not one).
  const rapidjson::Value* optional_array(const char* name);
  const rapidjson::Value* optional_object(const char* name);

  // Throws unknown_field for the first member that no call above asked for.
  void reject_unknown() const;

  std::string field(const char* name) const { return path_ + name; }

 private:
  const rapidjson::Value* member(const char* name);

  const rapidjson::Value& value_;
  std::string path_;
  std::set<std::string> read_;
};

// `value` when it is an array (a list answer's body); Error(invalid_input) otherwise.
const rapidjson::Value& require_array(const rapidjson::Value& value);

// The JSON that `fn(writer)` writes.
template <class Fn>
std::string written(Fn fn) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  fn(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// `text` indented for people to read, or unchanged when it is not JSON.
std::string pretty(std::string_view text);

// Convenience for writers.
void write_string(JsonWriter& writer, const char* key, std::string_view value);
// The value, or null when there is none ("not available" is not 0).
void write_optional_int(JsonWriter& writer, const char* key, std::optional<std::int64_t> value);
void write_optional_number(JsonWriter& writer, const char* key, std::optional<double> value);
void write_optional_time(JsonWriter& writer, const char* key, const std::optional<Timestamp>& at);
// An RFC 3339 time, or nullopt when absent, null or empty.
std::optional<Timestamp> read_optional_time(ObjectReader& reader, const char* key);
std::string to_string(const rapidjson::StringBuffer& buffer);

}  // namespace kanal::json
