#include "api/wire/text.h"

#include <limits>

#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::write_string;
using json::written;

namespace {

constexpr std::size_t kMaxTextCodePoints = 200'000;
constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

void write_span(JsonWriter& w, const text::Span& span) {
  w.StartObject();
  w.Key("start");
  w.Uint64(span.start);
  w.Key("end");
  w.Uint64(span.end);
  w.EndObject();
}

void write_count_members(JsonWriter& w, const text::Count& count) {
  write_string(w, "counting", std::string(to_string(count.counting)));
  w.Key("count");
  w.Uint64(count.count);
  w.Key("limit");
  w.Uint64(count.limit);
  write_string(w, "unit", count.unit);
  w.Key("valid");
  w.Bool(count.valid);
  w.Key("overflow");
  w.StartArray();
  for (const auto& span : count.overflow) write_span(w, span);
  w.EndArray();
  w.Key("entities");
  w.StartArray();
  for (const auto& e : count.entities) {
    w.StartObject();
    write_string(w, "kind", text::to_string(e.kind));
    w.Key("start");
    w.Uint64(e.span.start);
    w.Key("end");
    w.Uint64(e.span.end);
    w.Key("byte_start");
    w.Uint64(e.byte_start);
    w.Key("byte_end");
    w.Uint64(e.byte_end);
    write_string(w, "value", e.value);
    w.EndObject();
  }
  w.EndArray();
}

void write_plain_members(JsonWriter& w, const text::CheckResult& plain) {
  w.Key("hints");
  w.StartArray();
  for (const auto& hint : plain.hints) {
    w.StartObject();
    write_string(w, "kind", hint.kind);
    write_string(w, "severity", text::to_string(hint.severity));
    if (hint.span) {
      w.Key("start");
      w.Uint64(hint.span->start);
      w.Key("end");
      w.Uint64(hint.span->end);
    }
    write_string(w, "message", hint.message);
    write_string(w, "suggestion", hint.suggestion);
    w.EndObject();
  }
  w.EndArray();
  if (plain.readability) {
    w.Key("readability");
    w.StartObject();
    write_string(w, "measure", text::to_string(plain.readability->measure));
    w.Key("score");
    w.Double(plain.readability->score);
    w.Key("higher_is_easier");
    w.Bool(plain.readability->higher_is_easier);
    w.Key("words");
    w.Uint64(plain.readability->statistics.words);
    w.Key("sentences");
    w.Uint64(plain.readability->statistics.sentences);
    w.EndObject();
  }
  w.Key("needs_expert_check");
  w.Bool(plain.needs_expert_check);
  w.Key("spelling_checked");
  w.Bool(plain.spelling_checked);
}

std::size_t size_field(ObjectReader& reader, const char* name) {
  return static_cast<std::size_t>(reader.required_int(name, 0, kMaxId));
}

text::Span read_span(const rapidjson::Value& value, const std::string& path) {
  ObjectReader reader(value, path);
  text::Span span{size_field(reader, "start"), size_field(reader, "end")};
  reader.reject_unknown();
  return span;
}

text::Count read_count(ObjectReader& reader) {
  text::Count count;
  const auto counting = reader.required_string("counting", 32);
  count.counting = parse_counting(counting).value_or(Counting::code_points);
  count.count = size_field(reader, "count");
  count.limit = size_field(reader, "limit");
  reader.required_string("unit", 64);  // static text on our side
  count.unit = counting_unit(count.counting);
  count.valid = reader.optional_bool("valid").value_or(false);
  if (const auto* overflow = reader.optional_array("overflow")) {
    for (const auto& span : overflow->GetArray()) count.overflow.push_back(read_span(span, reader.field("overflow.")));
  }
  if (const auto* entities = reader.optional_array("entities")) {
    for (const auto& item : entities->GetArray()) {
      ObjectReader e(item, reader.field("entities."));
      text::TextEntity entity;
      const auto kind = e.required_string("kind", 16);
      entity.kind = kind == "mention"   ? text::EntityKind::mention
                    : kind == "hashtag" ? text::EntityKind::hashtag
                                        : text::EntityKind::url;
      entity.span = {size_field(e, "start"), size_field(e, "end")};
      entity.byte_start = size_field(e, "byte_start");
      entity.byte_end = size_field(e, "byte_end");
      entity.value = e.required_string("value", kMaxTextCodePoints);
      count.entities.push_back(std::move(entity));
    }
  }
  return count;
}

text::CheckResult read_plain(ObjectReader& reader) {
  text::CheckResult plain;
  if (const auto* hints = reader.optional_array("hints")) {
    for (const auto& item : hints->GetArray()) {
      ObjectReader h(item, reader.field("hints."));
      text::Hint hint;
      hint.kind = h.required_string("kind", 64);
      const auto severity = h.required_string("severity", 16);
      hint.severity = severity == "blocking"  ? text::Severity::blocking
                      : severity == "warning" ? text::Severity::warning
                                              : text::Severity::info;
      if (h.has("start")) hint.span = text::Span{size_field(h, "start"), size_field(h, "end")};
      hint.message = h.required_string("message", 10'000);
      hint.suggestion = h.required_string("suggestion", 10'000);
      plain.hints.push_back(std::move(hint));
    }
  }
  if (const auto* readability = reader.optional_object("readability")) {
    ObjectReader r(*readability, "readability.");
    text::Readability value;
    const auto measure = r.required_string("measure", 64);
    value.measure = measure == "LIX"                   ? text::ReadabilityMeasure::lix
                    : measure == "Flesch reading ease" ? text::ReadabilityMeasure::flesch
                                                       : text::ReadabilityMeasure::flesch_amstad;
    if (!(*readability)["score"].IsNumber())
      throw Error(ErrorCode::invalid_input, "readability.score must be a number");
    value.score = (*readability)["score"].GetDouble();
    value.higher_is_easier = r.optional_bool("higher_is_easier").value_or(false);
    value.statistics.words = size_field(r, "words");
    value.statistics.sentences = size_field(r, "sentences");
    plain.readability = value;
  }
  plain.needs_expert_check = reader.optional_bool("needs_expert_check").value_or(false);
  plain.spelling_checked = reader.optional_bool("spelling_checked").value_or(false);
  return plain;
}

}  // namespace

std::string to_json(const text::Count& count, const text::CheckResult& plain) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_count_members(w, count);
    write_plain_members(w, plain);
    w.EndObject();
  });
}

TextCheckRequest parse_text_check_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "the body must be a JSON object");
  ObjectReader reader(doc);
  TextCheckRequest request;
  request.text = reader.required_string("text", kMaxTextCodePoints);
  request.language = reader.optional_string("language", 8).value_or("");
  if (const auto* accounts = reader.optional_array("accounts")) {
    for (const auto& id : accounts->GetArray()) {
      if (!id.IsInt64() || id.GetInt64() < 1)
        throw Error(ErrorCode::invalid_input, "accounts holds account ids", "accounts");
      request.accounts.push_back(AccountId{id.GetInt64()});
    }
  }
  if (const auto* networks = reader.optional_array("networks")) {
    for (const auto& name : networks->GetArray()) {
      if (!name.IsString() || name.GetStringLength() == 0 || name.GetStringLength() > 64) {
        throw Error(ErrorCode::invalid_input, "networks holds the ids of networks (GET /api/v1/networks)", "networks");
      }
      request.networks.emplace_back(name.GetString());
    }
  }
  request.images_without_alt = reader.optional_int("images_without_alt", 0, 100).value_or(0);
  reader.reject_unknown();
  return request;
}

std::string to_json(const TextCheckRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "text", request.text);
    if (!request.language.empty()) write_string(w, "language", request.language);
    w.Key("accounts");
    w.StartArray();
    for (const auto& id : request.accounts) w.Int64(id.value);
    w.EndArray();
    w.Key("networks");
    w.StartArray();
    for (const auto& name : request.networks) w.String(name.c_str());
    w.EndArray();
    w.Key("images_without_alt");
    w.Int64(request.images_without_alt);
    w.EndObject();
  });
}

std::string to_json(const TextCheckResponse& response) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("targets");
    w.StartArray();
    for (const auto& target : response.targets) {
      w.StartObject();
      if (target.account) {
        w.Key("account");
        w.Int64(target.account->value);
      }
      write_string(w, "account_network", target.network);
      write_string(w, "handle", target.handle);
      if (!target.text.empty()) write_string(w, "text", target.text);
      write_count_members(w, target.count);
      w.EndObject();
    }
    w.EndArray();
    write_plain_members(w, response.plain);
    w.EndObject();
  });
}

TextCheckResponse parse_text_check_response(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "a text check must be a JSON object");
  ObjectReader reader(doc);
  TextCheckResponse response;
  if (const auto* targets = reader.optional_array("targets")) {
    for (const auto& item : targets->GetArray()) {
      ObjectReader t(item, "targets.");
      TargetCount target;
      if (auto id = t.optional_int("account", 1, kMaxId)) target.account = AccountId{*id};
      target.network = t.required_string("account_network", 64);
      target.handle = t.required_string("handle", 1000);
      target.text = t.optional_string("text", kMaxTextCodePoints).value_or("");
      target.count = read_count(t);
      response.targets.push_back(std::move(target));
    }
  }
  response.plain = read_plain(reader);
  return response;
}

namespace {

std::vector<std::string> read_codes(ObjectReader& reader, const char* name, std::size_t at_most) {
  std::vector<std::string> out;
  const auto* list = reader.optional_array(name);
  if (list == nullptr) return out;
  for (const auto& item : list->GetArray()) {
    if (!item.IsString() || item.GetStringLength() == 0 || item.GetStringLength() > at_most) {
      throw Error(ErrorCode::invalid_input, std::string(name) + " holds short names", name);
    }
    out.emplace_back(item.GetString());
  }
  return out;
}

void write_strings(JsonWriter& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& value : values) w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  w.EndArray();
}

}  // namespace

std::string to_json(const text::WordLists& lists) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "jargon", lists.jargon_file());
    write_string(w, "rights", lists.rights_file());
    write_strings(w, "dictionary", lists.dictionary());
    w.EndObject();
  });
}

std::shared_ptr<const text::WordLists> parse_word_lists(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "word lists must be a JSON object");
  ObjectReader reader(doc);
  auto jargon = reader.required_string("jargon", 1'000'000);
  auto rights = reader.required_string("rights", 1'000'000);
  return std::make_shared<const text::WordLists>(std::move(jargon), std::move(rights),
                                                 read_codes(reader, "dictionary", 256));
}

std::string parse_dictionary_word(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "the body must be a JSON object");
  ObjectReader reader(doc);
  auto word = reader.required_string("word", 64);
  reader.reject_unknown();
  text::check_dictionary_word(word);
  return word;
}

std::string dictionary_word_json(const std::string& word) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "word", word);
    w.EndObject();
  });
}

ComposeRequest parse_compose_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "the body must be a JSON object");
  ObjectReader reader(doc);
  ComposeRequest request;
  request.template_id = reader.required_string("template", 64);
  request.segments = read_codes(reader, "segments", 64);
  request.languages = read_codes(reader, "languages", 8);
  if (request.segments.empty()) throw Error(ErrorCode::invalid_input, "choose at least one segment", "segments");
  if (request.languages.empty()) throw Error(ErrorCode::invalid_input, "choose at least one language", "languages");
  if (const auto* accounts = reader.optional_array("accounts")) {
    for (const auto& id : accounts->GetArray()) {
      if (!id.IsInt64() || id.GetInt64() < 1)
        throw Error(ErrorCode::invalid_input, "accounts holds account ids", "accounts");
      request.accounts.push_back(AccountId{id.GetInt64()});
    }
  }
  if (const auto* fields = reader.optional_object("fields")) {
    for (auto it = fields->MemberBegin(); it != fields->MemberEnd(); ++it) {
      if (!it->value.IsString()) {
        throw Error(ErrorCode::invalid_input, "field " + std::string(it->name.GetString()) + " must be text",
                    it->name.GetString());
      }
      request.fields.emplace(it->name.GetString(), it->value.GetString());
    }
  }
  reader.reject_unknown();
  return request;
}

std::string to_json(const ComposeRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "template", request.template_id);
    write_strings(w, "segments", request.segments);
    write_strings(w, "languages", request.languages);
    w.Key("accounts");
    w.StartArray();
    for (const auto& id : request.accounts) w.Int64(id.value);
    w.EndArray();
    w.Key("fields");
    w.StartObject();
    for (const auto& [name, value] : request.fields) write_string(w, name.c_str(), value);
    w.EndObject();
    w.EndObject();
  });
}

std::string to_json(const ComposeResponse& response) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("compositions");
    w.StartArray();
    for (const auto& c : response.compositions) {
      w.StartObject();
      write_string(w, "segment", c.segment);
      write_string(w, "language", c.language);
      write_string(w, "text", c.text);
      w.Key("variants");
      w.StartArray();
      for (const auto& v : c.variants) {
        w.StartObject();
        w.Key("account");
        w.Int64(v.account);
        write_string(w, "text", v.text);
        write_count_members(w, v.count);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

ComposeResponse parse_compose_response(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "a composition must be a JSON object");
  ObjectReader reader(doc);
  ComposeResponse response;
  if (const auto* list = reader.optional_array("compositions")) {
    for (const auto& item : list->GetArray()) {
      ObjectReader c(item, "compositions.");
      text::Composition composition;
      composition.segment = c.required_string("segment", 64);
      composition.language = c.required_string("language", 8);
      composition.text = c.required_string("text", kMaxTextCodePoints);
      if (const auto* variants = c.optional_array("variants")) {
        for (const auto& v : variants->GetArray()) {
          ObjectReader vr(v, "compositions.variants.");
          text::ComposedVariant variant;
          variant.account = vr.required_int("account", 1, kMaxId);
          variant.text = vr.required_string("text", kMaxTextCodePoints);
          variant.count = read_count(vr);
          composition.variants.push_back(std::move(variant));
        }
      }
      response.compositions.push_back(std::move(composition));
    }
  }
  return response;
}

}  // namespace kanal::wire
