#include "api/server/text_endpoints.h"

#include <algorithm>

#include "api/wire/text.h"
#include "core/error.h"
#include "store/account_repository.h"

namespace kanal::api {
namespace {

// An account's counting rules: its network's (a Mastodon-compatible network
// such as the sandbox counts as Mastodon), with the plugin's limits.
text::CountRules rules_for(const Account& account, networks::PluginRegistry& plugins) {
  const auto network = text::network_from_name(account.network).value_or(text::Network::mastodon);
  text::CountRules rules = text::default_rules(network);
  if (const auto* plugin = plugins.find(account.network)) {
    const auto& limits = plugin->description().text;
    if (limits.max_characters > 0) rules.limit = limits.max_characters;
    if (limits.characters_per_url > 0) rules.characters_per_url = limits.characters_per_url;
  }
  return rules;
}

}  // namespace

void add_text_endpoints(Router& router, store::Database& db, networks::PluginRegistry& plugins) {
  router.add("POST", "/api/v1/text/check", [&db, &plugins](const Request& request) {
    const auto body = wire::parse_text_check_request(request.body);
    auto accounts = db.read([](Poco::Data::Session& session) { return store::AccountRepository(session).list(); });
    if (!body.accounts.empty()) {
      for (const auto& id : body.accounts) {
        if (std::none_of(accounts.begin(), accounts.end(), [&](const Account& a) { return a.id == id; })) {
          throw Error(ErrorCode::invalid_input, "no account " + std::to_string(id.value), "accounts");
        }
      }
      std::erase_if(accounts, [&](const Account& a) {
        return std::find(body.accounts.begin(), body.accounts.end(), a.id) == body.accounts.end();
      });
    }
    wire::TextCheckResponse response;
    for (const auto& account : accounts) {
      response.targets.push_back(
          {account.id, account.network, account.handle, text::count_text(body.text, rules_for(account, plugins))});
    }
    for (const auto& name : body.networks) {
      const auto network = *text::network_from_name(name);
      response.targets.push_back({std::nullopt, name, {}, text::count_text(body.text, text::default_rules(network))});
    }
    text::CheckOptions options;
    options.language = body.language;
    options.images_without_alt = static_cast<std::size_t>(body.images_without_alt);
    response.plain = text::check_plain_language(body.text, options);
    return Response::json(200, wire::to_json(response));
  });
}

}  // namespace kanal::api
