#include "scheduling/icalendar.h"

#include <libical/ical.h>

#include <memory>

#include "core/error.h"

namespace kanal::scheduling {
namespace {

icaltimetype utc_time(Timestamp at) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(to_unix_ms(at) / 1000), 0, icaltimezone_get_utc_timezone());
}

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};

// RFC 5545 text carries no control characters but tab and line feed (which
// libical escapes); readers drop the others, so Kanal leaves them out.
std::string ical_text(const std::string& text) {
  std::string kept;
  kept.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n') || byte == 0x7f) continue;
    kept += c;
  }
  return kept;
}

}  // namespace

std::string to_icalendar(const std::vector<CalendarEvent>& events, Timestamp stamped_at) {
  std::unique_ptr<icalcomponent, ComponentFree> calendar(icalcomponent_vanew(
      ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"), icalproperty_new_prodid("-//Kanal//Schedule//EN"),
      icalproperty_new_calscale("GREGORIAN"), nullptr));
  if (!calendar) throw Error(ErrorCode::internal, "libical could not make a calendar");
  for (const auto& event : events) {
    icalcomponent* vevent = icalcomponent_new_vevent();
    icalcomponent_add_property(vevent, icalproperty_new_uid(event.uid.c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_dtstamp(utc_time(stamped_at)));
    icalcomponent_add_property(vevent, icalproperty_new_dtstart(utc_time(event.starts_at)));
    icalcomponent_add_property(vevent, icalproperty_new_dtend(utc_time(event.starts_at + event.length)));
    icalcomponent_add_property(vevent, icalproperty_new_summary(ical_text(event.summary).c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_description(ical_text(event.description).c_str()));
    if (!event.category.empty()) {
      icalcomponent_add_property(vevent, icalproperty_new_categories(event.category.c_str()));
    }
    icalcomponent_add_property(vevent, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));  // not busy time
    icalcomponent_add_component(calendar.get(), vevent);
  }
  // libical owns the returned buffer (its ring of temporary strings): copy it.
  const char* text = icalcomponent_as_ical_string(calendar.get());
  return text == nullptr ? std::string() : std::string(text);
}

}  // namespace kanal::scheduling
