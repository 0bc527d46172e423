// Templates: a workspace's catalog file, and the fields people fill in. A
// catalog that reads must render every template in each of its languages
// (or refuse the fields, typed), and compose for each segment.
#include "core/utf8.h"
#include "fuzz_support.h"
#include "text/templates.h"

using namespace kanal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [which, input] = fuzz::choose(data, size, 2);
  fuzz::refused_or_read([&, which = which, input = input] {
    if (which == 0) {
      const auto catalog = text::parse_catalog(input);
      for (const auto& tmpl : catalog.templates) {
        std::map<std::string, std::string> fields;
        for (const auto& field : tmpl.fields) {
          fields[field.name] = field.type == text::FieldType::date   ? "2027-03-25"
                               : field.type == text::FieldType::link ? "https://www.example.se/a"
                                                                     : "Kiruna";
        }
        for (const auto& [language, ignored] : tmpl.text) {
          fuzz::refused_or_read([&, language = language] {
            if (!utf8::is_valid(text::render(tmpl, language, fields))) fuzz::broken("a render is not UTF-8");
          });
        }
        std::vector<std::string> segments;
        for (const auto& segment : catalog.segments) segments.push_back(segment.id);
        fuzz::refused_or_read([&] { text::compose(catalog, tmpl, segments, {"sv", "en"}, fields, {}); });
      }
    } else {
      // The default catalog's templates with fields a person typed.
      const auto& catalog = text::default_catalog();
      const auto cut = input.find('\n');
      const std::string value(input.substr(0, cut));
      for (const auto& tmpl : catalog.templates) {
        std::map<std::string, std::string> fields;
        for (const auto& field : tmpl.fields) fields[field.name] = value;
        for (const auto& [language, ignored] : tmpl.text) {
          fuzz::refused_or_read([&, language = language] { text::render(tmpl, language, fields); });
        }
      }
      text::format_date(value, cut == std::string_view::npos ? "sv" : input.substr(cut + 1));
    }
  });
  return 0;
}
