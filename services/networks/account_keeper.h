#pragma once
// Keeps connected accounts usable while nobody looks: renews an access token
// before it expires, and checks every account now and then — its followers,
// and whether its token still works — so the Accounts view tells the truth
// and an account that needs a person is marked before a post waits on it.
// An account that recovers (renewed, or working again) releases the posts
// that waited for it.

#include <Poco/Logger.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "core/domain.h"
#include "core/time.h"
#include "networks/plugin_registry.h"
#include "store/database.h"
#include "store/secret_box.h"

namespace kanal::networks {

struct AccountKeeperOptions {
  std::chrono::seconds check_every{std::chrono::minutes(15)};
  std::chrono::seconds renew_before{std::chrono::minutes(10)};  // renew a token this long before it expires
  std::chrono::seconds network_timeout{60};                     // the most one call may take
};

class AccountKeeper {
 public:
  AccountKeeper(PluginRegistry& plugins, store::Database& db, const store::SecretBox& secrets, const Clock& clock,
                Poco::Logger& logger, std::function<void()> on_recovered, AccountKeeperOptions options = {});
  ~AccountKeeper();
  AccountKeeper(const AccountKeeper&) = delete;
  AccountKeeper& operator=(const AccountKeeper&) = delete;

  void start();
  void stop();
  // Check every account now (e.g. a network said a token expired).
  void check_now();

 private:
  void run();
  void check_all();
  void check(const Account& account);
  // Renews the token; true when it worked (and `sealed` holds the renewed credentials).
  bool renew(const Account& account, plugin::Network& network, plugin::Connection& connection, std::string& sealed);
  // Sets the account's health — if it still has the credentials `checked`.
  void mark(const Account& account, const std::string& checked, AccountHealth health, const std::string& detail);

  PluginRegistry& plugins_;
  store::Database& db_;
  const store::SecretBox& secrets_;
  const Clock& clock_;
  Poco::Logger& logger_;
  std::function<void()> on_recovered_;
  AccountKeeperOptions options_;

  std::mutex mutex_;
  std::condition_variable wake_cv_;
  bool stopping_ = false;
  bool check_requested_ = false;
  std::thread thread_;
};

}  // namespace kanal::networks
