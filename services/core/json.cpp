#include "core/json.h"

#include <cmath>
#include <vector>

#include <rapidjson/prettywriter.h>

#include <rapidjson/error/en.h>

#include "core/error.h"
#include "core/utf8.h"

namespace kanal::json {

namespace {

// RapidJSON 1.1 decodes an escaped lone low surrogate ("\udc00") into bytes
// that are not UTF-8, even when it validates the encoding (a fuzzer found
// it): every string and key it made is checked. Without recursion: bodies
// may nest deeply.
bool strings_are_utf8(const rapidjson::Value& root) {
  std::vector<const rapidjson::Value*> pending{&root};
  while (!pending.empty()) {
    const auto* value = pending.back();
    pending.pop_back();
    if (value->IsString() && !utf8::is_valid({value->GetString(), value->GetStringLength()})) return false;
    if (value->IsArray()) {
      for (const auto& item : value->GetArray()) pending.push_back(&item);
    } else if (value->IsObject()) {
      for (const auto& member : value->GetObject()) {
        if (!utf8::is_valid({member.name.GetString(), member.name.GetStringLength()})) return false;
        pending.push_back(&member.value);
      }
    }
  }
  return true;
}

}  // namespace

rapidjson::Document parse_json(std::string_view body) {
  // RapidJSON stops at a NUL byte and would accept what follows it unread;
  // valid JSON never holds a raw NUL.
  if (const auto nul = body.find('\0'); nul != std::string_view::npos) {
    throw Error(ErrorCode::malformed_json, "the body is not valid JSON: a NUL byte at byte " + std::to_string(nul));
  }
  rapidjson::Document doc;
  // Iterative: a body nested a million levels deep must not overflow the stack.
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (doc.HasParseError()) {
    const auto code = doc.GetParseError();
    std::string detail = code == rapidjson::kParseErrorStringInvalidEncoding
                             ? "the body is not valid UTF-8"
                             : std::string("the body is not valid JSON: ") + rapidjson::GetParseError_En(code);
    throw Error(ErrorCode::malformed_json, detail + " (at byte " + std::to_string(doc.GetErrorOffset()) + ")");
  }
  if (!strings_are_utf8(doc)) {
    throw Error(ErrorCode::malformed_json, "the body is not valid UTF-8: an escaped lone surrogate (\\uDC00-\\uDFFF)");
  }
  return doc;
}

ObjectReader::ObjectReader(const rapidjson::Value& value, std::string path) : value_(value), path_(std::move(path)) {
  if (!value_.IsObject()) {
    throw Error(ErrorCode::invalid_input, (path_.empty() ? std::string("the body") : path_) + " must be a JSON object",
                path_);
  }
}

bool ObjectReader::has(const char* name) const { return value_.HasMember(name) && !value_[name].IsNull(); }

const rapidjson::Value* ObjectReader::member(const char* name) {
  read_.insert(name);
  auto it = value_.FindMember(name);
  if (it == value_.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

std::optional<std::string> ObjectReader::optional_string(const char* name, std::size_t max_code_points) {
  const auto* value = member(name);
  if (value == nullptr) return std::nullopt;
  if (!value->IsString()) throw Error(ErrorCode::invalid_input, field(name) + " must be a string", field(name));
  std::string text(value->GetString(), value->GetStringLength());
  const auto length = utf8::code_points(text);
  if (!length) throw Error(ErrorCode::invalid_input, field(name) + " is not valid UTF-8", field(name));
  if (*length > max_code_points) {
    throw Error(ErrorCode::invalid_input,
                field(name) + " is too long: " + std::to_string(*length) + " characters, at most " +
                    std::to_string(max_code_points),
                field(name));
  }
  return text;
}

std::string ObjectReader::required_string(const char* name, std::size_t max_code_points) {
  auto text = optional_string(name, max_code_points);
  if (!text) throw Error(ErrorCode::invalid_input, field(name) + " is required", field(name));
  return *text;
}

std::optional<std::int64_t> ObjectReader::optional_int(const char* name, std::int64_t min, std::int64_t max) {
  const auto* value = member(name);
  if (value == nullptr) return std::nullopt;
  if (!value->IsInt64()) throw Error(ErrorCode::invalid_input, field(name) + " must be an integer", field(name));
  const auto number = value->GetInt64();
  if (number < min || number > max) {
    throw Error(ErrorCode::invalid_input,
                field(name) + " must be from " + std::to_string(min) + " to " + std::to_string(max), field(name));
  }
  return number;
}

std::optional<double> ObjectReader::optional_number(const char* name) {
  const auto* value = member(name);
  if (value == nullptr) return std::nullopt;
  if (!value->IsNumber() || !std::isfinite(value->GetDouble())) {
    throw Error(ErrorCode::invalid_input, field(name) + " must be a number", field(name));
  }
  return value->GetDouble();
}

std::int64_t ObjectReader::required_int(const char* name, std::int64_t min, std::int64_t max) {
  auto number = optional_int(name, min, max);
  if (!number) throw Error(ErrorCode::invalid_input, field(name) + " is required", field(name));
  return *number;
}

Timestamp ObjectReader::required_time(const char* name) {
  const auto text = required_string(name, 64);
  const auto at = parse_iso8601(text);
  if (!at) throw Error(ErrorCode::invalid_input, field(name) + " is not an RFC 3339 time", field(name));
  return *at;
}

std::optional<bool> ObjectReader::optional_bool(const char* name) {
  const auto* value = member(name);
  if (value == nullptr) return std::nullopt;
  if (!value->IsBool()) throw Error(ErrorCode::invalid_input, field(name) + " must be true or false", field(name));
  return value->GetBool();
}

const rapidjson::Value* ObjectReader::optional_array(const char* name) {
  const auto* value = member(name);
  if (value != nullptr && !value->IsArray()) {
    throw Error(ErrorCode::invalid_input, field(name) + " must be an array", field(name));
  }
  return value;
}

const rapidjson::Value* ObjectReader::optional_object(const char* name) {
  const auto* value = member(name);
  if (value != nullptr && !value->IsObject()) {
    throw Error(ErrorCode::invalid_input, field(name) + " must be an object", field(name));
  }
  return value;
}

void ObjectReader::reject_unknown() const {
  for (auto it = value_.MemberBegin(); it != value_.MemberEnd(); ++it) {
    std::string name(it->name.GetString(), it->name.GetStringLength());
    if (read_.count(name) == 0) {
      // The name is echoed back: make sure it is printable UTF-8 first.
      if (!utf8::is_valid(name) || name.size() > 64) name = name.substr(0, 0) + "(unprintable)";
      throw Error(ErrorCode::unknown_field, "unknown field '" + path_ + name + "'", path_ + name);
    }
  }
}

void write_string(JsonWriter& writer, const char* key, std::string_view value) {
  writer.Key(key);
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_optional_int(JsonWriter& writer, const char* key, std::optional<std::int64_t> value) {
  writer.Key(key);
  if (value) {
    writer.Int64(*value);
  } else {
    writer.Null();
  }
}

void write_optional_number(JsonWriter& writer, const char* key, std::optional<double> value) {
  writer.Key(key);
  if (value && std::isfinite(*value)) {
    writer.Double(*value);
  } else {
    writer.Null();
  }
}

void write_optional_time(JsonWriter& writer, const char* key, const std::optional<Timestamp>& at) {
  writer.Key(key);
  if (at) {
    writer.String(to_iso8601(*at).c_str());
  } else {
    writer.Null();
  }
}

std::optional<Timestamp> read_optional_time(ObjectReader& reader, const char* key) {
  const auto text = reader.optional_string(key, 64);
  if (!text || text->empty()) return std::nullopt;
  const auto at = parse_iso8601(*text);
  if (!at) throw Error(ErrorCode::malformed_json, reader.field(key) + " must be an RFC 3339 time", reader.field(key));
  return at;
}

std::string to_string(const rapidjson::StringBuffer& buffer) { return {buffer.GetString(), buffer.GetSize()}; }

const rapidjson::Value& require_array(const rapidjson::Value& value) {
  if (!value.IsArray()) throw Error(ErrorCode::invalid_input, "expected a JSON array");
  return value;
}

std::string pretty(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) return std::string(text);
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  doc.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace kanal::json
