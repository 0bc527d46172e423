// The schedule as iCalendar: posts' text goes into the summary and
// description. What Kanal writes must be a calendar a reader takes back
// with one event per post, every line folded within 75 octets and ending
// in CRLF, and the post's text as it was.
#include <libical/ical.h>

#include "core/utf8.h"
#include "fuzz_support.h"
#include "scheduling/icalendar.h"

using namespace kanal;

namespace {

void check_lines(const std::string& calendar) {
  std::size_t start = 0;
  while (start < calendar.size()) {
    const auto end = calendar.find("\r\n", start);
    if (end == std::string::npos) fuzz::broken("a line that does not end in CRLF");
    if (end - start > 75) fuzz::broken("a line longer than 75 octets");
    start = end + 2;
  }
}

// As RFC 5545 text can carry it: no control characters but tab and line
// feed, and (as libical reads it) no white space around it.
std::string as_read(std::string text) {
  std::erase_if(text, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t' && c != '\n') || byte == 0x7f;
  });
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::text_of(data, size);
  if (!utf8::is_valid(input) || input.find('\0') != std::string_view::npos) return 0;  // kanald stores only UTF-8 text
  const auto cut = input.find('\n');
  scheduling::CalendarEvent event;
  event.uid = "post-42@kanal";
  event.starts_at = from_unix_ms(1'796'000'000'000);
  event.summary = std::string(input.substr(0, cut));
  event.description = cut == std::string_view::npos ? std::string() : std::string(input.substr(cut + 1));
  event.category = "scheduled";
  fuzz::refused_or_read([&] {
    const auto calendar = scheduling::to_icalendar({event, event}, from_unix_ms(1'795'000'000'000));
    check_lines(calendar);
    icalcomponent* read = icalparser_parse_string(calendar.c_str());
    if (read == nullptr) fuzz::broken("the calendar does not read back");
    int events = 0;
    for (auto* vevent = icalcomponent_get_first_component(read, ICAL_VEVENT_COMPONENT); vevent != nullptr;
         vevent = icalcomponent_get_next_component(read, ICAL_VEVENT_COMPONENT)) {
      ++events;
      const char* read_summary = icalcomponent_get_summary(vevent);  // none when empty
      const char* read_description = icalcomponent_get_description(vevent);
      const auto summary = as_read(read_summary == nullptr ? "" : read_summary);
      const auto description = as_read(read_description == nullptr ? "" : read_description);
      if (as_read(event.summary) != summary || as_read(event.description) != description) {
        std::fprintf(stderr, "wrote \"%s\" / \"%s\", read \"%s\" / \"%s\"\n", event.summary.c_str(),
                     event.description.c_str(), summary.c_str(), description.c_str());
        icalcomponent_free(read);
        fuzz::broken("the summary or description does not read back as written");
      }
    }
    icalcomponent_free(read);
    if (events != 2) fuzz::broken("not one event per post");
  });
  return 0;
}
