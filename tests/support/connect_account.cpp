#include "support/connect_account.h"

#include <stdexcept>
#include <thread>

#include "api/client/http_client.h"

namespace kanal::test {

Account connect_sandbox_account(client::ApiClient& api, SandboxProcess& sandbox) {
  auto started = api.connect_account({"mastodon", sandbox.url()}).get();
  client::HttpRequest follow;
  follow.url = sandbox.approve_in_browser(started.authorize_url);
  auto page = client::perform(follow);
  if (page.status != 200 || page.body.find("Connected") == std::string::npos) {
    throw std::runtime_error("kanald's redirect page said: " + page.body);
  }
  auto progress = api.connect_progress(started.connect_id).get();
  if (progress.state != "connected" || !progress.account) {
    throw std::runtime_error("the account did not connect: " + progress.error);
  }
  return *progress.account;
}

std::vector<Account> connect_all_sandbox_accounts(client::ApiClient& api, SandboxProcess& sandbox, int count) {
  for (int i = 0; i < count; ++i) {
    const auto started = api.connect_account({"mastodon", sandbox.url()}).get();
    client::HttpRequest authorize;
    authorize.url = started.authorize_url;
    auto redirect = client::perform(authorize);
    client::HttpRequest back;
    back.url = redirect.headers["location"];
    client::perform(back);
  }
  auto accounts = api.accounts().get();
  if (static_cast<int>(accounts.size()) != count) {
    throw std::runtime_error("expected " + std::to_string(count) + " connected accounts, have " +
                             std::to_string(accounts.size()));
  }
  return accounts;
}

std::vector<wire::DeliveryInfo> wait_until_settled(client::ApiClient& api, PostId post, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto deliveries = api.deliveries(post).get();
    bool settled = true;
    for (const auto& delivery : deliveries) {
      settled =
          settled && (delivery.state == "published" || delivery.state == "failed" || delivery.state == "undecided");
    }
    if (settled || std::chrono::steady_clock::now() > deadline) return deliveries;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace kanal::test
