#pragma once
// kanald's inbox sync: per connected account, what the network brought in
// after the account's cursor — comments, replies, mentions, direct messages
// — at an interval and on demand. Each page is judged by the moderation,
// stored with the cursor that follows it in one transaction (so a crash
// resumes from the cursor, and an item seen twice is stored once), and what
// the policy hides is hidden on the network, every decision audited.
//   - items the network sent but that do not read are skipped and logged;
//   - a cursor the network no longer accepts starts the account over from
//     what the network still keeps (duplicates are skipped);
//   - what is to be hidden is stored hide_pending with the page and tried
//     again each round until the network answers; a network that refuses
//     to hide (and to mute the author) leaves it "wanted hidden, network
//     refused", for a person to review.

#include <Poco/Logger.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/time.h"
#include "inbox/moderator.h"
#include "networks/plugin_registry.h"
#include "store/database.h"
#include "store/secret_box.h"

namespace kanal::inbox {

struct InboxSyncOptions {
  std::chrono::seconds every{60};
  int max_pages_per_round = 25;  // per account; the next round goes on from the cursor
  std::chrono::seconds network_timeout{60};
};

struct SyncReport {
  std::int64_t fetched = 0, stored = 0, duplicates = 0, unreadable = 0, hidden = 0, to_review = 0;
  bool more = false;                  // time ran out with more waiting: the next round fetches it
  std::vector<std::string> problems;  // per account, in words
};

// The workspace's moderation as it is now (an admin may change it while kanald runs).
using ModeratorSource = std::function<std::shared_ptr<const Moderator>()>;

class InboxSync {
 public:
  InboxSync(networks::PluginRegistry& plugins, store::Database& db, const store::SecretBox& secrets, const Clock& clock,
            Poco::Logger& logger, ModeratorSource moderation, InboxSyncOptions options = {});
  ~InboxSync();
  InboxSync(const InboxSync&) = delete;
  InboxSync& operator=(const InboxSync&) = delete;

  void start();
  void stop();
  // Syncs now — every account, or one — and says what came in; within
  // `budget` when one is given (a person waiting), the rest next round.
  SyncReport sync_now(std::optional<AccountId> only = std::nullopt,
                      std::optional<std::chrono::seconds> budget = std::nullopt);

 private:
  void run();
  void sync_account(const Account& account, SyncReport& report);
  bool stopping();
  // Hides the items on the network and records each outcome.
  void hide(plugin::Network& network, const plugin::Connection& connection,
            const std::vector<store::Interaction>& items, SyncReport& report);
  // Stores one page and its cursor; the stored items the policy hides.
  std::vector<store::Interaction> store_page(const Account& account, const plugin::InteractionPage& page,
                                             SyncReport& report);

  networks::PluginRegistry& plugins_;
  store::Database& db_;
  const store::SecretBox& secrets_;
  const Clock& clock_;
  Poco::Logger& logger_;
  ModeratorSource moderation_;
  InboxSyncOptions options_;

  // One sync at a time: the background round or a person's "Sync now". A
  // flag and a condition (not std::timed_mutex, whose timed lock
  // ThreadSanitizer cannot follow).
  bool syncing_ = false;  // guarded by mutex_
  std::condition_variable idle_cv_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;  // of the sync under way (its thread's)
  std::mutex mutex_;
  std::condition_variable wake_cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kanal::inbox
