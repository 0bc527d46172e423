#pragma once
// Templates with named fields and per-language text, audience segments with
// their language, tone, hashtags and reading target, and the composing of
// one template for several segments, languages and accounts into variants.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/network_count.h"
#include "text/readability.h"

namespace kanal::text {

enum class FieldType { text, date, link };

struct TemplateField {
  std::string name;
  FieldType type = FieldType::text;
  bool required = true;
  std::string label;
};

struct Template {
  std::string id;
  std::string name;
  std::vector<TemplateField> fields;
  std::map<std::string, std::string> text;  // language → text with {field}s
};

struct Segment {
  std::string id;
  std::string name;
  std::vector<std::string> languages;
  std::string tone;
  std::map<std::string, std::vector<std::string>> hashtags;  // language → tags without '#'
  ReadingTarget reading_target;
};

struct Catalog {
  std::vector<Template> templates;
  std::vector<Segment> segments;
  const Template* find_template(std::string_view id) const;
  const Segment* find_segment(std::string_view id) const;
};

// Reads a catalog (assets/text/templates.json's format); throws
// Error(invalid_input) naming what is wrong, and checks that every {field}
// a text uses is declared.
Catalog parse_catalog(std::string_view json_text);
// The catalog shipped with Kanal.
const Catalog& default_catalog();
std::string_view default_catalog_json();

// A template's text for a language with its fields filled in: dates written
// for the language, links checked. Throws Error(invalid_input) with the field
// as its field name: unknown field, missing required field, bad date or link,
// language the template has no text for.
std::string render(const Template& tmpl, std::string_view language, const std::map<std::string, std::string>& fields);

// "25 mars 2027", "25. marts 2027", "25 March 2027" … for a YYYY-MM-DD date.
std::string format_date(std::string_view iso_date, std::string_view language);

struct AccountTarget {
  std::int64_t account = 0;
  CountRules rules;
};

struct ComposedVariant {
  std::int64_t account = 0;
  std::string text;
  Count count;
};

struct Composition {
  std::string segment;
  std::string language;
  std::string text;  // the rendered template with the segment's hashtags
  std::vector<ComposedVariant> variants;
};

// The text a template gives for one segment and language (with the
// segment's hashtags), as compose() gives it. Throws Error(invalid_input)
// for an unknown template or segment, or fields the template refuses.
std::string composed_text(const Catalog& catalog, std::string_view template_id, std::string_view segment_id,
                          std::string_view language, const std::map<std::string, std::string>& fields);

// One composition per segment and language (the languages a segment does
// not speak are left out), each with a variant per account: the segment's
// hashtags go on where they fit the account's limit.
std::vector<Composition> compose(const Catalog& catalog, const Template& tmpl, const std::vector<std::string>& segments,
                                 const std::vector<std::string>& languages,
                                 const std::map<std::string, std::string>& fields,
                                 const std::vector<AccountTarget>& accounts);

}  // namespace kanal::text
