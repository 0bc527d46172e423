#include "api/wire/problem.h"

#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::parse_json;
using json::to_string;
using json::write_string;
namespace {

std::string title_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return "Invalid input";
    case ErrorCode::unknown_field: return "Unknown field";
    case ErrorCode::malformed_json: return "Malformed JSON";
    case ErrorCode::payload_too_large: return "Request body too large";
    case ErrorCode::unsupported_media_type: return "Unsupported content type";
    case ErrorCode::unauthorized: return "Not signed in";
    case ErrorCode::forbidden: return "Not allowed";
    case ErrorCode::not_found: return "Not found";
    case ErrorCode::method_not_allowed: return "Method not allowed";
    case ErrorCode::stale_version: return "Changed by someone else";
    case ErrorCode::approval_required: return "Approval required";
    case ErrorCode::too_many_attempts: return "Too many attempts";
    case ErrorCode::held_back: return "Publishing is held back";
    case ErrorCode::unavailable: return "Temporarily unavailable";
    case ErrorCode::unreachable: return "Server unreachable";
    case ErrorCode::internal: return "Internal error";
  }
  return "Error";
}

ErrorCode code_for_status(int status) {
  switch (status) {
    case 400: return ErrorCode::malformed_json;
    case 401: return ErrorCode::unauthorized;
    case 403: return ErrorCode::forbidden;
    case 404: return ErrorCode::not_found;
    case 405: return ErrorCode::method_not_allowed;
    case 409: return ErrorCode::stale_version;
    case 413: return ErrorCode::payload_too_large;
    case 415: return ErrorCode::unsupported_media_type;
    case 429: return ErrorCode::too_many_attempts;
    case 422: return ErrorCode::invalid_input;
    case 502:
    case 503:
    case 504: return ErrorCode::unavailable;
    default: return ErrorCode::internal;
  }
}

}  // namespace

std::string problem_json(const Error& error) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_string(writer, "type", "urn:kanal:problem:" + std::string(to_string(error.code())));
  write_string(writer, "title", title_of(error.code()));
  writer.Key("status");
  writer.Int(http_status(error.code()));
  write_string(writer, "detail", error.detail());
  write_string(writer, "code", to_string(error.code()));
  if (!error.field().empty()) write_string(writer, "field", error.field());
  writer.EndObject();
  return to_string(buffer);
}

Error error_from_response(int status, std::string_view body) {
  try {
    auto doc = parse_json(body);
    if (doc.IsObject() && doc.HasMember("code") && doc["code"].IsString()) {
      ObjectReader reader(doc);
      const auto code = error_code_from_string(reader.required_string("code", 64));
      auto detail = reader.optional_string("detail", 4096).value_or(title_of(code));
      auto field = reader.optional_string("field", 256).value_or("");
      return Error(code, detail, field);
    }
  } catch (const Error&) {
    // Not a problem document: fall through to a status-based error.
  }
  return Error(code_for_status(status), "the server answered HTTP " + std::to_string(status));
}

}  // namespace kanal::wire
