// The JSON readers of /api/v1: every body kanald reads from a client, and
// every answer the app and kanalctl read from kanald. Bad JSON must end in a
// typed error; what a reader accepts, its writer (where there is one) must
// write so that reading and writing it again gives the same text.
#include <functional>
#include <string_view>
#include <vector>

#include "api/wire/account_ids.h"
#include "api/wire/analytics.h"
#include "api/wire/audit.h"
#include "api/wire/import_faults.h"
#include "api/wire/inbox.h"
#include "api/wire/messages.h"
#include "api/wire/networks.h"
#include "api/wire/press_contacts.h"
#include "api/wire/problem.h"
#include "api/wire/publishing.h"
#include "api/wire/reviews.h"
#include "api/wire/schedule.h"
#include "api/wire/text.h"
#include "api/wire/users.h"
#include "fuzz_support.h"

using namespace kanal;

namespace {

template <class Parse>
void check(std::string_view body, Parse parse) {
  const auto value = parse(body);
  if constexpr (requires { wire::to_json(value); }) {
    const auto written = wire::to_json(value);
    std::string again;
    try {
      again = wire::to_json(parse(written));
    } catch (const Error& e) {
      std::fprintf(stderr, "%s\n%s\n", written.c_str(), e.what());
      fuzz::broken("a reader refuses what its writer wrote");
    }
    if (again != written) {
      std::fprintf(stderr, "first:  %s\nsecond: %s\n", written.c_str(), again.c_str());
      fuzz::broken("written, read and written again is not the same text");
    }
  }
}

const std::vector<std::function<void(std::string_view)>> kReaders{
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_accounts(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_answer_check(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_answer_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_answer_result(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_approval(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_assign_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_audit_anchor(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_audit_check(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_audit_page(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_blackout_info(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_blackout_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_blackouts(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_calendar(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_collection_info(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_compose_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_compose_response(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_connect_choice(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_connect_completion(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_connect_progress(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_connect_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_connect_started(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_conversation(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_create_post(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_deliveries(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_delivery_decision(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_dictionary_word(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_grants(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_holidays(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_import_result(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_inbox_item(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_inbox_page(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_inbox_state_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_me(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_media_info(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_moderate_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_network_settings(b); }); },
    [](std::string_view body) {
      check(body, [](std::string_view b) { return wire::parse_network_settings_update(b); });
    },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_networks(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_new_user(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_notices(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_password(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_pause_info(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_pause_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_post(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_post_figures(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_post_list(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_press_contact(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_press_contact_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_press_contacts(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_press_import_result(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_publish_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_publishing_settings(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_publishing_status(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_queue(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_queue_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_queue_slots(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_report(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_report_settings(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_resumed(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_review_view(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_saved_replies(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_schedule_info(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_schedule_infos(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_schedule_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_series_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_server_info(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_session(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_sign_in(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_sync_result(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_text_check_request(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_text_check_response(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_update_post(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_user(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_user_changes(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_users(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_weekly_answer_times(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_word_lists(b); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_saved_reply(b, true); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_saved_reply(b, false); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_decision(b, true); }); },
    [](std::string_view body) { check(body, [](std::string_view b) { return wire::parse_decision(b, false); }); },
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [which, body] = fuzz::choose(data, size, kReaders.size());
  fuzz::refused_or_read([&, which = which, body = body] { kReaders[which](body); });
  return 0;
}
