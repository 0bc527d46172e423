// Signing in with a password: sessions that end, guessing slowed down and
// locked, an admin's reset, disabled users, and the last admin kept.

#include <catch2/catch.hpp>

#include <thread>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "core/error.h"
#include "store/database.h"
#include "support/errors.h"
#include "support/kanald_process.h"
#include "support/team.h"

using namespace kanal;
using test::error_code_of;

namespace {

std::vector<std::string> actions(client::ApiClient& api, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& event : api.audit("action=" + prefix + "&limit=100").get().events) out.push_back(event.action);
  return out;
}

}  // namespace

TEST_CASE("wrong passwords lock a login at once with Retry-After, until an admin resets the password") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  auto& admin = team.admin();
  team.add("olle", Role::officer);

  for (int attempt = 1; attempt <= 4; ++attempt) {
    CHECK(error_code_of([&] { admin.sign_in("olle", "guess number " + std::to_string(attempt)).get(); }) ==
          ErrorCode::unauthorized);
  }
  CHECK(error_code_of([&] { admin.sign_in("olle", "guess number 5").get(); }) == ErrorCode::too_many_attempts);
  // Locked: even the right password is refused now, before any password is checked, saying when to come back.
  for (int attempt = 0; attempt < 3; ++attempt) {
    CHECK(error_code_of([&] { admin.sign_in("olle", test::Team::password_of("olle")).get(); }) ==
          ErrorCode::too_many_attempts);
  }
  client::HttpRequest raw;
  raw.method = "POST";
  raw.url = kanald.endpoint().url + "/api/v1/sessions";
  raw.headers["Content-Type"] = "application/json";
  raw.body = R"({"login":"olle","password":"one more"})";
  const auto locked = client::perform(raw);
  CHECK(locked.status == 429);
  REQUIRE(locked.headers.count("retry-after") == 1);
  CHECK(std::stoi(locked.headers.at("retry-after")) > 0);
  CHECK(std::stoi(locked.headers.at("retry-after")) <= 15 * 60);
  // An unknown login gets the same answer as a wrong password.
  try {
    admin.sign_in("nobody", "whatever it is").get();
    FAIL("an unknown login signed in");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::unauthorized);
    CHECK(e.detail() == "wrong login or password");
  }

  admin.reset_password(team.user("olle").id, "a new long password").get();
  const auto session = admin.sign_in("olle", "a new long password").get();
  CHECK(session.user.role == Role::officer);
  // The old session ended with the reset.
  CHECK(error_code_of([&] { team["olle"].me().get(); }) == ErrorCode::unauthorized);
  CHECK(error_code_of([&] { admin.reset_password(team.user("olle").id, "short").get(); }) == ErrorCode::invalid_input);

  const auto trail = actions(admin, "session.");
  // Olle's five failures and the first refusal of the lock; the unknown login is on no record.
  CHECK(std::count(trail.begin(), trail.end(), "session.sign_in_failed") == 5);
  CHECK(std::count(trail.begin(), trail.end(), "session.sign_in_refused") == 1);
  CHECK(std::count(trail.begin(), trail.end(), "session.sign_in") == 2);
  CHECK(actions(admin, "user.password_reset").size() == 1);
  CHECK(admin.verify_audit().get().intact);
}

TEST_CASE("failures are forgiven as time passes, and a lock ends by itself") {
  test::KanaldProcess kanald({"--test-clock"});
  test::Team team(kanald);
  auto& admin = team.admin();
  team.add("olle", Role::officer);
  const auto guess = [&] { return error_code_of([&] { admin.sign_in("olle", "a guess").get(); }); };
  for (int attempt = 0; attempt < 4; ++attempt) CHECK(guess() == ErrorCode::unauthorized);
  // One failure is forgiven every three minutes: seven minutes later two are.
  admin.set_test_clock(SystemClock{}.now() + std::chrono::minutes(7)).get();
  CHECK(guess() == ErrorCode::unauthorized);       // 3 counted
  CHECK(guess() == ErrorCode::unauthorized);       // 4
  CHECK(guess() == ErrorCode::too_many_attempts);  // 5: locked for a quarter of an hour
  CHECK(error_code_of([&] { admin.sign_in("olle", test::Team::password_of("olle")).get(); }) ==
        ErrorCode::too_many_attempts);
  admin.set_test_clock(SystemClock{}.now() + std::chrono::minutes(23)).get();
  CHECK(admin.sign_in("olle", test::Team::password_of("olle")).get().user.login == "olle");
}

TEST_CASE("guessing at logins that do not exist grows neither the trail nor the table of failures") {
  test::KanaldProcess kanald({"--test-clock"});
  test::Team team(kanald);
  auto& admin = team.admin();
  const auto events_before = admin.audit("limit=1000").get().events.size();
  const auto guess = [&](const std::string& login) {
    CHECK(error_code_of([&] { admin.sign_in(login, "x").get(); }) == ErrorCode::unauthorized);
  };
  for (int i = 0; i < 40; ++i) guess("guess-" + std::to_string(i) + "@example.org");
  CHECK(admin.audit("limit=1000").get().events.size() == events_before);
  const auto rows = [&] {
    std::vector<std::string> keys;
    kanald.database().open()->transact([&](Poco::Data::Session& s) {
      s << "SELECT login FROM sign_in_failures", Poco::Data::Keywords::into(keys), Poco::Data::Keywords::now;
      return 0;
    });
    return keys;
  };
  const auto kept = rows();
  CHECK(kept.size() == 40);
  for (const auto& key : kept) {
    INFO(key);
    CHECK(key.size() == 32);  // a keyed hash: no guessed login is kept, nor is it told apart from a user's
    CHECK(key.find("guess") == std::string::npos);
  }
  // Once their failures are forgiven, the rows go with the next failure.
  admin.set_test_clock(SystemClock{}.now() + std::chrono::minutes(16)).get();
  guess("one more guess");
  CHECK(rows().size() == 1);
}

TEST_CASE("guesses made at the same time all count") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  team.add("olle", Role::officer);
  std::vector<std::thread> guessers;
  for (int i = 0; i < 6; ++i) {
    guessers.emplace_back([&, i] {
      client::ApiClient api(kanald.endpoint(), 1);
      try {
        api.sign_in("olle", "parallel guess " + std::to_string(i)).get();
      } catch (const Error&) {
        // refused, as it should be
      }
    });
  }
  for (auto& guesser : guessers) guesser.join();
  CHECK(error_code_of([&] { team.admin().sign_in("olle", test::Team::password_of("olle")).get(); }) ==
        ErrorCode::too_many_attempts);
}

TEST_CASE("sessions end, disabled users are out, and the workspace keeps an admin") {
  test::KanaldProcess kanald({"--session-lifetime-s", "2"});
  test::Team team(kanald);
  auto& admin = team.admin();
  auto& officer = team.add("olle", Role::officer);
  CHECK(officer.me().get().user.login == "olle");
  CHECK(officer.me().get().permissions == std::vector<std::string>{"read", "draft", "publish"});
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK(error_code_of([&] { officer.me().get(); }) == ErrorCode::unauthorized);

  auto& manager = team.add("maja", Role::line_manager);
  admin.update_user(team.user("maja").id, wire::UserChanges{std::nullopt, std::nullopt, true}).get();
  CHECK(error_code_of([&] { manager.me().get(); }) == ErrorCode::unauthorized);
  CHECK(error_code_of([&] { admin.sign_in("maja", test::Team::password_of("maja")).get(); }) ==
        ErrorCode::unauthorized);

  // A role change is on record; the last admin cannot step down.
  admin.update_user(team.user("olle").id, wire::UserChanges{std::nullopt, Role::line_manager, std::nullopt}).get();
  const auto me = admin.me().get();
  CHECK(me.workspace_owner);
  CHECK(error_code_of([&] {
          admin.update_user(me.user.id, wire::UserChanges{std::nullopt, Role::officer, std::nullopt}).get();
        }) == ErrorCode::invalid_input);
  CHECK(error_code_of([&] {
          admin.create_user(wire::NewUser{"olle", "Another Olle", Role::officer, "a long enough password"}).get();
        }) == ErrorCode::invalid_input);
  // A disabled workspace owner's token stops working too (another admin first).
  team.add("anna", Role::admin);
  admin.update_user(me.user.id, wire::UserChanges{std::nullopt, std::nullopt, true}).get();
  CHECK(error_code_of([&] { admin.me().get(); }) == ErrorCode::unauthorized);
  team["anna"].update_user(me.user.id, wire::UserChanges{std::nullopt, std::nullopt, false}).get();
  CHECK(admin.me().get().workspace_owner);

  const auto changes = admin.audit("action=user.role_change").get().events;
  REQUIRE(changes.size() == 1);
  CHECK_THAT(changes[0].detail, Catch::Contains("\"before\":\"officer\"") && Catch::Contains("line_manager"));
}
