// kanalctl account list | networks | connect --network N [--instance URL]
//   [--handle H --app-password-stdin] | disconnect ID
#include <iostream>
#include <thread>

#include "api/wire/networks.h"
#include "cli/command_support.h"
#include "core/error.h"
#include "core/process.h"

namespace kanal::cli {

namespace {

// Waits for a connection attempt to end (bounded: ten minutes for a person
// in the browser). When a sign-in gives several accounts, every one is
// connected and named: kanalctl has no list to pick from.
int follow_connection(client::ApiClient& api, const std::string& connect_id, std::ostream& out) {
  for (int i = 0; i < 1200; ++i) {
    auto progress = api.connect_progress(connect_id).get();
    if (progress.state == "choosing") {
      out << "The sign-in gives " << progress.offers.size() << " accounts:\n";
      std::vector<std::string> ids;
      for (const auto& offer : progress.offers) {
        out << "  " << offer.handle << " (" << (offer.network.empty() ? "" : offer.network + " ") << offer.kind
            << ")\n";
        ids.push_back(offer.network_account_id);
      }
      progress = api.choose_accounts(connect_id, ids).get();
    }
    if (progress.state == "connected") {
      for (const auto& account : progress.accounts) {
        out << "Connected " << account.handle << " (account " << account.id.value << ").\n";
      }
      return 0;
    }
    if (progress.state == "failed") throw Error(ErrorCode::unavailable, "not connected: " + progress.error);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  throw Error(ErrorCode::unavailable, "gave up waiting for the browser after ten minutes");
}

}  // namespace

int run_account_command(const Arguments& args, std::istream& in, std::ostream& out) {
  const auto& command = args.command;
  if (command.size() < 2) throw UsageError("account needs list, networks, settings, connect or disconnect");
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
    const auto networks = api.networks().get();
    for (const auto& account : accounts) {
      const auto* network = wire::find_network(networks, account.network);
      out << account.id.value << "  " << (network != nullptr ? network->display_name : account.network) << "  "
          << account.handle << "  " << to_string(account.health) << "  " << account.followers << " followers";
      if (!account.health_detail.empty()) out << " — " << account.health_detail;
      out << "\n";
    }
    return 0;
  }
  if (action == "networks") {
    const auto networks = api.networks().get();
    if (args.json) {
      out << wire::to_json(networks) << "\n";
      return 0;
    }
    for (const auto& network : networks) {
      std::string methods;
      for (const auto method : network.sign_in) {
        methods += std::string(methods.empty() ? "" : ", ") +
                   (method == SignInMethod::oauth ? "in the browser" : "with an app password");
      }
      out << network.id << "  " << network.display_name << "  signs in " << methods
          << (network.asks_for_server ? "; asks for the server (--instance)" : "") << "\n";
    }
    return 0;
  }
  // account settings NETWORK [KEY]: the network's workspace settings, or
  // one set to the first line of standard input (a secret never on the command line).
  if (action == "settings") {
    if (command.size() < 3 || command.size() > 4) throw UsageError("account settings NETWORK [KEY]");
    const auto& network = command[2];
    auto settings = command.size() == 4
                        ? api.set_network_settings(network, {{command[3], secret_from(in, command[3])}}).get()
                        : api.network_settings(network).get();
    if (args.json) {
      out << wire::to_json(settings) << "\n";
      return 0;
    }
    for (const auto& setting : settings) {
      out << setting.key << "  " << (setting.secret ? (setting.is_set ? "(set, sealed)" : "(not set)") : setting.value)
          << "  " << setting.label << "\n";
    }
    return 0;
  }
  if (action == "connect") {
    const auto network = option("network");
    if (network.empty()) throw UsageError("account connect needs --network (see 'kanalctl account networks')");
    wire::ConnectRequest request;
    request.network = network;
    request.instance_url = option("instance");
    if (args.flags.count("app-password-stdin") != 0) {
      request.method = SignInMethod::app_password;
      request.handle = option("handle");
      if (request.handle.empty()) throw UsageError("an app password sign-in needs --handle");
      request.password = secret_from(in, "app password");
      const auto started = api.connect_account(request).get();
      return follow_connection(api, started.connect_id, out);
    }
    auto started = api.connect_account(request).get();
    out << "Open this address in your browser and authorize Kanal:\n  " << started.authorize_url << "\n" << std::flush;
    if (const auto browser = option("browser"); !browser.empty()) {
      // e.g. --browser xdg-open; the URL is passed as one argument.
      spawn_process(SpawnOptions{
          {"/bin/sh", "-c", browser + " \"$0\" >/dev/null 2>&1", started.authorize_url}, {}, "/dev/null", false});
    }
    return follow_connection(api, started.connect_id, out);
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
