#pragma once
// The outbox: one row per post and target account, with the idempotency key
// that makes resending safe. The publisher drives rows through
//   pending → in_flight → published | failed,
// with `unknown` for an attempt whose outcome was lost (resolved before any
// new post is made), `undecided` when the network cannot tell whether it was
// published (a person decides), and back to `pending` for a retry after a
// pause. An attempt in flight is claimed by one kanald (its instance id) for
// a lease it renews while the request is under way; another kanald on the
// same database takes it over only once the lease has lapsed.

#include <Poco/Data/Session.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

enum class DeliveryState { pending, in_flight, unknown, undecided, published, failed };
std::string_view to_string(DeliveryState state);
std::optional<DeliveryState> parse_delivery_state(std::string_view text);

struct Delivery {
  std::int64_t id = 0;
  PostId post;
  AccountId account;
  std::string idempotency_key;
  DeliveryState state = DeliveryState::pending;
  std::int64_t attempts = 0;
  Timestamp next_attempt_at;
  std::string last_error;
  std::string network_id;
  std::string url;
  Timestamp updated_at;
  // The content the publisher was cleared to send (workflow::content_hash).
  std::string content_hash;
  std::optional<Timestamp> first_attempt_at;  // when the idempotency key was first sent
  std::string claimed_by;                     // the kanald whose attempt is in flight
  Timestamp lease_until;
};

class OutboxRepository {
 public:
  explicit OutboxRepository(Poco::Data::Session& session) : session_(session) {}

  // The delivery of `post` to `account`: created now, or the one that exists.
  Delivery enqueue(PostId post, AccountId account, const std::string& idempotency_key, const std::string& content_hash,
                   Timestamp when);
  // Rows due at `when` (pending or unknown), oldest first, leaving out the
  // accounts in `except` (held back by a pause or blackout).
  std::vector<Delivery> due(Timestamp when, int limit, const std::set<std::int64_t>& except = {});
  std::vector<Delivery> for_post(PostId post);
  // Marks `delivery` (its attempts already counted up) in flight, if it is
  // still as it was read: pending or unknown, with one attempt less. False
  // when it changed or is gone meanwhile — then it is not ours to send.
  bool claim(const Delivery& delivery, Timestamp when, const std::string& owner, Timestamp lease_until);
  // Keeps `owner`'s claims on these rows while their requests are under way.
  void renew_leases(const std::string& owner, const std::set<std::int64_t>& ids, Timestamp lease_until);
  // Takes out a post's deliveries that were never tried; how many.
  std::size_t remove_untried(PostId post);
  std::optional<Delivery> find(std::int64_t id);
  void update(const Delivery& delivery, Timestamp when);
  // An account came back (reconnected): its waiting deliveries are due now.
  void make_due_now(AccountId account, Timestamp when);
  // Attempts in flight that another kanald claimed and whose lease lapsed
  // (it died) have an unknown outcome; so have, when `self` is starting,
  // those it claimed itself (nothing of its is under way any more).
  int mark_in_flight_unknown(Timestamp when, const std::string& self, bool starting);
  // The network ids recorded as published on `account`, but for `except`'s.
  std::set<std::string> published_network_ids(AccountId account, std::int64_t except);
  // A person's decision on an undecided delivery: it is on the network
  // (published, at `url` if they give one), or it goes again under a new key.
  // False when the delivery is not undecided (any more).
  bool decide_published(std::int64_t id, const std::string& url, Timestamp when);
  bool decide_publish_again(std::int64_t id, const std::string& new_key, Timestamp when);

 private:
  std::vector<Delivery> select(const std::string& where_and_order, const std::vector<Poco::Int64>& keys);

  Poco::Data::Session& session_;
};

}  // namespace kanal::store
