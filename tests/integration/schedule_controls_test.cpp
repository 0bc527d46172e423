// Scheduling over weeks and months in seconds: kanald runs on a test clock
// (--test-clock) that the test sets, and publishes to the real sandbox.
// A payment-day series for a year, a crisis pause and resume, catch-up
// after downtime, blackout windows, queue slots, CSV import and the
// iCalendar export (parsed back with libical).

#include <libical/ical.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include "api/client/api_client.h"
#include "core/error.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/eventually.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/template_post.h"

using namespace kanal;
using namespace std::chrono_literals;
using test::error_code_of;

namespace {

constexpr const char* kStockholm = "Europe/Stockholm";

Timestamp utc(const std::string& text) {
  const auto at = parse_iso8601(text);
  REQUIRE(at);
  return *at;
}

int statuses(test::SandboxProcess& sandbox) { return static_cast<int>(sandbox.statuses().Size()); }

int published_deliveries(client::ApiClient& api, PostId post) {
  int published = 0;
  for (const auto& delivery : api.deliveries(post).get()) published += delivery.state == "published" ? 1 : 0;
  return published;
}

struct ClockedKanald {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald{{"--test-clock"}};
  client::ApiClient api{kanald.endpoint(), 4};
  Account account = test::connect_sandbox_account(api, sandbox);

  void set_clock(Timestamp now) { api.set_test_clock(now).get(); }
};

}  // namespace

TEST_CASE("a payment-day reminder for next year goes out once on each Swedish working day, and a pause holds it") {
  ClockedKanald k;
  auto& api = k.api;
  k.set_clock(utc("2026-12-31T12:00:00Z"));

  const auto reminder = test::create_template_post(api);
  const auto series =
      api.schedule_series(
             reminder.id,
             {{k.account.id}, "payment_day", "", 25, "09:00", kStockholm, "se", "2027-01-01", "2027-12-31"})
          .get();
  // Day 25, or the working day before: Sundays and Saturdays, midsummer eve
  // (Friday 25 June) and Christmas (Saturday 25, Christmas Eve on the Friday).
  const std::vector<std::string> expected{"2027-01-25T09:00", "2027-02-25T09:00", "2027-03-25T09:00",
                                          "2027-04-23T09:00", "2027-05-25T09:00", "2027-06-24T09:00",
                                          "2027-07-23T09:00", "2027-08-25T09:00", "2027-09-24T09:00",
                                          "2027-10-25T09:00", "2027-11-25T09:00", "2027-12-23T09:00"};
  REQUIRE(series.size() == expected.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    CHECK(series[i].at == expected[i]);
    CHECK(series[i].zone == kStockholm);
    CHECK(series[i].approval_note.empty());  // an unchanged template: routine
    CHECK_THAT(series[i].series, Catch::Contains("payment day 25 (se)"));
  }
  CHECK(series.front().post == reminder.id);
  // 09:00 in Stockholm is 08:00 UTC in winter and 07:00 UTC in summer.
  CHECK(series[0].due_at == utc("2027-01-25T08:00:00Z"));
  CHECK(series[5].due_at == utc("2027-06-24T07:00:00Z"));
  CHECK(api.calendar(utc("2027-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")).get().size() == 12);

  for (std::size_t i = 0; i < series.size(); ++i) {
    const int before = static_cast<int>(i);
    if (i == 6) {
      // A crisis: everything stops, on record and in every desktop's banner.
      const auto pause = api.pause({"The payment system is down", {}}).get();
      CHECK(pause.quiet);
      const auto status = api.publishing_status().get();
      REQUIRE(status.pauses.size() == 1);
      CHECK(status.pauses.front().reason == "The payment system is down");
      CHECK(error_code_of([&] { api.publish(test::create_template_post(api).id, {{k.account.id}}).get(); }) ==
            ErrorCode::held_back);
      k.set_clock(series[i].due_at + 1s);
      std::this_thread::sleep_for(1500ms);
      CHECK(statuses(k.sandbox) == before);
      // Resuming sends nothing by itself: what fell due is held for a person.
      const auto resumed = api.resume(pause.id).get();
      REQUIRE(resumed.overdue.size() == 1);
      CHECK(resumed.overdue.front().post == series[i].post);
      CHECK(api.schedule_of(series[i].post).get().state == "held");
      std::this_thread::sleep_for(1s);
      CHECK(statuses(k.sandbox) == before);
      api.publish(series[i].post, {{k.account.id}}).get();  // "Publish now"
    } else {
      k.set_clock(series[i].due_at - 3s);
      std::this_thread::sleep_for(600ms);
      CHECK(statuses(k.sandbox) == before);  // never early
      k.set_clock(series[i].due_at);
    }
    REQUIRE(test::eventually([&] { return statuses(k.sandbox) == before + 1; }, 10s));
  }
  std::this_thread::sleep_for(1s);
  CHECK(statuses(k.sandbox) == 12);
  for (const auto& occurrence : series) {
    CHECK(test::eventually([&] { return published_deliveries(api, occurrence.post) == 1; }, 10s));
  }
  CHECK(api.audit("action=publishing.").get().events.size() == 2);  // the pause and the resume
  CHECK(api.verify_audit().get().intact);
}

TEST_CASE("after downtime a post later than the catch-up setting is held, a slightly late one goes") {
  ClockedKanald k;
  auto& api = k.api;
  CHECK(api.publishing_settings().get().catch_up_minutes == 15);
  api.set_publishing_settings({10}).get();
  k.set_clock(utc("2027-02-01T10:00:00Z"));  // 11:00 in Stockholm
  const auto long_late = test::create_template_post(api);
  const auto little_late = test::create_template_post(api);
  api.schedule_post(long_late.id, {{k.account.id}, "2027-02-01T11:30", kStockholm}).get();
  api.schedule_post(little_late.id, {{k.account.id}, "2027-02-01T11:45", kStockholm}).get();

  // kanald is down over both times; it comes back at 11:50.
  REQUIRE(k.kanald.stop() == 0);
  k.kanald.start();
  k.set_clock(utc("2027-02-01T10:50:00Z"));
  REQUIRE(test::eventually([&] { return api.schedule_of(long_late.id).get().state == "held"; }, 10s));
  CHECK_THAT(api.schedule_of(long_late.id).get().reason, Catch::Contains("20 minutes ago"));
  REQUIRE(test::eventually([&] { return statuses(k.sandbox) == 1; }, 10s));
  // kanald records the network's answer a moment after the network has the post.
  CHECK(test::eventually([&] { return published_deliveries(api, little_late.id) == 1; }, 10s));
  CHECK(api.publishing_status().get().held.size() == 1);

  api.publish(long_late.id, {{k.account.id}}).get();
  REQUIRE(test::eventually([&] { return statuses(k.sandbox) == 2; }, 10s));
  CHECK(api.publishing_status().get().held.empty());
}

TEST_CASE("a blackout window warns when scheduling into it, holds what falls due in it and refuses publishing now") {
  ClockedKanald k;
  auto& api = k.api;
  k.set_clock(utc("2027-08-30T10:00:00Z"));
  const auto blackout =
      api.add_blackout({"Valrörelse", "2027-09-01T00:00", "2027-09-13T00:00", kStockholm, {k.account.id}}).get();
  CHECK(blackout.starts_at == utc("2027-08-31T22:00:00Z"));

  const auto post = test::create_template_post(api);
  const auto scheduled = api.schedule_post(post.id, {{k.account.id}, "2027-09-05T10:00", kStockholm}).get();
  CHECK_THAT(scheduled.blackout_note, Catch::Contains("Valrörelse"));

  k.set_clock(utc("2027-09-02T10:00:00Z"));
  CHECK(error_code_of([&] { api.publish(test::create_template_post(api).id, {{k.account.id}}).get(); }) ==
        ErrorCode::held_back);
  k.set_clock(utc("2027-09-05T08:00:01Z"));
  REQUIRE(test::eventually([&] { return api.schedule_of(post.id).get().state == "held"; }, 10s));
  CHECK_THAT(api.schedule_of(post.id).get().reason, Catch::Contains("Valrörelse"));
  CHECK(statuses(k.sandbox) == 0);

  api.remove_blackout(blackout.id).get();
  api.publish(post.id, {{k.account.id}}).get();
  REQUIRE(test::eventually([&] { return statuses(k.sandbox) == 1; }, 10s));
  CHECK(error_code_of([&] {
          api.add_blackout({"Backwards", "2027-09-13T00:00", "2027-09-01T00:00", kStockholm, {}}).get();
        }) == ErrorCode::invalid_input);
}

TEST_CASE("add to queue takes the account's next free slot, on the slot's own clock") {
  ClockedKanald k;
  auto& api = k.api;
  api.set_queue_slots(k.account.id, {{"mon 09:00", "wed 12:30"}, "Europe/Oslo"}).get();
  CHECK(api.queue_slots(k.account.id).get().slots == std::vector<std::string>{"mon 09:00", "wed 12:30"});
  k.set_clock(utc("2027-03-22T07:00:00Z"));  // Monday 08:00 in Oslo
  std::vector<std::string> taken;
  for (int i = 0; i < 3; ++i) {
    const auto post = test::create_template_post(api);
    taken.push_back(api.add_to_queue(post.id, {k.account.id}).get().at);
  }
  // Summer time starts on Sunday 28 March: the slot stays at 09:00 in Oslo.
  CHECK(taken == std::vector<std::string>{"2027-03-22T09:00", "2027-03-24T12:30", "2027-03-29T09:00"});
  CHECK(error_code_of([&] {
          api.set_queue_slots(k.account.id, {{"monday 9"}, "Europe/Oslo"}).get();
        }) == ErrorCode::invalid_input);
}

TEST_CASE("a CSV import is refused whole with every fault by line and column, or scheduled whole") {
  ClockedKanald k;
  auto& api = k.api;
  k.set_clock(utc("2027-01-10T10:00:00Z"));
  const auto account = std::to_string(k.account.id.value);
  const auto faulty = api.import_schedule(
                             "date,time,zone,accounts,text\n"
                             "2027-02-01,9.00,Europe/Stockholm," +
                             account +
                             ",Office closed\n"
                             "2027-02-02,09:00,Europe/Stockholm,nobody,Office closed\n"
                             "2027-02-03,09:00,Europe/Atlantis," +
                             account +
                             ",Office closed\n"
                             "2027-02-04,09:00,Europe/Stockholm," +
                             account + ",\"A fine row, with a comma\"\n")
                          .get();
  REQUIRE(faulty.faults.size() == 3);
  CHECK(faulty.faults[0].line == 2);
  CHECK(faulty.faults[0].column == "time");
  CHECK(faulty.faults[1].line == 3);
  CHECK(faulty.faults[1].column == "accounts");
  CHECK(faulty.faults[2].line == 4);
  CHECK(faulty.faults[2].column == "zone");
  CHECK(faulty.imported.empty());
  CHECK(api.calendar(utc("2027-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")).get().empty());

  const auto imported = api.import_schedule(
                               "date;time;zone;accounts;template;segment;language;field:benefit;"
                               "field:payment_date;field:link\n"
                               "2027-02-24;08:30;Europe/Stockholm;" +
                               account +
                               ";payment_date_reminder;families;sv;Barnbidraget;2027-02-25;"
                               "https://example.se/bb\n"
                               "2027-03-24;08:30;Europe/Stockholm;" +
                               account +
                               ";payment_date_reminder;families;sv;Barnbidraget;2027-03-25;"
                               "https://example.se/bb\n")
                            .get();
  REQUIRE(imported.faults.empty());
  REQUIRE(imported.imported.size() == 2);
  CHECK(imported.imported[0].approval_note.empty());  // composed from the template: routine
  CHECK(imported.imported[1].at == "2027-03-24T08:30");

  // The iCalendar export, read back by libical.
  const auto ics = api.schedule_ical(utc("2027-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")).get();
  icalcomponent* calendar = icalparser_parse_string(ics.c_str());
  REQUIRE(calendar != nullptr);
  CHECK(icalcomponent_isa(calendar) == ICAL_VCALENDAR_COMPONENT);
  CHECK(icalrestriction_check(calendar) == 1);
  std::vector<std::string> uids;
  std::vector<std::int64_t> starts;
  for (auto* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event != nullptr;
       event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    uids.emplace_back(icalcomponent_get_uid(event));
    starts.push_back(static_cast<std::int64_t>(icaltime_as_timet(icalcomponent_get_dtstart(event))));
    CHECK_THAT(std::string(icalcomponent_get_summary(event)), Catch::Contains("Barnbidraget"));
  }
  icalcomponent_free(calendar);
  CHECK(uids == std::vector<std::string>{"post-" + std::to_string(imported.imported[0].post.value) + "@kanal",
                                         "post-" + std::to_string(imported.imported[1].post.value) + "@kanal"});
  CHECK(starts == std::vector<std::int64_t>{to_unix_ms(utc("2027-02-24T07:30:00Z")) / 1000,
                                            to_unix_ms(utc("2027-03-24T07:30:00Z")) / 1000});
}

TEST_CASE("a pause during a burst: once it is acknowledged nothing more reaches the network") {
  constexpr int kAccounts = 5;
  constexpr int kPosts = 40;
  test::SandboxProcess sandbox({"--accounts", std::to_string(kAccounts), "--auto-approve"});
  test::KanaldProcess kanald({"--test-clock"});
  client::ApiClient api(kanald.endpoint(), 4);
  const auto accounts = test::connect_all_sandbox_accounts(api, sandbox, kAccounts);
  std::vector<AccountId> to_all;
  for (const auto& account : accounts) to_all.push_back(account.id);
  sandbox.set_latency(300ms);

  api.set_test_clock(utc("2027-04-01T05:00:00Z")).get();
  std::vector<PostId> posts;
  for (int i = 0; i < kPosts; ++i) {
    const auto post = test::create_template_post(api);
    api.schedule_post(post.id, {to_all, "2027-04-01T08:00", kStockholm}).get();
    posts.push_back(post.id);
  }
  api.set_test_clock(utc("2027-04-01T06:00:00Z")).get();  // all due at once
  REQUIRE(test::eventually([&] { return statuses(sandbox) >= 20; }, 20s));
  const auto pause = api.pause({"National day of mourning", {}}).get();
  REQUIRE(pause.quiet);
  const int at_pause = statuses(sandbox);
  CHECK(at_pause < kPosts * kAccounts);
  std::this_thread::sleep_for(2s);
  CHECK(statuses(sandbox) == at_pause);

  // Resume: posts nothing was sent for are held for a person; the rest finish.
  const auto resumed = api.resume(pause.id).get();
  CHECK(!resumed.overdue.empty());
  for (const auto& held : resumed.overdue) api.publish(held.post, {to_all}).get();
  const int total = kPosts * kAccounts;
  REQUIRE(test::eventually([&] { return statuses(sandbox) >= total; }, 60s));
  std::this_thread::sleep_for(1s);
  CHECK(statuses(sandbox) == total);  // each post on each account exactly once
  for (const auto id : posts) CHECK(test::eventually([&] { return published_deliveries(api, id) == kAccounts; }, 10s));
}

TEST_CASE("the workspace's own holiday calendar moves the payment day, and a wrong line in it is refused") {
  ClockedKanald k;
  auto& api = k.api;
  k.set_clock(utc("2026-12-01T10:00:00Z"));
  CHECK(api.holidays("se", "2027-01-01", "2027-01-31").get().size() == 2);  // built in: 1 and 6 January

  // An admin's copy adds a local day off on Monday 25 January.
  const auto calendars = k.kanald.data_dir() / "calendars";
  std::filesystem::create_directories(calendars);
  std::ofstream(calendars / "se.txt") << "01-01 Nyårsdagen\n01-06 Trettondedag jul\n01-25 Lokal helgdag\n";
  const auto holidays = api.holidays("se", "2027-01-01", "2027-01-31").get();
  REQUIRE(holidays.size() == 3);
  CHECK(holidays.back().day == "2027-01-25");
  CHECK(holidays.back().name == "Lokal helgdag");
  const auto post = test::create_template_post(api);
  const auto series =
      api.schedule_series(
             post.id, {{k.account.id}, "payment_day", "", 25, "09:00", kStockholm, "se", "2027-01-01", "2027-01-31"})
          .get();
  REQUIRE(series.size() == 1);
  CHECK(series.front().at == "2027-01-22T09:00");  // the Friday before

  std::ofstream(calendars / "se.txt") << "01-01 Nyårsdagen\n13-45 Nonsense\n";
  try {
    api.holidays("se", "2027-01-01", "2027-01-31").get();
    FAIL("a wrong calendar was read");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.detail(), Catch::Contains("se.txt") && Catch::Contains("line 2"));
  }
}
