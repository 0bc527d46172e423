// kanalctl account list | connect --network N [--instance URL] | disconnect ID
#include <iostream>
#include <thread>

#include "cli/command_support.h"
#include "core/error.h"
#include "core/process.h"

namespace kanal::cli {

int run_account_command(const Arguments& args, std::ostream& out) {
  const auto& command = args.command;
  if (command.size() < 2) throw UsageError("account needs list, connect or disconnect");
  auto option = [&](const std::string& name) -> std::string {
    auto it = args.options.find(name);
    return it == args.options.end() ? std::string() : it->second;
  };
  client::ApiClient api(endpoint_for(args), 1);
  const auto& action = command[1];
  if (action == "list") {
    auto accounts = api.accounts().get();
    if (args.json) {
      out << wire::to_json(accounts) << "\n";
      return 0;
    }
    if (accounts.empty()) out << "No accounts. Connect one with 'kanalctl account connect'.\n";
    for (const auto& account : accounts) {
      out << account.id.value << "  " << account.network << "  " << account.handle << "  " << to_string(account.health)
          << "  " << account.followers << " followers";
      if (!account.health_detail.empty()) out << " — " << account.health_detail;
      out << "\n";
    }
    return 0;
  }
  if (action == "connect") {
    const auto network = option("network");
    if (network.empty()) throw UsageError("account connect needs --network (see GET /api/v1/networks)");
    auto started = api.connect_account({network, option("instance")}).get();
    out << "Open this address in your browser and authorize Kanal:\n  " << started.authorize_url << "\n" << std::flush;
    if (const auto browser = option("browser"); !browser.empty()) {
      // e.g. --browser xdg-open; the URL is passed as one argument.
      spawn_process(SpawnOptions{
          {"/bin/sh", "-c", browser + " \"$0\" >/dev/null 2>&1", started.authorize_url}, {}, "/dev/null", false});
    }
    // Wait for the browser to come back to kanald (bounded: ten minutes).
    for (int i = 0; i < 1200; ++i) {
      auto progress = api.connect_progress(started.connect_id).get();
      if (progress.state == "connected") {
        out << "Connected " << progress.account->handle << " (account " << progress.account->id.value << ").\n";
        return 0;
      }
      if (progress.state == "failed") throw Error(ErrorCode::unavailable, "not connected: " + progress.error);
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    throw Error(ErrorCode::unavailable, "gave up waiting for the browser after ten minutes");
  }
  if (action == "disconnect") {
    const AccountId id{parse_id(command, 2)};
    api.disconnect_account(id).get();
    if (!args.json) out << "Disconnected account " << id.value << "; its credentials are deleted.\n";
    return 0;
  }
  throw UsageError("unknown command 'account " + action + "'");
}

}  // namespace kanal::cli
