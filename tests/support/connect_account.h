#pragma once
// Connecting the sandbox's account to a kanald as a person would: ask kanald
// to connect, open the page, press Authorize, let the browser follow the
// redirect back to kanald.

#include "api/client/api_client.h"
#include "support/sandbox_process.h"

namespace kanal::test {

// The connected account; throws std::runtime_error if any step fails.
Account connect_sandbox_account(client::ApiClient& api, SandboxProcess& sandbox);

// For a sandbox started with --accounts N --auto-approve: connects its N
// accounts (the authorize page answers at once with the redirect).
std::vector<Account> connect_all_sandbox_accounts(client::ApiClient& api, SandboxProcess& sandbox, int count);

// Waits (bounded) until every delivery of `post` is published, failed or
// waiting for a person (undecided).
std::vector<wire::DeliveryInfo> wait_until_settled(client::ApiClient& api, PostId post,
                                                   std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace kanal::test
