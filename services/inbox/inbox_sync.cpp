#include "inbox/inbox_sync.h"

#include <algorithm>

#include "core/error.h"
#include "core/utf8.h"
#include "inbox/inbox_actions.h"
#include "networks/connection.h"
#include "store/account_repository.h"
#include "store/interaction_repository.h"

namespace kanal::inbox {
namespace {

constexpr int kPendingHidesPerRound = 50;

std::string kind_name(plugin::InteractionKind kind) {
  switch (kind) {
    case plugin::InteractionKind::reply: return "reply";
    case plugin::InteractionKind::mention: return "mention";
    case plugin::InteractionKind::direct_message: return "direct_message";
  }
  return "mention";
}

// The network's text as the store keeps it: UTF-8 (repaired where it was
// not), without NUL characters, which PostgreSQL's text cannot hold.
std::string readable(const std::string& text) {
  auto out = utf8::is_valid(text) ? text : utf8::repaired(text);
  for (auto at = out.find('\0'); at != std::string::npos; at = out.find('\0', at)) out.replace(at, 1, "\uFFFD");
  return out;
}

}  // namespace

InboxSync::InboxSync(networks::PluginRegistry& plugins, store::Database& db, const store::SecretBox& secrets,
                     const Clock& clock, Poco::Logger& logger, ModeratorSource moderation, InboxSyncOptions options)
    : plugins_(plugins),
      db_(db),
      secrets_(secrets),
      clock_(clock),
      logger_(logger),
      moderation_(std::move(moderation)),
      options_(options) {}

InboxSync::~InboxSync() { stop(); }

void InboxSync::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void InboxSync::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void InboxSync::run() {
  for (;;) {
    try {
      sync_now();
    } catch (const std::exception& e) {
      logger_.error("syncing the inbox failed: %s", std::string(e.what()));
    }
    std::unique_lock lock(mutex_);
    wake_cv_.wait_for(lock, options_.every, [this] { return stopping_; });
    if (stopping_) return;
  }
}

SyncReport InboxSync::sync_now(std::optional<AccountId> only, std::optional<std::chrono::seconds> budget) {
  SyncReport report;
  {
    std::unique_lock lock(mutex_);
    const auto idle = [this] { return !syncing_; };
    if (budget && !idle_cv_.wait_for(lock, *budget, idle)) {
      report.more = true;
      report.problems.push_back("a sync is already under way; what it brings shows shortly");
      return report;
    }
    if (!budget) idle_cv_.wait(lock, idle);
    syncing_ = true;
  }
  struct Finished {  // however this sync ends, the next may begin
    InboxSync& sync;
    ~Finished() {
      std::lock_guard lock(sync.mutex_);
      sync.syncing_ = false;
      sync.idle_cv_.notify_all();
    }
  } finished{*this};
  deadline_ = budget ? std::optional(std::chrono::steady_clock::now() + *budget) : std::nullopt;
  const auto accounts = db_.read([](Poco::Data::Session& session) { return store::AccountRepository(session).list(); });
  if (only && std::none_of(accounts.begin(), accounts.end(), [&](const Account& a) { return a.id == *only; })) {
    throw Error(ErrorCode::not_found, "no account " + std::to_string(only->value));
  }
  for (const auto& account : accounts) {
    if (only && account.id != *only) continue;
    if (account.health == AccountHealth::disconnected || account.health == AccountHealth::needs_reauthorization) {
      if (only) report.problems.push_back(account.handle + " needs to be connected again");
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    try {
      sync_account(account, report);
    } catch (const std::exception& e) {
      const std::string problem = account.handle + ": " + e.what();
      report.problems.push_back(problem);
      logger_.warning("inbox sync of %s", problem);
      try {
        db_.transact([&](Poco::Data::Session& session) {
          store::InteractionRepository interactions(session);
          auto cursor = interactions.cursor(account.id);
          cursor.last_error = e.what();
          interactions.set_cursor(account.id, cursor);
        });
      } catch (const std::exception& again) {
        logger_.error("recording why the inbox sync of %s failed: %s", account.handle, std::string(again.what()));
      }
    }
  }
  return report;
}

void InboxSync::sync_account(const Account& account, SyncReport& report) {
  auto* network = plugins_.find(account.network);
  if (network == nullptr) return;
  auto connection =
      db_.read([&](Poco::Data::Session& session) { return networks::open_connection(session, secrets_, account); });
  auto cursor = db_.read(
      [&](Poco::Data::Session& session) { return store::InteractionRepository(session).cursor(account.id).cursor; });
  // What an earlier round could not hide yet (no answer, or kanald stopped) first.
  hide(*network, connection, db_.read([&](Poco::Data::Session& session) {
    return store::InteractionRepository(session).pending_hides(account.id, kPendingHidesPerRound);
  }),
       report);
  bool started_over = false;
  for (int pages = 0; pages < options_.max_pages_per_round && !stopping(); ++pages) {
    if (deadline_ && std::chrono::steady_clock::now() > *deadline_) {
      report.more = true;
      return;
    }
    plugin::InteractionPage page;
    try {
      page = networks::await(network->fetch_interactions(connection, cursor), options_.network_timeout);
    } catch (const plugin::NetworkError& e) {
      // A cursor the network no longer knows: start over from what it keeps.
      if (e.kind() != plugin::FailureKind::rejected || cursor.empty() || started_over) throw;
      logger_.warning("%s no longer accepts the inbox cursor of %s (%s): starting over", network->descriptor().id,
                      account.handle, e.reason());
      cursor.clear();
      started_over = true;
      continue;
    }
    for (const auto& why : page.unreadable) {
      logger_.warning("an item from %s for %s was skipped: %s", network->descriptor().id, account.handle, why);
    }
    report.unreadable += static_cast<std::int64_t>(page.unreadable.size());
    hide(*network, connection, store_page(account, page, report), report);
    if (!page.next_cursor.empty()) cursor = page.next_cursor;
    if (!page.more) break;
    if (pages + 1 == options_.max_pages_per_round) report.more = true;
  }
}

bool InboxSync::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void InboxSync::hide(plugin::Network& network, const plugin::Connection& connection,
                     const std::vector<store::Interaction>& items, SyncReport& report) {
  for (const auto& item : items) {
    if (stopping()) return;  // still hide_pending: the next round goes on
    const auto outcome = hide_on_network(network, connection, item, options_.network_timeout);
    if (outcome.visibility == store::Visibility::hidden) ++report.hidden;
    if (outcome.visibility == item.visibility) continue;  // no answer yet: tried again next round
    db_.transact(
        [&](Poco::Data::Session& session) { record_outcome(session, item, outcome, std::nullopt, clock_.now()); });
  }
}

std::vector<store::Interaction> InboxSync::store_page(const Account& account, const plugin::InteractionPage& page,
                                                      SyncReport& report) {
  // Judged before the transaction: the classifier needs no database.
  std::vector<std::pair<store::NewInteraction, Judgement>> judged;
  judged.reserve(page.items.size());
  const auto moderator = moderation_();
  for (const auto& item : page.items) {
    store::NewInteraction stored;
    stored.account = account.id;
    stored.network_id = item.network_id;
    stored.kind = kind_name(item.kind);
    stored.author_id = readable(item.author.network_account_id);
    stored.author_handle = readable(item.author.handle);
    stored.author_name = readable(item.author.display_name);
    stored.text = readable(item.text);
    stored.truncated = item.truncated;
    stored.language = readable(item.language);
    stored.created_at = item.created_at;
    stored.in_reply_to = item.in_reply_to_id;
    stored.url = readable(item.url);
    auto judgement = moderator->judge(stored.text);
    stored.decision = judgement.decision;
    stored.needs_review = judgement.needs_review;
    stored.visibility = judgement.hide ? store::Visibility::hide_pending : store::Visibility::visible;
    judged.emplace_back(std::move(stored), std::move(judgement));
  }
  report.fetched += static_cast<std::int64_t>(page.items.size());
  const auto now = clock_.now();
  return db_.transact([&](Poco::Data::Session& session) {
    store::InteractionRepository interactions(session);
    std::vector<store::Interaction> to_hide;
    for (const auto& [item, judgement] : judged) {
      const auto id = interactions.insert(item, now);
      if (!id) {
        ++report.duplicates;
        continue;
      }
      ++report.stored;
      if (judgement.needs_review) ++report.to_review;
      if (judgement.decision.action == "keep") continue;
      // Kanal's decision goes on the trail with the item; the network's outcome follows when it answers.
      auto stored = interactions.find(*id);
      audit_decision(session, *stored, judgement, std::nullopt, now);
      if (judgement.hide) to_hide.push_back(std::move(*stored));
    }
    auto cursor = interactions.cursor(account.id);
    if (!page.next_cursor.empty()) cursor.cursor = page.next_cursor;
    cursor.synced_at = now;
    cursor.last_error.clear();
    interactions.set_cursor(account.id, cursor);
    return to_hide;
  });
}

}  // namespace kanal::inbox
