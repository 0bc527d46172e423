// Signing in with a password: sessions that end, guessing slowed down and
// locked, an admin's reset, disabled users, and the last admin kept.

#include <catch2/catch.hpp>

#include <thread>

#include "api/client/api_client.h"
#include "core/error.h"
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

TEST_CASE("wrong passwords are answered slowly, then locked, until an admin resets the password") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  auto& admin = team.admin();
  team.add("olle", Role::officer);

  const auto started = std::chrono::steady_clock::now();
  for (int attempt = 1; attempt <= 4; ++attempt) {
    CHECK(error_code_of([&] { admin.sign_in("olle", "guess number " + std::to_string(attempt)).get(); }) ==
          ErrorCode::unauthorized);
  }
  // Each failure in a row makes the answer slower: 0.2 + 0.4 + 0.6 + 0.8 s at least.
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(2000));
  CHECK(error_code_of([&] { admin.sign_in("olle", "guess number 5").get(); }) == ErrorCode::too_many_attempts);
  // Locked: even the right password is refused now.
  CHECK(error_code_of([&] { admin.sign_in("olle", test::Team::password_of("olle")).get(); }) ==
        ErrorCode::too_many_attempts);
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
  CHECK(std::count(trail.begin(), trail.end(), "session.sign_in_failed") == 6);
  CHECK(std::count(trail.begin(), trail.end(), "session.sign_in_refused") == 1);
  CHECK(std::count(trail.begin(), trail.end(), "session.sign_in") == 2);
  CHECK(actions(admin, "user.password_reset").size() == 1);
  CHECK(admin.verify_audit().get().intact);
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
