#include "daemon/kanald_app.h"

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <sys/stat.h>

#include <iostream>

#include "api/server/account_access_endpoints.h"
#include "api/server/analytics_endpoints.h"
#include "api/server/approval_endpoints.h"
#include "api/server/audit_endpoints.h"
#include "api/server/calendar_endpoints.h"
#include "api/server/document_endpoints.h"
#include "api/server/http_server.h"
#include "api/server/inbox_endpoints.h"
#include "api/server/media_endpoints.h"
#include "api/server/networks_endpoints.h"
#include "api/server/posts_endpoints.h"
#include "api/server/press_contact_endpoints.h"
#include "api/server/publish_endpoints.h"
#include "api/server/publishing_control_endpoints.h"
#include "api/server/review_endpoints.h"
#include "api/server/schedule_endpoints.h"
#include "api/server/session_endpoints.h"
#include "api/server/system_endpoints.h"
#include "api/server/text_endpoints.h"
#include "api/server/users_endpoints.h"
#include "core/config.h"
#include "core/error.h"
#include "core/paths.h"
#include "daemon/audit_anchors.h"
#include "daemon/local_workspace.h"
#include "daemon/logging.h"
#include "kanal/version.h"
#include "metrics/metrics_collector.h"
#include "metrics/monthly_report.h"
#include "net/oauth_pkce.h"
#include "networks/account_connector.h"
#include "networks/account_keeper.h"
#include "networks/plugin_registry.h"
#include "publishing/publisher.h"
#include "publishing/scheduler.h"
#include "store/migrations.h"
#include "store/user_repository.h"
#include "store/workspace_key.h"

namespace kanal::daemon {
namespace {

// A workspace made before kanald kept its files private (or copied in by
// hand) is made so: nothing in it is for the group or others.
void make_contents_private(const std::filesystem::path& data_dir) {
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator it(data_dir, error), end; !error && it != end;
       it.increment(error)) {
    std::error_code ignored;
    if (it->is_symlink(ignored)) continue;
    std::filesystem::permissions(it->path(), std::filesystem::perms::group_all | std::filesystem::perms::others_all,
                                 std::filesystem::perm_options::remove, ignored);
  }
}

// This kanald's name on the attempts it claims: the same across its
// restarts (its own claims are then known to be over), its own beside
// other kanald on the same database (each has its own data folder).
std::string instance_id(const std::filesystem::path& data_dir) {
  const auto file = data_dir / "kanald-instance";
  if (auto id = read_whole_file(file); id && !id->empty() && id->size() <= 64) return *id;
  const auto id = "kanald-" + net::random_token(12);
  write_private_file(file, id);
  return id;
}

}  // namespace

using Poco::Util::Option;

void KanaldApp::defineOptions(Poco::Util::OptionSet& options) {
  ServerApplication::defineOptions(options);
  auto value_option = [&](const char* name, const char* description, const char* argument) {
    options.addOption(Option(name, "", description).required(false).repeatable(false).argument(argument));
  };
  value_option("data-dir", "workspace directory (default $XDG_DATA_HOME/kanal)", "DIR");
  value_option("listen", "address to listen on (default 127.0.0.1:0, a free port)", "HOST:PORT");
  value_option("database", "postgresql://… for team mode (default: SQLite in the data directory)", "URL");
  value_option("config", "configuration file (default DATA_DIR/kanald.properties)", "FILE");
  value_option("log-level", "fatal, error, warning, notice, information, debug or trace", "LEVEL");
  value_option("http-threads", "HTTP worker threads (default 8)", "N");
  value_option("plugin-dir", "network plugins (default: ../lib/kanal/plugins beside kanald)", "DIR");
  value_option("account-check-s", "check connected accounts every S seconds (default 900)", "S");
  value_option("inbox-sync-s", "fetch comments and mentions every S seconds (default 60)", "S");
  value_option("metrics-every-s", "look for likes and followers due every S seconds (default 60)", "S");
  value_option("session-lifetime-s", "a signed-in session ends S seconds after sign-in (default 43200)", "S");
  value_option("key-store",
               "where the key sealing account credentials is kept: auto (the OS keyring if the "
               "session has one, else a file), keyring or file",
               "WHERE");
  options.addOption(Option("network-url", "",
                           "where a network's server is, e.g. bluesky=http://127.0.0.1:2583, or another of its "
                           "settings, e.g. bluesky.plc_url=URL (for a compatible or local server; repeatable)")
                        .required(false)
                        .repeatable(true)
                        .argument("NETWORK[.SETTING]=URL"));
  options.addOption(Option("idempotency-window", "",
                           "how long a network's servers keep an idempotency key, over what its plugin says, "
                           "e.g. mastodon=3600 (repeatable)")
                        .required(false)
                        .repeatable(true)
                        .argument("NETWORK=SECONDS"));
  options.addOption(Option("test-clock", "", "let tests move kanald's clock (POST /api/v1/test-clock); never in use"));
  options.addOption(Option("version", "", "print the version and exit"));
  options.addOption(Option("help", "h", "print this help and exit"));
}

void KanaldApp::handleOption(const std::string& name, const std::string& value) {
  ServerApplication::handleOption(name, value);
  if (name == "help") {
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setHeader("The Kanal service: storage, rules and publishing for the desktop app and kanalctl.");
    help.setUsage("[OPTIONS]");
    help.format(std::cout);
    stop_after_options_ = true;
    stopOptionsProcessing();
  } else if (name == "version") {
    std::cout << "kanald " << kVersion << " (API v" << kApiVersion << ")\n";
    stop_after_options_ = true;
    stopOptionsProcessing();
  } else if (name == "network-url" || name == "idempotency-window") {
    auto& values = flags_[name];
    values += (values.empty() ? "" : ",") + value;
  } else {
    flags_[name] = value;
  }
}

int KanaldApp::main(const std::vector<std::string>&) {
  if (stop_after_options_) return EXIT_OK;
  try {
    return serve();
  } catch (const Error& e) {
    std::cerr << "kanald: " << e.detail() << "\n";
    return e.code() == ErrorCode::invalid_input ? EXIT_CONFIG : EXIT_UNAVAILABLE;
  } catch (const std::exception& e) {
    std::cerr << "kanald: unexpected failure: " << e.what() << "\n";
    return EXIT_SOFTWARE;
  }
}

int KanaldApp::serve() {
  const auto settings = resolve_daemon_settings(flags_, process_environment());
  if (!settings.listen.is_loopback()) {
    throw Error(ErrorCode::invalid_input,
                "refusing to listen on " + settings.listen.to_string() +
                    ": it is not a loopback address and TLS is not configured (TLS comes with team mode). "
                    "Listen on 127.0.0.1 or [::1].",
                "listen");
  }
  // A workspace is private to its owner, and so is everything kanald
  // writes in it (the database and its WAL, logs, text files, anchors); an
  // existing directory keeps the rights its owner gave it.
  ::umask(S_IRWXG | S_IRWXO);
  create_private_directories(settings.data_dir);
  make_contents_private(settings.data_dir);

  WorkspaceLock lock(settings.data_dir);
  auto& log = configure_logging(settings.data_dir, settings.log_level);
  log.information("kanald %s starting; data directory %s", std::string(kVersion), settings.data_dir.string());
  if (!settings.config_file.empty()) log.information("configuration from %s", settings.config_file.string());

  auto db = store::Database::open(settings.database_url, settings.data_dir / "kanal.db");
  const int applied = store::migrate(*db);
  log.information("database %s at schema version %d (%d migrations applied)", db->description(),
                  store::schema_version(*db), applied);

  SystemClock system_clock;
  AdjustableClock test_clock;
  const Clock& clock = settings.test_clock ? static_cast<const Clock&>(test_clock) : system_clock;
  if (settings.test_clock) log.warning("the clock may be moved by tests (--test-clock): never use this workspace");
  const auto os_user = current_os_user();
  const auto user = db->transact([&](Poco::Data::Session& session) {
    return store::UserRepository(session).ensure(os_user.login, os_user.display_name, Role::admin, clock.now());
  });

  // The networks: outgoing HTTP, the plugins, sealed credentials, the publisher.
  const auto key = store::open_workspace_key(settings.data_dir, *store::parse_key_store(settings.key_store));
  const auto& secrets = key.box;
  log.information("account credentials are sealed with the workspace key in %s", key.location);
  auto http = std::make_unique<net::HttpEngine>();
  networks::PluginWorkspace plugin_workspace(*db, secrets);
  for (const auto& network_url : settings.network_urls) {
    const auto setting = networks::parse_network_url(network_url);
    plugin_workspace.override_setting(setting.network, setting.key, setting.value);
    log.information("network %s: %s is %s (--network-url)", setting.network, setting.key, setting.value);
  }
  auto plugins = std::make_unique<networks::PluginRegistry>(*http, clock, log, &plugin_workspace);
  const auto plugin_dir = settings.plugin_dir.empty()
                              ? networks::default_plugin_dir(config().getString("application.path"))
                              : settings.plugin_dir;
  plugins->load_directory(plugin_dir);
  std::unique_ptr<networks::AccountKeeper> keeper;
  publishing::PublisherOptions publisher_options;
  publisher_options.instance = instance_id(settings.data_dir);
  for (const auto& [network, seconds] : settings.idempotency_windows_s) {
    publisher_options.idempotency_windows[network] = std::chrono::seconds(seconds);
    log.information("network %s keeps idempotency keys for %s s (--idempotency-window)", network,
                    std::to_string(seconds));
  }
  auto publisher = std::make_unique<publishing::Publisher>(
      *db, *plugins, secrets, clock, log, [&keeper] { keeper->check_now(); }, publisher_options);
  networks::AccountKeeperOptions keeper_options;
  keeper_options.check_every = std::chrono::seconds(settings.account_check_s);
  keeper = std::make_unique<networks::AccountKeeper>(
      *plugins, *db, secrets, clock, log, [&publisher] { publisher->wake(); }, keeper_options);
  auto connector = std::make_unique<networks::AccountConnector>(*plugins, *db, secrets, clock, log,
                                                                [&publisher] { publisher->wake(); });
  publisher->start();
  keeper->start();

  const bool sqlite = db->dialect() == store::Dialect::sqlite;
  api::Router router;
  api::add_system_endpoints(
      router, wire::ServerInfo{kVersion, kApiVersion, sqlite ? "sqlite" : "postgresql", sqlite ? "local" : "team"});
  settings::WorkspaceSettings documents(*db, clock, log);
  documents.import_files(settings.data_dir);
  auto scheduler = std::make_unique<publishing::Scheduler>(
      *db, *plugins, [&documents] { return documents.policy(); }, clock, log, [&publisher] { publisher->wake(); });
  scheduler->start();
  api::add_posts_endpoints(router, *db, clock, documents);
  api::add_networks_endpoints(router, *plugins, *connector, *db, clock);
  api::add_account_access_endpoints(router, *db, clock);
  api::add_media_endpoints(router, *db, clock);
  api::add_text_endpoints(router, *db, documents, *plugins);
  api::add_document_endpoints(router, *db, documents);
  api::add_press_contact_endpoints(router, *db, *plugins, clock);
  const store::AnchorKey anchor_key(secrets);
  AuditAnchors anchors(settings.data_dir, *db, anchor_key, clock, log);
  api::add_audit_endpoints(router, *db, api::AuditAnchoring{anchor_key, [&anchors] { return anchors.anchor_now(); }});
  auth::SignInOptions sign_in_options;
  sign_in_options.session_lifetime = std::chrono::seconds(settings.session_lifetime_s);
  sign_in_options.failure_key = secrets.derived_key(2, "kanalsin");
  auth::SignIn sign_in(*db, clock, sign_in_options, ensure_access_token(settings.data_dir), user.id);
  api::add_session_endpoints(router, sign_in, *db,
                             [&settings](const std::string& token) { write_access_token(settings.data_dir, token); });
  api::add_users_endpoints(router, *db, clock, sign_in);
  api::add_approval_endpoints(router, *db, documents);
  api::add_review_endpoints(router, *db, documents, *plugins, clock);
  api::add_publish_endpoints(router, *db, *plugins, documents, clock, [&publisher] { publisher->wake(); });
  const api::HolidayCalendars holiday_calendars(settings.data_dir);
  api::add_holiday_endpoints(router, holiday_calendars);
  api::add_schedule_endpoints(router, *db, documents, holiday_calendars, clock, [&scheduler] { scheduler->wake(); });
  api::add_calendar_endpoints(router, *db, documents, clock);
  inbox::InboxSyncOptions sync_options;
  sync_options.every = std::chrono::seconds(settings.inbox_sync_s);
  auto inbox_sync = std::make_unique<inbox::InboxSync>(
      *plugins, *db, secrets, clock, log, [&documents] { return documents.moderator(); }, sync_options);
  inbox_sync->start();
  api::add_inbox_endpoints(router, api::InboxServices{*db, *plugins, secrets, documents, *inbox_sync, clock,
                                                      [&publisher] { publisher->wake(); }});
  metrics::CollectorOptions collector_options;
  collector_options.every = std::chrono::seconds(settings.metrics_every_s);
  // After each round of the collector (its thread): the daily audit anchor
  // and the monthly report, when due; a report folder that cannot be
  // written is tried again in an hour.
  std::optional<Timestamp> monthly_retry;
  const auto after_round = [&db, &log, &monthly_retry, &anchors](Timestamp now) {
    anchors.anchor_if_due();
    if (monthly_retry && now < *monthly_retry) return;
    monthly_retry.reset();
    try {
      for (const auto& file : metrics::write_monthly_report(*db, now)) {
        log.information("the monthly report is written: %s", file.string());
      }
    } catch (const std::exception& e) {
      monthly_retry = now + std::chrono::hours(1);
      log.error("writing the monthly report failed (tried again in an hour): %s", std::string(e.what()));
    }
  };
  auto collector =
      std::make_unique<metrics::MetricsCollector>(*plugins, *db, secrets, clock, log, collector_options, after_round);
  collector->start();
  api::add_analytics_endpoints(router, *db, *collector, clock);
  const auto wake_both = [&scheduler, &publisher] {
    scheduler->wake();
    publisher->wake();
  };
  api::add_publishing_control_endpoints(
      router, *db, clock,
      api::PublishingControlHooks{[&publisher](const store::Pause& pause) {
                                    return publisher->wait_until_quiet(
                                        [&pause](AccountId account) { return pause.covers(account); },
                                        std::chrono::seconds(30));
                                  },
                                  wake_both});
  if (settings.test_clock) api::add_test_clock_endpoint(router, test_clock, wake_both);
  api::add_route_list(router);

  api::ApiServerOptions options;
  options.listen = settings.listen;
  options.threads = settings.http_threads;
  options.request_timeout_s = settings.request_timeout_s;
  options.authenticate = [&sign_in](const std::string& token) { return sign_in.authenticate(token); };
  api::ApiServer server(std::move(options), std::move(router), log);
  server.start();

  auto host = settings.listen.host == "localhost" ? std::string("127.0.0.1") : settings.listen.host;
  ListenAddress bound{host, server.port()};
  const auto url = "http://" + bound.to_string();
  publish_endpoint(settings.data_dir, url);
  log.information("listening on %s", url);

  waitForTerminationRequest();

  log.information("stopping: finishing requests and publications in flight");
  server.stop();
  keeper->stop();
  inbox_sync->stop();
  collector->stop();
  scheduler->stop();
  publisher->stop();
  connector.reset();
  inbox_sync.reset();
  collector.reset();
  keeper.reset();
  // The engine fails what is still in flight (a publication past the drain
  // deadline): its answer lands in the stopped publisher, still alive.
  http.reset();
  publisher.reset();
  plugins.reset();
  withdraw_endpoint(settings.data_dir);
  db.reset();
  log.information("stopped");
  return EXIT_OK;
}

}  // namespace kanal::daemon
