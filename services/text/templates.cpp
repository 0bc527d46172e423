#include "text/templates.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>

#include <unicode/datefmt.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "text/twitter_text.h"
#include "text/unicode_text.h"

extern const std::string_view kanal_text_templates;

namespace kanal::text {
namespace {

constexpr std::size_t kMaxFieldValue = 2000;

std::string string_member(const rapidjson::Value& object, const char* name, const std::string& where,
                          bool required = true) {
  if (!object.HasMember(name) || !object[name].IsString()) {
    if (!required) return {};
    throw Error(ErrorCode::invalid_input, where + " needs a text \"" + name + "\"");
  }
  return object[name].GetString();
}

const rapidjson::Value& array_member(const rapidjson::Value& object, const char* name, const std::string& where) {
  if (!object.HasMember(name) || !object[name].IsArray()) {
    throw Error(ErrorCode::invalid_input, where + " needs a list \"" + name + "\"");
  }
  return object[name];
}

// The {names} a text uses.
std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace_back(text.substr(open + 1, close - open - 1));
  }
  return names;
}

Template read_template(const rapidjson::Value& value) {
  if (!value.IsObject()) throw Error(ErrorCode::invalid_input, "each template must be an object");
  Template t;
  t.id = string_member(value, "id", "a template");
  const std::string where = "template \"" + t.id + "\"";
  t.name = string_member(value, "name", where);
  for (const auto& f : array_member(value, "fields", where).GetArray()) {
    TemplateField field;
    field.name = string_member(f, "name", where + "'s field");
    const std::string type = string_member(f, "type", where + "'s field " + field.name);
    if (type == "date") {
      field.type = FieldType::date;
    } else if (type == "link") {
      field.type = FieldType::link;
    } else if (type != "text") {
      throw Error(ErrorCode::invalid_input, where + "'s field " + field.name + " has an unknown type \"" + type + "\"");
    }
    field.required = !f.HasMember("required") || !f["required"].IsBool() || f["required"].GetBool();
    field.label = string_member(f, "label", where, false);
    if (field.label.empty()) field.label = field.name;
    t.fields.push_back(std::move(field));
  }
  if (!value.HasMember("text") || !value["text"].IsObject()) {
    throw Error(ErrorCode::invalid_input, where + " needs \"text\" per language");
  }
  for (auto it = value["text"].MemberBegin(); it != value["text"].MemberEnd(); ++it) {
    if (!it->value.IsString()) throw Error(ErrorCode::invalid_input, where + "'s text must be strings");
    const std::string text = it->value.GetString();
    for (const auto& name : placeholders(text)) {
      if (std::none_of(t.fields.begin(), t.fields.end(), [&](const TemplateField& f) { return f.name == name; })) {
        throw Error(ErrorCode::invalid_input,
                    where + "'s " + it->name.GetString() + " text uses {" + name + "}, which is not one of its fields");
      }
    }
    t.text.emplace(it->name.GetString(), text);
  }
  return t;
}

Segment read_segment(const rapidjson::Value& value) {
  if (!value.IsObject()) throw Error(ErrorCode::invalid_input, "each segment must be an object");
  Segment s;
  s.id = string_member(value, "id", "a segment");
  const std::string where = "segment \"" + s.id + "\"";
  s.name = string_member(value, "name", where);
  s.tone = string_member(value, "tone", where, false);
  for (const auto& language : array_member(value, "languages", where).GetArray()) {
    if (!language.IsString()) throw Error(ErrorCode::invalid_input, where + "'s languages must be codes");
    s.languages.emplace_back(language.GetString());
  }
  if (value.HasMember("hashtags") && value["hashtags"].IsObject()) {
    for (auto it = value["hashtags"].MemberBegin(); it != value["hashtags"].MemberEnd(); ++it) {
      if (!it->value.IsArray()) throw Error(ErrorCode::invalid_input, where + "'s hashtags must be lists");
      auto& tags = s.hashtags[it->name.GetString()];
      for (const auto& tag : it->value.GetArray()) {
        if (tag.IsString()) tags.emplace_back(tag.GetString());
      }
    }
  }
  if (value.HasMember("reading_target") && value["reading_target"].IsObject()) {
    const auto& target = value["reading_target"];
    if (target.HasMember("lix_max") && target["lix_max"].IsNumber())
      s.reading_target.lix_max = target["lix_max"].GetDouble();
    if (target.HasMember("flesch_min") && target["flesch_min"].IsNumber()) {
      s.reading_target.flesch_min = target["flesch_min"].GetDouble();
    }
  }
  return s;
}

std::string locale_for(std::string_view language) {
  if (language == "en") return "en_GB";
  if (language == "nb" || language == "no") return "nb_NO";
  return std::string(language);
}

bool is_http_link(const std::string& value) {
  const icu::UnicodeString url = to_unicode(value, "link");
  return twitter::is_valid_url(url) && twitter::extract_urls(url).size() == 1;
}

// The segment's hashtags for the language, on a line of their own.
std::string with_hashtags(const std::string& text, const Segment& segment, std::string_view language) {
  std::string tags;
  if (const auto it = segment.hashtags.find(std::string(language)); it != segment.hashtags.end()) {
    for (const auto& tag : it->second) tags += " #" + tag;
  }
  return tags.empty() ? text : text + "\n" + tags.substr(1);
}

}  // namespace

const Template* Catalog::find_template(std::string_view id) const {
  const auto it = std::find_if(templates.begin(), templates.end(), [&](const Template& t) { return t.id == id; });
  return it == templates.end() ? nullptr : &*it;
}

const Segment* Catalog::find_segment(std::string_view id) const {
  const auto it = std::find_if(segments.begin(), segments.end(), [&](const Segment& s) { return s.id == id; });
  return it == segments.end() ? nullptr : &*it;
}

Catalog parse_catalog(std::string_view json_text) {
  const rapidjson::Document doc = json::parse_json(json_text);
  if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "a template catalog must be a JSON object");
  Catalog catalog;
  for (const auto& t : array_member(doc, "templates", "the catalog").GetArray())
    catalog.templates.push_back(read_template(t));
  for (const auto& s : array_member(doc, "segments", "the catalog").GetArray())
    catalog.segments.push_back(read_segment(s));
  std::set<std::string> ids;
  for (const auto& t : catalog.templates) {
    if (!ids.insert("t:" + t.id).second) throw Error(ErrorCode::invalid_input, "two templates are called " + t.id);
  }
  for (const auto& s : catalog.segments) {
    if (!ids.insert("s:" + s.id).second) throw Error(ErrorCode::invalid_input, "two segments are called " + s.id);
  }
  return catalog;
}

std::string_view default_catalog_json() { return kanal_text_templates; }

const Catalog& default_catalog() {
  static const Catalog catalog = parse_catalog(kanal_text_templates);
  return catalog;
}

std::string format_date(std::string_view iso_date, std::string_view language) {
  int year = 0;
  int month = 0;
  int day = 0;
  char tail = 0;
  const std::string text(iso_date);
  if (iso_date.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      month < 1 || month > 12 || day < 1 || day > 31) {
    throw Error(ErrorCode::invalid_input, "a date is written YYYY-MM-DD (got \"" + text + "\")");
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale(locale_for(language).c_str());
  icu::GregorianCalendar calendar(icu::TimeZone::getGMT()->clone(), locale, status);
  calendar.setLenient(false);
  calendar.set(year, month - 1, day);
  const UDate when = calendar.getTime(status);
  if (U_FAILURE(status)) throw Error(ErrorCode::invalid_input, "there is no such day as " + text);
  std::unique_ptr<icu::DateFormat> format(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  if (!format) throw Error(ErrorCode::internal, "ICU has no date format for " + std::string(language));
  format->setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString written;
  format->format(when, written);
  return to_utf8(written);
}

std::string render(const Template& tmpl, std::string_view language, const std::map<std::string, std::string>& fields) {
  const auto text = tmpl.text.find(std::string(language));
  if (text == tmpl.text.end()) {
    throw Error(ErrorCode::invalid_input, "the template \"" + tmpl.name + "\" has no text in " + std::string(language),
                "language");
  }
  for (const auto& field : fields) {
    const auto& name = field.first;  // not a structured binding: clang 14 cannot capture one
    if (std::none_of(tmpl.fields.begin(), tmpl.fields.end(), [&](const TemplateField& f) { return f.name == name; })) {
      throw Error(ErrorCode::invalid_input, "the template \"" + tmpl.name + "\" has no field " + name, name);
    }
  }
  std::map<std::string, std::string> written;
  for (const auto& field : tmpl.fields) {
    const auto given = fields.find(field.name);
    const std::string value = given == fields.end() ? std::string() : given->second;
    if (value.empty()) {
      if (field.required) throw Error(ErrorCode::invalid_input, field.label + " is required", field.name);
      written[field.name] = "";
      continue;
    }
    if (!utf8::is_valid(value) || utf8::code_points(value).value_or(0) > kMaxFieldValue) {
      throw Error(ErrorCode::invalid_input, field.label + " must be valid text of at most 2,000 characters",
                  field.name);
    }
    switch (field.type) {
      case FieldType::date: try { written[field.name] = format_date(value, language);
        } catch (const Error& e) {
          throw Error(ErrorCode::invalid_input, field.label + ": " + e.detail(), field.name);
        }
        break;
      case FieldType::link:
        if (!is_http_link(value)) {
          throw Error(ErrorCode::invalid_input, field.label + " must be a web address (https://…)", field.name);
        }
        written[field.name] = value;
        break;
      case FieldType::text: written[field.name] = value; break;
    }
  }
  std::string out;
  const std::string& source = text->second;
  std::size_t at = 0;
  while (at < source.size()) {
    const std::size_t open = source.find('{', at);
    const std::size_t close = open == std::string::npos ? open : source.find('}', open);
    if (close == std::string::npos) {
      out += source.substr(at);
      break;
    }
    out += source.substr(at, open - at);
    out += written[source.substr(open + 1, close - open - 1)];
    at = close + 1;
  }
  // An optional field left empty must not leave a dangling space.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string composed_text(const Catalog& catalog, std::string_view template_id, std::string_view segment_id,
                          std::string_view language, const std::map<std::string, std::string>& fields) {
  const Template* tmpl = catalog.find_template(template_id);
  if (tmpl == nullptr)
    throw Error(ErrorCode::invalid_input, "no template \"" + std::string(template_id) + "\"", "template");
  const Segment* segment = catalog.find_segment(segment_id);
  if (segment == nullptr)
    throw Error(ErrorCode::invalid_input, "no segment \"" + std::string(segment_id) + "\"", "segment");
  return with_hashtags(render(*tmpl, language, fields), *segment, language);
}

std::vector<Composition> compose(const Catalog& catalog, const Template& tmpl, const std::vector<std::string>& segments,
                                 const std::vector<std::string>& languages,
                                 const std::map<std::string, std::string>& fields,
                                 const std::vector<AccountTarget>& accounts) {
  std::vector<Composition> out;
  for (const auto& segment_id : segments) {
    const Segment* segment = catalog.find_segment(segment_id);
    if (segment == nullptr) throw Error(ErrorCode::invalid_input, "no segment \"" + segment_id + "\"", "segments");
    for (const auto& language : languages) {
      if (std::find(segment->languages.begin(), segment->languages.end(), language) == segment->languages.end()) {
        continue;
      }
      Composition composition{segment->id, language, render(tmpl, language, fields), {}};
      const std::string tagged = with_hashtags(composition.text, *segment, language);
      for (const auto& account : accounts) {
        Count with_tags = count_text(tagged, account.rules);
        if (with_tags.valid) {
          composition.variants.push_back({account.account, tagged, std::move(with_tags)});
        } else {
          composition.variants.push_back(
              {account.account, composition.text, count_text(composition.text, account.rules)});
        }
      }
      composition.text = tagged;
      out.push_back(std::move(composition));
    }
  }
  return out;
}

}  // namespace kanal::text
