#include "publishing/publisher.h"

#include <random>

#include "core/error.h"
#include "core/json.h"
#include "networks/credentials_json.h"
#include "publishing/controls.h"
#include "publishing/publication.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/interaction_repository.h"
#include "store/post_repository.h"
#include "store/press_contact_repository.h"
#include "workflow/approvals.h"

namespace kanal::publishing {

using plugin::FailureKind;
using store::Delivery;
using store::DeliveryState;

PostState post_state_from(const std::vector<Delivery>& deliveries) {
  bool any_failed = false;
  bool all_published = !deliveries.empty();
  for (const auto& delivery : deliveries) {
    // Undecided waits for a person: like a failure, it needs someone to look.
    if (delivery.state == DeliveryState::failed || delivery.state == DeliveryState::undecided) any_failed = true;
    if (delivery.state != DeliveryState::published) all_published = false;
    if (delivery.state == DeliveryState::pending || delivery.state == DeliveryState::in_flight ||
        delivery.state == DeliveryState::unknown) {
      return PostState::publishing;
    }
  }
  if (all_published) return PostState::published;
  return any_failed ? PostState::failed : PostState::publishing;
}

Publisher::Publisher(store::Database& db, networks::PluginRegistry& plugins, const store::SecretBox& secrets,
                     const Clock& clock, Poco::Logger& logger, std::function<void()> auth_expired,
                     PublisherOptions options)
    : db_(db),
      plugins_(plugins),
      secrets_(secrets),
      clock_(clock),
      logger_(logger),
      auth_expired_(std::move(auth_expired)),
      options_(options) {}

Publisher::~Publisher() { stop(); }

void Publisher::start() {
  const int unknown = db_.transact([&](Poco::Data::Session& session) {
    return store::OutboxRepository(session).mark_in_flight_unknown(clock_.now(), options_.instance, true);
  });
  if (unknown > 0) logger_.warning("%d deliveries were in flight when kanald stopped: resolving them first", unknown);
  thread_ = std::thread([this] { run(); });
}

void Publisher::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  wake_cv_.notify_all();
  thread_.join();
}

void Publisher::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

void Publisher::run() {
  const auto drain_deadline_after_stop = std::chrono::seconds(40);
  std::optional<std::chrono::steady_clock::time_point> drain_until;
  for (;;) {
    std::deque<Completed> completed;
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      wake_cv_.wait_for(lock, options_.idle_poll, [&] { return stopping_ || woken_ || !completed_.empty(); });
      woken_ = false;
      completed.swap(completed_);
      stopping = stopping_;
    }
    for (auto& done : completed) unrecorded_.push_back(std::move(done));
    while (!unrecorded_.empty()) {
      try {
        record(unrecorded_.front());
        unrecorded_.pop_front();
      } catch (const std::exception& e) {
        // Kept, and still claimed: never left in flight for another kanald
        // (or the next start) to send again.
        logger_.error("could not record a delivery's outcome, trying again in a moment: %s", std::string(e.what()));
        break;
      }
    }
    if (stopping) {
      if (!drain_until) drain_until = std::chrono::steady_clock::now() + drain_deadline_after_stop;
      std::lock_guard lock(mutex_);
      if (in_flight_.empty() || std::chrono::steady_clock::now() > *drain_until) return;
      continue;
    }
    try {
      keep_claims();
      dispatch();
    } catch (const std::exception& e) {
      logger_.error("publisher: %s", std::string(e.what()));
    }
  }
}

bool Publisher::wait_until_quiet(const std::function<bool(AccountId)>& held, std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  return quiet_cv_.wait_for(lock, limit, [&] {
    for (const auto& [account, count] : in_flight_per_account_) {
      if (count > 0 && held(AccountId{account})) return false;
    }
    return true;
  });
}

// Renews this kanald's claims while their requests are under way, and takes
// over those of a kanald whose lease lapsed (it died).
void Publisher::keep_claims() {
  const auto steady_now = std::chrono::steady_clock::now();
  if (steady_now - claims_kept_at_ < options_.lease / 4) return;
  claims_kept_at_ = steady_now;
  std::set<std::int64_t> mine;
  {
    std::lock_guard lock(mutex_);
    mine = in_flight_;
  }
  const auto now = clock_.now();
  const int taken_over = db_.transact([&](Poco::Data::Session& session) {
    store::OutboxRepository outbox(session);
    outbox.renew_leases(options_.instance, mine, now + options_.lease);
    return outbox.mark_in_flight_unknown(now, options_.instance, false);
  });
  if (taken_over > 0) {
    logger_.warning("%d deliveries were left in flight by another kanald whose lease lapsed: resolving them",
                    taken_over);
  }
}

bool Publisher::key_may_be_forgotten(const Delivery& delivery, const plugin::Network& plugin) const {
  auto window = plugin.descriptor().idempotency_window;
  if (auto set = options_.idempotency_windows.find(plugin.descriptor().id); set != options_.idempotency_windows.end()) {
    window = set->second;
  }
  if (window.count() <= 0 || !delivery.first_attempt_at) return false;
  // A tenth early: the network's clock and ours may differ a little.
  return clock_.now() - *delivery.first_attempt_at >= window - window / 10;
}

void Publisher::dispatch() {
  const auto now = clock_.now();
  auto due = db_.read([&](Poco::Data::Session& session) {
    const auto holds = HoldBacks::at(session, now);
    if (holds.holds_everything()) return std::vector<Delivery>{};
    return store::OutboxRepository(session).due(now, 100, holds.accounts());
  });
  for (auto& delivery : due) {
    {
      std::lock_guard lock(mutex_);
      if (in_flight_.count(delivery.id) != 0) continue;
      if (in_flight_per_account_[delivery.account.value] >= options_.per_account_limit) continue;
    }
    begin(std::move(delivery));
  }
}

void Publisher::begin(Delivery delivery) {
  const auto now = clock_.now();
  auto account = db_.read([&](auto& session) { return store::AccountRepository(session).find(delivery.account); });
  auto sealed =
      db_.read([&](auto& session) { return store::AccountRepository(session).sealed_credentials(delivery.account); });
  auto post = db_.read([&](auto& session) { return store::PostRepository(session).find(delivery.post); });
  auto* plugin = account ? plugins_.find(account->network) : nullptr;

  auto fail = [&](const std::string& reason) {
    delivery.state = DeliveryState::failed;
    settle(delivery, reason);
  };
  if (!post) return fail("the post was deleted before it was published");
  if (!account || !sealed || account->health == AccountHealth::disconnected) {
    return fail("the account is not connected");
  }
  if (plugin == nullptr) return fail("no plugin for the network '" + account->network + "' is loaded");
  if (account->health == AccountHealth::needs_reauthorization) {
    // Nothing goes out from an account until a person reconnects it.
    delivery.next_attempt_at = now + std::chrono::minutes(1);
    settle(delivery, "the account needs to be connected again: " + account->health_detail);
    return;
  }
  if (delivery.state == DeliveryState::unknown && !plugin->descriptor().resend_is_safe) {
    delivery.state = DeliveryState::undecided;
    settle(delivery, "an attempt may have been published, and " + plugin->descriptor().display_name +
                         " cannot tell: look at the account, then say whether the post is there");
    return;
  }
  const bool look_first = delivery.state == DeliveryState::unknown && key_may_be_forgotten(delivery, *plugin);

  // The post may have changed since Publish was pressed: the approvals hold
  // for what goes out, at every attempt, not for what was there then.
  if (!delivery.content_hash.empty() && workflow::publish_hash(*post) != delivery.content_hash) {
    return fail("the post changed after it was cleared for publishing; submit it again");
  }
  // What the account publishes, with press contacts' handles as they are now.
  const contacts::PressMentions press(
      db_.read([](auto& session) { return store::PressContactRepository(session).all(); }));
  if (delivery.attempts == 0) {
    try {
      require_publishable(*post, *account, plugin->descriptor(), press, "post");
    } catch (const Error& e) {
      return fail(e.detail());
    }
  }
  plugin::Connection connection{account->instance_url, account->network_account_id, {}};
  try {
    connection.credentials = networks::credentials_from_json(secrets_.open(*sealed));
  } catch (const Error& e) {
    // Sealed with another key (a keyring lost or replaced): only connecting again helps.
    delivery.next_attempt_at = now + std::chrono::minutes(1);
    settle(delivery, e.detail(), AccountHealthChange{AccountHealth::needs_reauthorization, e.detail()});
    return;
  }
  auto publication = db_.read([&](auto& session) {
    store::MediaRepository media(session);
    return publication_for(*post, *account, plugin->descriptor(), press, media);
  });
  publication.idempotency_key = delivery.idempotency_key;
  // The trail keeps what went out when the directory changed the text: the
  // directory may change again, the trail must not.
  auto sent_texts = texts_for(*post, *account, press);
  if (sent_texts == texts_for(*post, *account, contacts::PressMentions())) sent_texts.clear();
  // An answer from the inbox goes out as a reply to the comment it answers.
  std::optional<plugin::ReplyRequest> reply;
  if (post->reply_to.valid()) {
    auto answered = db_.read([&](auto& session) { return store::InteractionRepository(session).find(post->reply_to); });
    if (!answered || answered->account != account->id) return fail("the comment this answers is not in the inbox");
    reply = plugin::ReplyRequest{answered->network_id,
                                 answered->author_handle,
                                 publication.parts.front().text,
                                 publication.parts.front().entities,
                                 post->language,
                                 answered->kind == "direct_message",
                                 delivery.idempotency_key};
  }

  // Counted as under way before the last look at pauses: a pause recorded
  // after that look waits for this request (wait_until_quiet); one recorded
  // before it stops it.
  {
    std::lock_guard lock(mutex_);
    in_flight_.insert(delivery.id);
    ++in_flight_per_account_[delivery.account.value];
  }
  delivery.state = DeliveryState::in_flight;
  ++delivery.attempts;
  const auto not_under_way = [&] {
    {
      std::lock_guard lock(mutex_);
      in_flight_.erase(delivery.id);
      --in_flight_per_account_[delivery.account.value];
    }
    quiet_cv_.notify_all();
  };
  bool claimed = false;
  try {
    claimed = db_.transact([&](auto& session) {
      if (!HoldBacks::at(session, now).why(delivery.account).empty()) return false;
      // Changed or gone since it was read (a resumed pause took it back): not ours to send.
      return store::OutboxRepository(session).claim(delivery, now, options_.instance, now + options_.lease);
    });
  } catch (...) {
    not_under_way();
    throw;
  }
  if (!claimed) return not_under_way();
  if (!delivery.first_attempt_at) delivery.first_attempt_at = now;
  // On the network's thread. Notified under the lock: once it is released,
  // the run loop may see the outcome, finish, and let the Publisher go.
  const auto complete = [this](Completed completed) {
    std::lock_guard lock(mutex_);
    completed_.push_back(std::move(completed));
    wake_cv_.notify_all();
  };
  if (look_first) {
    // The network may have forgotten the key: a resend could post twice.
    // Look for the post as sent since the first attempt (the clocks may differ).
    if (reply) publication.parts.resize(1);
    plugin
        ->find_published(connection, publication, reply ? reply->in_reply_to_id : std::string(),
                         *delivery.first_attempt_at - std::chrono::minutes(2))
        .then([complete, delivery](Result<std::vector<plugin::Published>> result) {
          Completed completed{delivery, result.error(), {}, {}, std::vector<plugin::Published>{}};
          if (result.ok()) completed.found = result.value();
          complete(std::move(completed));
        });
    return;
  }
  auto sent = reply ? plugin->reply(connection, *reply) : plugin->publish(connection, publication);
  sent.then([complete, delivery, sent_texts = std::move(sent_texts)](Result<plugin::Published> result) {
    Completed completed{delivery, result.error(), {}, sent_texts, std::nullopt};
    if (result.ok()) completed.published = result.value();
    complete(std::move(completed));
  });
}

std::chrono::milliseconds Publisher::backoff(std::int64_t attempts) {
  static thread_local std::mt19937 random{std::random_device{}()};
  const auto exponent = std::min<std::int64_t>(attempts - 1, 20);
  const std::chrono::milliseconds delay =
      std::min<std::chrono::milliseconds>(options_.first_backoff * (std::int64_t{1} << exponent), options_.max_backoff);
  std::uniform_real_distribution<double> jitter(0.8, 1.2);  // spread retries of many posts apart
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) * jitter(random)));
}

namespace {

// Why a failed request failed, as the plugin said.
struct Failure {
  FailureKind kind = FailureKind::transient;
  std::string reason;
  std::optional<Timestamp> reset_at;
};

Failure failure_of(const std::exception_ptr& error) {
  Failure failure;
  try {
    std::rethrow_exception(error);
  } catch (const plugin::NetworkError& e) {
    failure = {e.kind(), e.reason(), e.reset_at()};
  } catch (const std::exception& e) {
    failure.reason = e.what();
  }
  return failure;
}

// What the trail calls a final outcome.
const char* audit_action(DeliveryState state) {
  switch (state) {
    case DeliveryState::published: return "post.published";
    case DeliveryState::undecided: return "post.publish_undecided";
    default: return "post.publish_failed";
  }
}

}  // namespace

// Recorded on a copy: when the database refuses, the same outcome is
// recorded again from what it was.
void Publisher::record(Completed& done) {
  if (done.found) {
    record_lookup(done);
  } else {
    record_attempt(done);
  }
  {
    std::lock_guard lock(mutex_);
    in_flight_.erase(done.delivery.id);
    --in_flight_per_account_[done.delivery.account.value];
  }
  quiet_cv_.notify_all();
}

void Publisher::record_lookup(Completed& done) {
  auto delivery = done.delivery;
  const auto now = clock_.now();
  --delivery.attempts;  // looking is not an attempt
  if (!done.error) {
    // Another post of the same text on the account is that post's, not this one's.
    const auto others = db_.read([&](Poco::Data::Session& session) {
      return store::OutboxRepository(session).published_network_ids(delivery.account, delivery.id);
    });
    for (const auto& found : *done.found) {
      if (others.count(found.network_id) != 0) continue;
      delivery.state = DeliveryState::published;
      delivery.network_id = found.network_id;
      delivery.url = found.url;
      logger_.information("post %d was found on account %d after an unknown outcome: recorded as published",
                          static_cast<int>(delivery.post.value), static_cast<int>(delivery.account.value));
      settle(delivery, "", AccountHealthChange{AccountHealth::ok, ""});
      return;
    }
    // Not there: it goes again, and its window starts again.
    delivery.state = DeliveryState::pending;
    delivery.first_attempt_at.reset();
    delivery.next_attempt_at = now;
    settle(delivery, "");
    return;
  }
  const auto failure = failure_of(done.error);
  std::optional<AccountHealthChange> account_health;
  delivery.state = DeliveryState::unknown;  // still to be looked for
  switch (failure.kind) {
    case FailureKind::unknown_outcome:
    case FailureKind::rejected:
      delivery.state = DeliveryState::undecided;
      settle(delivery, failure.reason + ": look at the account, then say whether the post is there");
      return;
    case FailureKind::rate_limited:
      delivery.next_attempt_at = failure.reset_at.value_or(now + std::chrono::minutes(5));
      account_health = {AccountHealth::rate_limited, failure.reason};
      break;
    case FailureKind::auth_expired:
      delivery.next_attempt_at = now + std::chrono::minutes(1);
      account_health = {AccountHealth::needs_reauthorization, failure.reason};
      break;
    case FailureKind::transient:
      ++delivery.attempts;
      if (delivery.attempts >= options_.max_attempts) {
        delivery.state = DeliveryState::undecided;
        settle(delivery, "could not look for the post (" + failure.reason +
                             "): look at the account, then say whether the post is there");
        return;
      }
      delivery.next_attempt_at = now + backoff(delivery.attempts);
      break;
  }
  settle(delivery, failure.reason, account_health);
  if (account_health && account_health->first == AccountHealth::needs_reauthorization && auth_expired_) {
    auth_expired_();
  }
}

void Publisher::record_attempt(Completed& done) {
  auto delivery = done.delivery;
  const auto now = clock_.now();
  std::optional<AccountHealthChange> account_health;
  std::string error;
  if (!done.error) {
    delivery.state = DeliveryState::published;
    delivery.network_id = done.published.network_id;
    delivery.url = done.published.url;
    account_health = {AccountHealth::ok, ""};
  } else {
    const auto failure = failure_of(done.error);
    const auto kind = failure.kind;
    const auto& reset_at = failure.reset_at;
    error = failure.reason;
    switch (kind) {
      case FailureKind::transient:
        delivery.state = delivery.attempts >= options_.max_attempts ? DeliveryState::failed : DeliveryState::pending;
        delivery.next_attempt_at = now + backoff(delivery.attempts);
        break;
      case FailureKind::unknown_outcome:
        if (reset_at) {
          // The network says when it can tell (X lists a new post after a
          // moment): waiting for that is not a failed attempt.
          --delivery.attempts;
          delivery.state = DeliveryState::unknown;
          delivery.next_attempt_at = *reset_at;
          break;
        }
        delivery.state = delivery.attempts >= options_.max_attempts ? DeliveryState::failed : DeliveryState::unknown;
        delivery.next_attempt_at = now + backoff(delivery.attempts);
        break;
      case FailureKind::rate_limited:
        delivery.state = DeliveryState::pending;
        --delivery.attempts;  // waiting for the network's reset is not a failed attempt
        delivery.next_attempt_at = reset_at.value_or(now + std::chrono::minutes(5));
        account_health = {AccountHealth::rate_limited, error};
        break;
      case FailureKind::rejected: delivery.state = DeliveryState::failed; break;
      case FailureKind::auth_expired:
        delivery.state = DeliveryState::pending;
        --delivery.attempts;
        delivery.next_attempt_at = now + std::chrono::minutes(1);
        account_health = {AccountHealth::needs_reauthorization, error};
        break;
    }
  }
  settle(delivery, error, account_health, done.sent_texts);
  if (account_health && account_health->first == AccountHealth::needs_reauthorization && auth_expired_) {
    auth_expired_();
  }
}

// Writes the delivery, the account's health when it changed, the post's
// resulting state and, for a final outcome, an audit event — in one
// transaction, so no reader sees one without the others.
void Publisher::settle(Delivery& delivery, const std::string& error, const std::optional<AccountHealthChange>& health,
                       const std::vector<std::string>& sent_texts) {
  const auto now = clock_.now();
  delivery.last_error = error;
  db_.transact([&](Poco::Data::Session& session) {
    if (health) store::AccountRepository(session).set_health(delivery.account, health->first, health->second);
    store::OutboxRepository outbox(session);
    outbox.update(delivery, now);
    store::PostRepository posts(session);
    const auto state = post_state_from(outbox.for_post(delivery.post));
    posts.set_state(delivery.post, state, now);
    if (delivery.state == DeliveryState::published) {
      const auto post = posts.find(delivery.post);
      if (post && post->reply_to.valid()) store::InteractionRepository(session).mark_answered(post->reply_to, now);
    }
    if (delivery.state == DeliveryState::published || delivery.state == DeliveryState::failed ||
        delivery.state == DeliveryState::undecided) {
      rapidjson::StringBuffer detail;
      json::JsonWriter writer(detail);
      writer.StartObject();
      writer.Key("account_id");
      writer.Int64(delivery.account.value);
      json::write_string(writer, "url", delivery.url);
      json::write_string(writer, "error", delivery.last_error);
      if (delivery.state == DeliveryState::published && !sent_texts.empty()) {
        writer.Key("texts");
        writer.StartArray();
        for (const auto& text : sent_texts) writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
        writer.EndArray();
      }
      writer.EndObject();
      store::AuditRepository(session).append(AuditEvent{0, now, std::nullopt, audit_action(delivery.state), "post",
                                                        delivery.post.value, json::to_string(detail)});
    }
  });
  if (delivery.state == DeliveryState::failed) {
    logger_.warning("post %d to account %d failed: %s", static_cast<int>(delivery.post.value),
                    static_cast<int>(delivery.account.value), error);
  }
}

}  // namespace kanal::publishing
