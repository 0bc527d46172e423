#include "api/server/text_endpoints.h"

#include <algorithm>

#include "api/wire/text.h"
#include "contacts/press_mentions.h"
#include "core/error.h"
#include "networks/plugin_registry.h"
#include "store/account_repository.h"
#include "store/press_contact_repository.h"

namespace kanal::api {
namespace {

// The connected accounts, or the ones asked for (each must exist).
std::vector<Account> target_accounts(store::Database& db, const std::vector<AccountId>& asked) {
  auto accounts = db.read([](Poco::Data::Session& session) { return store::AccountRepository(session).list(); });
  if (asked.empty()) {
    std::erase_if(accounts, [](const Account& a) { return a.health == AccountHealth::disconnected; });
    return accounts;
  }
  for (const auto& id : asked) {
    if (std::none_of(accounts.begin(), accounts.end(), [&](const Account& a) { return a.id == id; })) {
      throw Error(ErrorCode::invalid_input, "no account " + std::to_string(id.value), "accounts");
    }
  }
  std::erase_if(accounts, [&](const Account& a) { return std::find(asked.begin(), asked.end(), a.id) == asked.end(); });
  return accounts;
}

text::CountRules account_rules(const networks::PluginRegistry& plugins, const Account& account) {
  const auto* plugin = plugins.find(account.network);
  return text::rules_for_account(account, plugin != nullptr ? &plugin->descriptor() : nullptr);
}

}  // namespace

void add_text_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents,
                        const networks::PluginRegistry& plugins) {
  router.add("GET", "/api/v1/templates", Permission::read,
             [&documents](const Request&) { return Response::json(200, documents.templates()->json); });

  router.add("GET", "/api/v1/text/lists", Permission::read,
             [&documents](const Request&) { return Response::json(200, wire::to_json(*documents.word_lists())); });

  router.add("POST", "/api/v1/text/dictionary", Permission::draft, [&documents](const Request& request) {
    const std::string word = wire::parse_dictionary_word(request.body);
    return Response::json(200, wire::to_json(*documents.add_to_dictionary(word, request.user)));
  });

  router.add("POST", "/api/v1/compose", Permission::draft, [&db, &documents, &plugins](const Request& request) {
    const auto body = wire::parse_compose_request(request.body);
    const auto catalog = documents.templates();
    const text::Template* tmpl = catalog->catalog.find_template(body.template_id);
    if (tmpl == nullptr) throw Error(ErrorCode::invalid_input, "no template \"" + body.template_id + "\"", "template");
    std::vector<text::AccountTarget> targets;
    for (const auto& account : target_accounts(db, body.accounts)) {
      targets.push_back({account.id.value, account_rules(plugins, account)});
    }
    wire::ComposeResponse response{
        text::compose(catalog->catalog, *tmpl, body.segments, body.languages, body.fields, targets)};
    return Response::json(200, wire::to_json(response));
  });

  // Counted as it goes out: with press contacts' handles made each network's own.
  router.add("POST", "/api/v1/text/check", Permission::draft, [&db, &documents, &plugins](const Request& request) {
    const auto body = wire::parse_text_check_request(request.body);
    const contacts::PressMentions press(
        db.read([](Poco::Data::Session& session) { return store::PressContactRepository(session).all(); }));
    const auto target = [&](std::optional<AccountId> account, const std::string& network, const std::string& handle,
                            const text::CountRules& rules) {
      auto out = press.for_network(body.text, network);
      auto count = text::count_text(out, rules);
      if (out == body.text) out.clear();
      return wire::TargetCount{account, network, handle, std::move(count), std::move(out)};
    };
    wire::TextCheckResponse response;
    for (const auto& account : target_accounts(db, body.accounts)) {
      response.targets.push_back(target(account.id, account.network, account.handle, account_rules(plugins, account)));
    }
    for (const auto& name : body.networks) {
      const auto* plugin = plugins.find(name);
      if (plugin == nullptr)
        throw Error(ErrorCode::invalid_input, "no network '" + name + "' is available", "networks");
      response.targets.push_back(target(std::nullopt, name, {}, text::count_rules(plugin->descriptor().text)));
    }
    text::CheckOptions options;
    options.lists = documents.word_lists();
    options.language = body.language;
    options.images_without_alt = static_cast<std::size_t>(body.images_without_alt);
    response.plain = text::check_plain_language(body.text, options);
    return Response::json(200, wire::to_json(response));
  });
}

}  // namespace kanal::api
