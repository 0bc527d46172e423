#include "kanal/plugin/answers.h"

#include "core/error.h"
#include "core/json.h"

namespace kanal::plugin {

std::string string_at(const rapidjson::Value& value, const char* key) {
  return value.IsObject() && value.HasMember(key) && value[key].IsString()
             ? std::string(value[key].GetString(), value[key].GetStringLength())
             : std::string();
}

std::optional<std::int64_t> count_at(const rapidjson::Value& value, const char* key) {
  if (!value.IsObject() || !value.HasMember(key) || !value[key].IsInt64() || value[key].GetInt64() < 0) {
    return std::nullopt;
  }
  return value[key].GetInt64();
}

const rapidjson::Value* member(const rapidjson::Value& value, const char* key) {
  if (!value.IsObject() || !value.HasMember(key)) return nullptr;
  const auto& found = value[key];
  return found.IsObject() || found.IsArray() ? &found : nullptr;
}

rapidjson::Document parse_answer(const std::string& body, const std::string& what) {
  try {
    auto doc = json::parse_json(body);
    if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "not a JSON object");
    return doc;
  } catch (const Error& e) {
    throw NetworkError(FailureKind::transient, "the answer to " + what + " is malformed: " + e.detail());
  }
}

NetworkError transport_failure(const std::exception_ptr& error, bool changes_something) {
  try {
    std::rethrow_exception(error);
  } catch (const NetworkError& e) {
    return e;
  } catch (const net::TransportError& e) {
    if (e.request_sent() && changes_something) return NetworkError(FailureKind::unknown_outcome, e.detail());
    return NetworkError(FailureKind::transient, e.detail());
  } catch (const std::exception& e) {
    return NetworkError(FailureKind::transient, e.what());
  }
}

}  // namespace kanal::plugin
