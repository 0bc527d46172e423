#include <catch2/catch.hpp>

#include <fstream>

#include "core/error.h"
#include "store/account_repository.h"
#include "store/migrations.h"
#include "store/outbox_repository.h"
#include "store/post_repository.h"
#include "store/secret_box.h"
#include "store/user_repository.h"
#include "support/errors.h"
#include "support/test_databases.h"

using namespace kanal;
using namespace kanal::store;

TEST_CASE("sealed secrets open with their key only, and are never stored in the clear") {
  test::TempDir dir;
  auto box = SecretBox::from_key_file(dir.path() / "secret.key");
  const std::string token = "mastodon-access-token-VERY-SECRET-123";
  const auto sealed = box.seal(token);
  CHECK(sealed.find(token) == std::string::npos);
  CHECK(box.seal(token) != sealed);  // a fresh nonce each time
  CHECK(box.open(sealed) == token);
  CHECK((std::filesystem::status(dir.path() / "secret.key").permissions() & std::filesystem::perms::others_all) ==
        std::filesystem::perms::none);

  auto same_key = SecretBox::from_key_file(dir.path() / "secret.key");
  CHECK(same_key.open(sealed) == token);
  auto other_key = SecretBox::from_key_file(dir.path() / "other.key");
  CHECK_THROWS_AS(other_key.open(sealed), Error);
  CHECK_THROWS_AS(box.open("not base64 at all ###"), Error);
  CHECK_THROWS_AS(box.open(sealed.substr(0, 20)), Error);
}

TEST_CASE("a damaged or public key file is refused") {
  test::TempDir dir;
  { std::ofstream(dir.path() / "short.key") << "abc"; }
  CHECK_THROWS_WITH(SecretBox::from_key_file(dir.path() / "short.key"), Catch::Contains("damaged"));
  auto box = SecretBox::from_key_file(dir.path() / "public.key");
  std::filesystem::permissions(dir.path() / "public.key", std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  CHECK_THROWS_WITH(SecretBox::from_key_file(dir.path() / "public.key"), Catch::Contains("readable by others"));
}

namespace {

struct Workspace {
  test::TestDatabase test_db;
  std::unique_ptr<Database> db = test_db.open();
  Timestamp t0 = from_unix_ms(1'795'759'200'000);
  UserId author;

  Workspace() {
    migrate(*db);
    author = db->transact([&](auto& s) { return UserRepository(s).ensure("olga", "Olga", Role::officer, t0); }).id;
  }

  Account connect(const std::string& handle, const std::string& sealed) {
    Account account;
    account.network = "mastodon";
    account.handle = handle;
    account.display_name = "Agency";
    account.instance_url = "https://social.example";
    account.followers = 10;
    return db->transact([&](auto& s) { return AccountRepository(s).connect(account, sealed, t0); });
  }
};

}  // namespace

TEST_CASE_METHOD(Workspace, "connecting twice updates the same account, and disconnecting forgets the credentials") {
  auto first = connect("@agency@social.example", "sealed-1");
  auto again = connect("@agency@social.example", "sealed-2");
  CHECK(again.id == first.id);
  CHECK(db->read([&](auto& s) { return AccountRepository(s).sealed_credentials(first.id); }) == "sealed-2");
  db->transact(
      [&](auto& s) { AccountRepository(s).set_health(first.id, AccountHealth::needs_reauthorization, "401"); });
  CHECK(db->read([&](auto& s) { return AccountRepository(s).find(first.id); })->health ==
        AccountHealth::needs_reauthorization);
  db->transact([&](auto& s) { AccountRepository(s).disconnect(first.id); });
  CHECK_FALSE(db->read([&](auto& s) { return AccountRepository(s).sealed_credentials(first.id); }));
  CHECK(db->read([&](auto& s) { return AccountRepository(s).find(first.id); })->health == AccountHealth::disconnected);
}

TEST_CASE_METHOD(Workspace, "renewed credentials replace only the ones they were renewed from") {
  auto account = connect("@agency@social.example", "sealed-1");
  CHECK(db->transact(
      [&](auto& s) { return AccountRepository(s).replace_credentials(account.id, "sealed-1", "renewed"); }));
  connect("@agency@social.example", "reconnected");  // a person signs in again meanwhile
  CHECK_FALSE(
      db->transact([&](auto& s) { return AccountRepository(s).replace_credentials(account.id, "renewed", "late"); }));
  CHECK(db->read([&](auto& s) { return AccountRepository(s).sealed_credentials(account.id); }) == "reconnected");
  db->transact([&](auto& s) { AccountRepository(s).disconnect(account.id); });
  CHECK_FALSE(
      db->transact([&](auto& s) { return AccountRepository(s).replace_credentials(account.id, "reconnected", "x"); }));
  CHECK_FALSE(db->read([&](auto& s) { return AccountRepository(s).sealed_credentials(account.id); }));
}

TEST_CASE_METHOD(Workspace, "the outbox holds one delivery per post and account, and hands out what is due") {
  auto account = connect("@agency@social.example", "sealed");
  auto post = db->transact([&](auto& s) { return PostRepository(s).create(NewPost{author, "Hej", {}}, t0); });
  auto delivery =
      db->transact([&](auto& s) { return OutboxRepository(s).enqueue(post.id, account.id, "key-1", "hash-1", t0); });
  auto again =
      db->transact([&](auto& s) { return OutboxRepository(s).enqueue(post.id, account.id, "key-2", "hash-2", t0); });
  CHECK(again.id == delivery.id);
  CHECK(again.idempotency_key == "key-1");
  CHECK(again.content_hash == "hash-1");

  CHECK(db->read([&](auto& s) { return OutboxRepository(s).due(t0, 10); }).size() == 1);
  delivery.state = DeliveryState::in_flight;
  db->transact([&](auto& s) { OutboxRepository(s).update(delivery, t0); });
  CHECK(db->read([&](auto& s) { return OutboxRepository(s).due(t0, 10); }).empty());

  // A crash while in flight: the outcome is unknown, and it is due again.
  CHECK(db->transact([&](auto& s) { return OutboxRepository(s).mark_in_flight_unknown(t0, "kanald-a", true); }) == 1);
  auto due = db->read([&](auto& s) { return OutboxRepository(s).due(t0, 10); });
  REQUIRE(due.size() == 1);
  CHECK(due[0].state == DeliveryState::unknown);

  due[0].state = DeliveryState::pending;
  due[0].next_attempt_at = t0 + std::chrono::minutes(1);
  db->transact([&](auto& s) { OutboxRepository(s).update(due[0], t0); });
  CHECK(db->read([&](auto& s) { return OutboxRepository(s).due(t0, 10); }).empty());
  CHECK(db->read([&](auto& s) { return OutboxRepository(s).due(t0 + std::chrono::minutes(2), 10); }).size() == 1);
}

TEST_CASE_METHOD(Workspace, "an attempt in flight is its kanald's until the lease lapses") {
  using std::chrono::minutes;
  auto account = connect("@agency@social.example", "sealed");
  auto post = db->transact([&](auto& s) { return PostRepository(s).create(NewPost{author, "Hej", {}}, t0); });
  auto delivery =
      db->transact([&](auto& s) { return OutboxRepository(s).enqueue(post.id, account.id, "key-1", "hash-1", t0); });
  const auto unknown_now = [&](Timestamp at, const std::string& self, bool starting) {
    return db->transact([&](auto& s) { return OutboxRepository(s).mark_in_flight_unknown(at, self, starting); });
  };
  delivery.attempts = 1;
  REQUIRE(db->transact([&](auto& s) { return OutboxRepository(s).claim(delivery, t0, "kanald-a", t0 + minutes(2)); }));
  // A second claim of the same attempt fails: only one kanald sends it.
  CHECK_FALSE(
      db->transact([&](auto& s) { return OutboxRepository(s).claim(delivery, t0, "kanald-b", t0 + minutes(2)); }));

  // Another kanald starting, or looking later, leaves a live claim alone.
  CHECK(unknown_now(t0 + minutes(1), "kanald-b", true) == 0);
  db->transact([&](auto& s) { OutboxRepository(s).renew_leases("kanald-a", {delivery.id}, t0 + minutes(4)); });
  CHECK(unknown_now(t0 + minutes(3), "kanald-b", false) == 0);
  // Its own claimant never takes it from itself while running.
  CHECK(unknown_now(t0 + minutes(10), "kanald-a", false) == 0);
  // Once the lease lapses (kanald-a died), another takes it over.
  CHECK(unknown_now(t0 + minutes(5), "kanald-b", false) == 1);
  auto row = db->read([&](auto& s) { return OutboxRepository(s).find(delivery.id); });
  REQUIRE(row);
  CHECK(row->state == DeliveryState::unknown);
  CHECK(row->first_attempt_at == t0);  // the key's first use stays known

  // The same kanald starting again knows nothing of its own is under way.
  row->attempts = 2;
  REQUIRE(db->transact(
      [&](auto& s) { return OutboxRepository(s).claim(*row, t0 + minutes(6), "kanald-a", t0 + minutes(60)); }));
  CHECK(unknown_now(t0 + minutes(7), "kanald-b", false) == 0);
  CHECK(unknown_now(t0 + minutes(7), "kanald-a", true) == 1);
  row = db->read([&](auto& s) { return OutboxRepository(s).find(delivery.id); });
  CHECK(row->first_attempt_at == t0);
}

TEST_CASE_METHOD(Workspace, "an undecided delivery waits for a person's decision") {
  auto account = connect("@agency@social.example", "sealed");
  auto post = db->transact([&](auto& s) { return PostRepository(s).create(NewPost{author, "Hej", {}}, t0); });
  auto delivery =
      db->transact([&](auto& s) { return OutboxRepository(s).enqueue(post.id, account.id, "key-1", "hash-1", t0); });
  // Not undecided: nothing to decide.
  CHECK_FALSE(db->transact([&](auto& s) { return OutboxRepository(s).decide_published(delivery.id, "", t0); }));
  delivery.state = DeliveryState::undecided;
  delivery.attempts = 3;
  delivery.first_attempt_at = t0;
  db->transact([&](auto& s) { OutboxRepository(s).update(delivery, t0); });
  CHECK(db->read([&](auto& s) { return OutboxRepository(s).due(t0 + std::chrono::hours(1), 10); }).empty());

  REQUIRE(db->transact([&](auto& s) { return OutboxRepository(s).decide_publish_again(delivery.id, "key-2", t0); }));
  auto row = db->read([&](auto& s) { return OutboxRepository(s).find(delivery.id); });
  CHECK(row->state == DeliveryState::pending);
  CHECK(row->idempotency_key == "key-2");
  CHECK(row->attempts == 0);
  CHECK_FALSE(row->first_attempt_at);
  CHECK_FALSE(db->transact([&](auto& s) { return OutboxRepository(s).decide_published(delivery.id, "", t0); }));

  row->state = DeliveryState::undecided;
  db->transact([&](auto& s) { OutboxRepository(s).update(*row, t0); });
  REQUIRE(db->transact(
      [&](auto& s) { return OutboxRepository(s).decide_published(delivery.id, "https://social.example/@a/1", t0); }));
  row = db->read([&](auto& s) { return OutboxRepository(s).find(delivery.id); });
  CHECK(row->state == DeliveryState::published);
  CHECK(row->url == "https://social.example/@a/1");
  CHECK(db->read([&](auto& s) { return OutboxRepository(s).published_network_ids(account.id, 0); }).size() == 1);
  CHECK(db->read([&](auto& s) { return OutboxRepository(s).published_network_ids(account.id, delivery.id); }).empty());
}

TEST_CASE_METHOD(Workspace, "an account is its id on its server: another server naming its handle takes nothing over") {
  Account agency;
  agency.network = "mastodon";
  agency.handle = "@agency@social.example";
  agency.instance_url = "https://social.example";
  agency.network_account_id = "109";
  const auto connected = db->transact([&](auto& s) { return AccountRepository(s).connect(agency, "ours", t0); });

  // A hostile server answers with the agency's handle.
  auto impostor = agency;
  impostor.instance_url = "https://evil.example";
  CHECK(test::error_code_of([&] {
          db->transact([&](auto& s) { return AccountRepository(s).connect(impostor, "theirs", t0); });
        }) == ErrorCode::invalid_input);
  // So does another account of the same server.
  auto other = agency;
  other.network_account_id = "110";
  CHECK(test::error_code_of([&] {
          db->transact([&](auto& s) { return AccountRepository(s).connect(other, "theirs", t0); });
        }) == ErrorCode::invalid_input);
  CHECK(db->read([&](auto& s) { return AccountRepository(s).sealed_credentials(connected.id); }) == "ours");

  // The same account with a new handle (renamed) is the same row; the server's URL as written may differ.
  auto renamed = agency;
  renamed.handle = "@myndigheten@social.example";
  renamed.instance_url = "HTTPS://Social.Example/";
  const auto again = db->transact([&](auto& s) { return AccountRepository(s).connect(renamed, "renewed", t0); });
  CHECK(again.id == connected.id);
  CHECK(again.handle == "@myndigheten@social.example");
  CHECK(db->read([&](auto& s) { return AccountRepository(s).list(); }).size() == 1);

  // Once disconnected, the handle is free for another account; the old one keeps its history under a name that says so.
  db->transact([&](auto& s) { AccountRepository(s).disconnect(connected.id); });
  auto successor = renamed;
  successor.network_account_id = "111";
  const auto next = db->transact([&](auto& s) { return AccountRepository(s).connect(successor, "new", t0); });
  CHECK(next.id != connected.id);
  CHECK(db->read([&](auto& s) { return AccountRepository(s).find(connected.id); })->handle ==
        "@myndigheten@social.example (disconnected, account " + std::to_string(connected.id.value) + ")");
}
