#include "api/client/api_client.h"

#include "core/json.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <fstream>

#include "api/client/http_client.h"
#include "api/wire/problem.h"
#include "core/image_type.h"
#include "core/paths.h"

namespace kanal::client {

std::optional<Endpoint> discover_local(const std::string& data_dir) {
  auto local = read_local_endpoint(data_dir.empty() ? default_data_dir() : std::filesystem::path(data_dir));
  if (!local) return std::nullopt;
  return Endpoint{local->url, local->token};
}

ApiClient::ApiClient(Endpoint endpoint, unsigned threads, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout), executor_(std::make_unique<Executor>(threads)) {
  while (!endpoint_.url.empty() && endpoint_.url.back() == '/') endpoint_.url.pop_back();
}

HttpResponse ApiClient::exchange(const std::string& method, const std::string& path, const std::string& body,
                                 const std::string& content_type, bool authenticated) const {
  HttpRequest request;
  request.method = method;
  request.url = endpoint_.url + "/api/v1" + path;
  request.timeout = timeout_;
  if (authenticated) request.headers["Authorization"] = "Bearer " + endpoint_.token;
  request.headers["Accept"] = "application/json";
  if (!body.empty()) request.headers["Content-Type"] = content_type;
  request.body = body;
  return perform(request);
}

std::string ApiClient::call(const std::string& method, const std::string& path, const std::string& body,
                            bool authenticated, const std::string& content_type) const {
  auto response = exchange(method, path, body, content_type, authenticated);
  if (response.status < 200 || response.status > 299)
    throw wire::error_from_response(static_cast<int>(response.status), response.body);
  return response.body;
}

Future<Done> ApiClient::health() {
  return executor_->submit([this] {
    call("GET", "/health", {}, /*authenticated=*/false);  // the token goes only where kanald answers
    return Done{};
  });
}

Future<wire::ServerInfo> ApiClient::version() {
  return executor_->submit([this] { return wire::parse_server_info(call("GET", "/version")); });
}

Future<Post> ApiClient::create_post(wire::CreatePostRequest request) {
  return executor_->submit([this, request = std::move(request)] {
    return wire::parse_post(call("POST", "/posts", wire::to_json(request)));
  });
}

Future<wire::PostList> ApiClient::list_posts(wire::PostListQuery query) {
  return executor_->submit([this, query = std::move(query)] {
    std::string path = "/posts?limit=" + std::to_string(query.limit);
    if (query.state) path += "&state=" + url_encode(std::string(to_string(*query.state)));
    if (query.cursor) path += "&cursor=" + url_encode(*query.cursor);
    return wire::parse_post_list(call("GET", path));
  });
}

Future<Post> ApiClient::get_post(PostId id) {
  return executor_->submit([this, id] { return wire::parse_post(call("GET", "/posts/" + std::to_string(id.value))); });
}

Future<Post> ApiClient::update_post(PostId id, wire::UpdatePostRequest request) {
  return executor_->submit([this, id, request = std::move(request)] {
    return wire::parse_post(call("PATCH", "/posts/" + std::to_string(id.value), wire::to_json(request)));
  });
}

Future<std::vector<wire::DeliveryInfo>> ApiClient::publish(PostId id, wire::PublishRequest request) {
  return executor_->submit([this, id, request = std::move(request)] {
    return wire::parse_deliveries(
        call("POST", "/posts/" + std::to_string(id.value) + "/publish", wire::to_json(request)));
  });
}

Future<std::vector<wire::DeliveryInfo>> ApiClient::decide_delivery(PostId id, AccountId account,
                                                                   wire::DeliveryDecision decision) {
  return executor_->submit([this, id, account, decision = std::move(decision)] {
    return wire::parse_deliveries(call(
        "POST", "/posts/" + std::to_string(id.value) + "/deliveries/" + std::to_string(account.value) + "/decision",
        wire::to_json(decision)));
  });
}

Future<wire::TextCheckResponse> ApiClient::check_text(wire::TextCheckRequest request) {
  return executor_->submit([this, request = std::move(request)] {
    return wire::parse_text_check_response(call("POST", "/text/check", wire::to_json(request)));
  });
}

Future<wire::AuditPage> ApiClient::audit(std::string query) {
  return executor_->submit([this, query = std::move(query)] {
    return wire::parse_audit_page(call("GET", "/audit" + (query.empty() ? std::string() : "?" + query), {}));
  });
}

namespace {

wire::AuditExport audit_export_of(HttpResponse response) {
  if (response.status < 200 || response.status > 299)
    throw wire::error_from_response(static_cast<int>(response.status), response.body);
  wire::AuditExport exported;
  std::string name = wire::kWithheldHeader;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (const auto found = response.headers.find(name); found != response.headers.end()) {
    try {
      exported.withheld = std::stoll(found->second);
    } catch (const std::exception&) {
      throw Error(ErrorCode::internal, "kanald answered an export with a withheld count that is no number");
    }
  }
  exported.body = std::move(response.body);
  return exported;
}

}  // namespace

Future<wire::AuditExport> ApiClient::export_audit(std::string query) {
  return executor_->submit(
      [this, query = std::move(query)] { return audit_export_of(exchange("GET", "/audit?" + query, {}, {}, true)); });
}

Future<std::vector<wire::ApprovalTarget>> ApiClient::approval(PostId id) {
  return executor_->submit(
      [this, id] { return wire::parse_approval(call("GET", "/posts/" + std::to_string(id.value) + "/approval")); });
}

Future<std::vector<User>> ApiClient::users() {
  return executor_->submit([this] { return wire::parse_users(call("GET", "/users", {})); });
}

Future<User> ApiClient::create_user(wire::NewUser user) {
  return executor_->submit(
      [this, user = std::move(user)] { return wire::parse_user(call("POST", "/users", wire::to_json(user))); });
}

Future<User> ApiClient::update_user(UserId id, wire::UserChanges changes) {
  return executor_->submit([this, id, changes = std::move(changes)] {
    return wire::parse_user(call("PATCH", "/users/" + std::to_string(id.value), wire::to_json(changes)));
  });
}

Future<Done> ApiClient::reset_password(UserId id, std::string password) {
  return executor_->submit([this, id, password = std::move(password)] {
    call("PUT", "/users/" + std::to_string(id.value) + "/password", wire::password_to_json(password));
    return Done{};
  });
}

Future<wire::SessionInfo> ApiClient::sign_in(std::string login, std::string password) {
  return executor_->submit([this, request = wire::SignInRequest{std::move(login), std::move(password)}] {
    return wire::parse_session(call("POST", "/sessions", wire::to_json(request), /*authenticated=*/false));
  });
}

Future<Done> ApiClient::rotate_workspace_token() {
  return executor_->submit([this] {
    call("POST", "/workspace/token/rotate");
    return Done{};
  });
}

Future<Done> ApiClient::sign_out() {
  return executor_->submit([this] {
    call("DELETE", "/sessions/current");
    return Done{};
  });
}

Future<std::vector<wire::Notice>> ApiClient::notices(std::int64_t after) {
  return executor_->submit([this, after] {
    return wire::parse_notices(call("GET", after > 0 ? "/me/notices?after=" + std::to_string(after) : "/me/notices"));
  });
}

Future<wire::Me> ApiClient::me() {
  return executor_->submit([this] { return wire::parse_me(call("GET", "/me")); });
}

Future<wire::ReviewView> ApiClient::submit(PostId id, std::vector<AccountId> accounts) {
  return executor_->submit([this, id, request = wire::PublishRequest{std::move(accounts)}] {
    return wire::parse_review_view(
        call("POST", "/posts/" + std::to_string(id.value) + "/submit", wire::to_json(request)));
  });
}

Future<wire::ReviewView> ApiClient::review(PostId id) {
  return executor_->submit(
      [this, id] { return wire::parse_review_view(call("GET", "/posts/" + std::to_string(id.value) + "/review")); });
}

Future<wire::ReviewView> ApiClient::approve(PostId id, wire::DecisionRequest decision) {
  return executor_->submit([this, id, decision = std::move(decision)] {
    return wire::parse_review_view(
        call("POST", "/posts/" + std::to_string(id.value) + "/approve", wire::to_json(decision)));
  });
}

Future<wire::ReviewView> ApiClient::send_back(PostId id, wire::DecisionRequest decision) {
  return executor_->submit([this, id, decision = std::move(decision)] {
    return wire::parse_review_view(
        call("POST", "/posts/" + std::to_string(id.value) + "/send-back", wire::to_json(decision)));
  });
}

Future<std::vector<wire::QueueItem>> ApiClient::approvals() {
  return executor_->submit([this] { return wire::parse_queue(call("GET", "/approvals")); });
}

Future<wire::ScheduleInfo> ApiClient::schedule_post(PostId id, wire::ScheduleRequest request) {
  return executor_->submit([this, id, request = std::move(request)] {
    return wire::parse_schedule_info(
        call("PUT", "/posts/" + std::to_string(id.value) + "/schedule", wire::to_json(request)));
  });
}

Future<wire::ScheduleInfo> ApiClient::add_to_queue(PostId id, std::vector<AccountId> accounts) {
  return executor_->submit([this, id, accounts = std::move(accounts)] {
    return wire::parse_schedule_info(
        call("POST", "/posts/" + std::to_string(id.value) + "/queue", wire::to_json(wire::QueueRequest{accounts})));
  });
}

Future<std::vector<wire::ScheduleInfo>> ApiClient::schedule_series(PostId id, wire::SeriesRequest request) {
  return executor_->submit([this, id, request = std::move(request)] {
    return wire::parse_schedule_infos(
        call("POST", "/posts/" + std::to_string(id.value) + "/series", wire::to_json(request)));
  });
}

Future<wire::QueueSlotsInfo> ApiClient::queue_slots(AccountId account) {
  return executor_->submit([this, account] {
    return wire::parse_queue_slots(call("GET", "/accounts/" + std::to_string(account.value) + "/slots"));
  });
}

Future<wire::QueueSlotsInfo> ApiClient::set_queue_slots(AccountId account, wire::QueueSlotsInfo slots) {
  return executor_->submit([this, account, slots = std::move(slots)] {
    return wire::parse_queue_slots(
        call("PUT", "/accounts/" + std::to_string(account.value) + "/slots", wire::to_json(slots)));
  });
}

Future<std::vector<wire::CalendarEntry>> ApiClient::calendar(Timestamp from, Timestamp to) {
  return executor_->submit([this, from, to] {
    return wire::parse_calendar(
        call("GET", "/schedule?from=" + url_encode(to_iso8601(from)) + "&to=" + url_encode(to_iso8601(to))));
  });
}

Future<std::string> ApiClient::schedule_ical(std::optional<Timestamp> from, std::optional<Timestamp> to) {
  return executor_->submit([this, from, to] {
    std::string query;
    if (from) query += "from=" + url_encode(to_iso8601(*from));
    if (to) query += std::string(query.empty() ? "" : "&") + "to=" + url_encode(to_iso8601(*to));
    return call("GET", "/schedule/ical" + (query.empty() ? "" : "?" + query));
  });
}

Future<std::vector<wire::Holiday>> ApiClient::holidays(std::string country, std::string from, std::string to) {
  return executor_->submit([this, country = std::move(country), from = std::move(from), to = std::move(to)] {
    return wire::parse_holidays(call(
        "GET", "/holidays?country=" + url_encode(country) + "&from=" + url_encode(from) + "&to=" + url_encode(to)));
  });
}

Future<wire::ImportResult> ApiClient::import_schedule(std::string csv) {
  return executor_->submit([this, csv = std::move(csv)] {
    auto response = exchange("POST", "/schedule/import", csv, "text/csv; charset=utf-8");
    if (response.status == 422) {
      auto result = wire::parse_import_result(response.body);  // the faults, by line and column
      if (!result.faults.empty()) return result;
    }
    if (response.status < 200 || response.status > 299) {
      throw wire::error_from_response(static_cast<int>(response.status), response.body);
    }
    return wire::parse_import_result(response.body);
  });
}

Future<wire::PublishingStatus> ApiClient::publishing_status() {
  return executor_->submit([this] { return wire::parse_publishing_status(call("GET", "/publishing/status")); });
}

Future<wire::PauseInfo> ApiClient::pause(wire::PauseRequest request) {
  return executor_->submit([this, request = std::move(request)] {
    return wire::parse_pause_info(call("POST", "/pauses", wire::to_json(request)));
  });
}

Future<wire::InboxPage> ApiClient::inbox(wire::InboxFilter filter) {
  return executor_->submit([this, filter = std::move(filter)] {
    std::string query = "limit=" + std::to_string(filter.limit);
    if (filter.account) query += "&account=" + std::to_string(filter.account->value);
    if (!filter.state.empty()) query += "&state=" + url_encode(filter.state);
    if (!filter.category.empty()) query += "&category=" + url_encode(filter.category);
    if (!filter.language.empty()) query += "&language=" + url_encode(filter.language);
    if (filter.assignee) query += "&assignee=" + std::to_string(filter.assignee->value);
    if (filter.from) query += "&from=" + url_encode(to_iso8601(*filter.from));
    if (filter.to) query += "&to=" + url_encode(to_iso8601(*filter.to));
    if (filter.before) query += "&before=" + std::to_string(filter.before->value);
    if (filter.offset > 0) query += "&offset=" + std::to_string(filter.offset);
    if (filter.count) query += "&count=true";
    return wire::parse_inbox_page(call("GET", "/inbox?" + query));
  });
}

Future<wire::Conversation> ApiClient::conversation(InteractionId id) {
  return executor_->submit(
      [this, id] { return wire::parse_conversation(call("GET", "/inbox/" + std::to_string(id.value))); });
}

Future<wire::InboxItem> ApiClient::moderate(InteractionId id, std::string action) {
  return executor_->submit([this, id, action = std::move(action)] {
    return wire::parse_inbox_item(
        call("POST", "/inbox/" + std::to_string(id.value) + "/moderate", wire::to_json(wire::ModerateRequest{action})));
  });
}

Future<wire::InboxItem> ApiClient::assign(InteractionId id, std::optional<UserId> user) {
  return executor_->submit([this, id, user] {
    return wire::parse_inbox_item(
        call("POST", "/inbox/" + std::to_string(id.value) + "/assign", wire::to_json(wire::AssignRequest{user})));
  });
}

Future<wire::InboxItem> ApiClient::set_inbox_state(InteractionId id, std::string state) {
  return executor_->submit([this, id, state = std::move(state)] {
    return wire::parse_inbox_item(
        call("POST", "/inbox/" + std::to_string(id.value) + "/state", wire::to_json(wire::InboxStateRequest{state})));
  });
}

Future<wire::AnswerResult> ApiClient::answer(InteractionId id, wire::AnswerRequest request) {
  return executor_->submit([this, id, request = std::move(request)] {
    return wire::parse_answer_result(
        call("POST", "/inbox/" + std::to_string(id.value) + "/reply", wire::to_json(request)));
  });
}

Future<wire::AnswerCheck> ApiClient::check_answer(InteractionId id, wire::AnswerRequest request) {
  return executor_->submit([this, id, request = std::move(request)] {
    return wire::parse_answer_check(
        call("POST", "/inbox/" + std::to_string(id.value) + "/reply-check", wire::to_json(request)));
  });
}

Future<wire::SyncResult> ApiClient::sync_inbox(std::optional<AccountId> account) {
  return executor_->submit([this, account] {
    const std::string body = account ? "{\"account_id\":" + std::to_string(account->value) + "}" : std::string("{}");
    return wire::parse_sync_result(call("POST", "/inbox/sync", body));
  });
}

Future<std::vector<wire::WeeklyAnswerTime>> ApiClient::answer_times(Timestamp from, Timestamp to) {
  return executor_->submit([this, from, to] {
    return wire::parse_weekly_answer_times(
        call("GET", "/inbox/answer-times?from=" + url_encode(to_iso8601(from)) + "&to=" + url_encode(to_iso8601(to))));
  });
}

Future<reports::Report> ApiClient::analytics(wire::AnalyticsQuery query) {
  return executor_->submit([this, query = std::move(query)] {
    return wire::parse_report(call("GET", "/analytics?" + wire::to_query(query)));
  });
}

Future<wire::CollectionInfo> ApiClient::collect_metrics() {
  return executor_->submit([this] { return wire::parse_collection_info(call("POST", "/analytics/collect", "{}")); });
}

Future<std::vector<wire::PostFiguresInfo>> ApiClient::post_figures(PostId id) {
  return executor_->submit(
      [this, id] { return wire::parse_post_figures(call("GET", "/posts/" + std::to_string(id.value) + "/figures")); });
}

Future<wire::ReportSettingsInfo> ApiClient::report_settings() {
  return executor_->submit([this] { return wire::parse_report_settings(call("GET", "/settings/reports")); });
}

Future<wire::ReportSettingsInfo> ApiClient::set_report_settings(wire::ReportSettingsInfo settings) {
  return executor_->submit([this, settings = std::move(settings)] {
    return wire::parse_report_settings(call("PUT", "/settings/reports", wire::to_json(settings)));
  });
}

Future<std::vector<wire::SavedReplyInfo>> ApiClient::saved_replies() {
  return executor_->submit([this] { return wire::parse_saved_replies(call("GET", "/saved-replies")); });
}

Future<wire::SavedReplyInfo> ApiClient::add_saved_reply(wire::SavedReplyInfo reply) {
  return executor_->submit([this, reply = std::move(reply)] {
    return wire::parse_saved_reply(call("POST", "/saved-replies", wire::to_json(reply)), true);
  });
}

Future<Done> ApiClient::remove_saved_reply(std::int64_t id) {
  return executor_->submit([this, id] {
    call("DELETE", "/saved-replies/" + std::to_string(id));
    return Done{};
  });
}

Future<wire::Resumed> ApiClient::resume(std::int64_t pause_id) {
  return executor_->submit([this, pause_id] {
    return wire::parse_resumed(call("POST", "/pauses/" + std::to_string(pause_id) + "/resume"));
  });
}

Future<std::vector<wire::BlackoutInfo>> ApiClient::blackouts() {
  return executor_->submit([this] { return wire::parse_blackouts(call("GET", "/blackouts")); });
}

Future<wire::BlackoutInfo> ApiClient::add_blackout(wire::BlackoutRequest request) {
  return executor_->submit([this, request = std::move(request)] {
    return wire::parse_blackout_info(call("POST", "/blackouts", wire::to_json(request)));
  });
}

Future<Done> ApiClient::remove_blackout(std::int64_t id) {
  return executor_->submit([this, id] {
    call("DELETE", "/blackouts/" + std::to_string(id));
    return Done{};
  });
}

Future<wire::PublishingSettingsInfo> ApiClient::publishing_settings() {
  return executor_->submit([this] { return wire::parse_publishing_settings(call("GET", "/settings/publishing")); });
}

Future<wire::PublishingSettingsInfo> ApiClient::set_publishing_settings(wire::PublishingSettingsInfo settings) {
  return executor_->submit([this, settings] {
    return wire::parse_publishing_settings(call("PUT", "/settings/publishing", wire::to_json(settings)));
  });
}

Future<Done> ApiClient::set_test_clock(Timestamp now) {
  return executor_->submit([this, now] {
    call("POST", "/test-clock", "{\"now\":\"" + to_iso8601(now) + "\"}");
    return Done{};
  });
}

Future<wire::ScheduleInfo> ApiClient::schedule_of(PostId id) {
  return executor_->submit([this, id] {
    return wire::parse_schedule_info(call("GET", "/posts/" + std::to_string(id.value) + "/schedule"));
  });
}

Future<Done> ApiClient::unschedule(PostId id) {
  return executor_->submit([this, id] {
    call("DELETE", "/posts/" + std::to_string(id.value) + "/schedule");
    return Done{};
  });
}

Future<std::vector<wire::ApprovalTarget>> ApiClient::try_policy(std::string text, PostId post) {
  return executor_->submit([this, text = std::move(text), post] {
    const auto body = json::written([&](json::JsonWriter& w) {
      w.StartObject();
      json::write_string(w, "policy", text);
      w.Key("post_id");
      w.Int64(post.value);
      w.EndObject();
    });
    return wire::parse_approval(call("POST", "/policy/try", body));
  });
}

Future<wire::AuditExport> ApiClient::export_audit_to(std::string query, std::filesystem::path path) {
  return executor_->submit([this, query = std::move(query), path = std::move(path)] {
    auto exported = audit_export_of(exchange("GET", "/audit?" + query, {}, {}, true));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << exported.body;
    out.close();
    if (!out) throw Error(ErrorCode::internal, "could not write " + path.string());
    exported.body.clear();
    return exported;
  });
}

Future<AuditChainCheck> ApiClient::verify_audit() {
  return executor_->submit([this] { return wire::parse_audit_check(call("GET", "/audit/verify", {})); });
}

Future<AuditChainCheck> ApiClient::verify_audit_against(AuditAnchor anchor) {
  return executor_->submit([this, anchor = std::move(anchor)] {
    return wire::parse_audit_check(call("POST", "/audit/verify", wire::to_json(anchor)));
  });
}

Future<AuditAnchor> ApiClient::anchor_audit() {
  return executor_->submit([this] { return wire::parse_audit_anchor(call("POST", "/audit/anchors", "{}")); });
}

Future<text::Catalog> ApiClient::templates() {
  return executor_->submit([this] { return text::parse_catalog(call("GET", "/templates", {})); });
}

Future<std::shared_ptr<const text::WordLists>> ApiClient::word_lists() {
  return executor_->submit([this] { return wire::parse_word_lists(call("GET", "/text/lists", {})); });
}

Future<std::shared_ptr<const text::WordLists>> ApiClient::add_to_dictionary(std::string word) {
  return executor_->submit([this, word = std::move(word)] {
    return wire::parse_word_lists(call("POST", "/text/dictionary", wire::dictionary_word_json(word)));
  });
}

Future<wire::ComposeResponse> ApiClient::compose(wire::ComposeRequest request) {
  return executor_->submit([this, request = std::move(request)] {
    return wire::parse_compose_response(call("POST", "/compose", wire::to_json(request)));
  });
}

Future<std::vector<wire::DeliveryInfo>> ApiClient::deliveries(PostId id) {
  return executor_->submit(
      [this, id] { return wire::parse_deliveries(call("GET", "/posts/" + std::to_string(id.value) + "/deliveries")); });
}

MediaInfo ApiClient::post_media(const std::string& bytes, const std::string& filename) const {
  const auto type = image_content_type(bytes);
  if (type.empty()) throw Error(ErrorCode::invalid_input, filename + " is not a PNG, JPEG, GIF or WebP image", "file");
  return wire::parse_media_info(call("POST", "/media?filename=" + url_encode(filename), bytes, true, type));
}

Future<MediaInfo> ApiClient::upload_media(std::string bytes, std::string filename) {
  return executor_->submit(
      [this, bytes = std::move(bytes), filename = std::move(filename)] { return post_media(bytes, filename); });
}

Future<MediaInfo> ApiClient::upload_media_file(std::filesystem::path file) {
  return executor_->submit([this, file = std::move(file)] {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) throw Error(ErrorCode::invalid_input, "cannot read " + file.string() + ": " + error.message());
    if (size > kMaxImageBytes) {
      throw Error(ErrorCode::payload_too_large, file.filename().string() + " is " + std::to_string(size >> 20) +
                                                    " MiB; images can be at most " +
                                                    std::to_string(kMaxImageBytes >> 20) + " MiB");
    }
    std::ifstream in(file, std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    if (!in && !in.eof()) throw Error(ErrorCode::invalid_input, "cannot read " + file.string());
    return post_media(bytes, file.filename().string());
  });
}

Future<std::string> ApiClient::media_content(MediaId id) {
  return executor_->submit([this, id] { return call("GET", "/media/" + std::to_string(id.value)); });
}

Future<Done> ApiClient::delete_post(PostId id) {
  return executor_->submit([this, id] {
    call("DELETE", "/posts/" + std::to_string(id.value));
    return Done{};
  });
}

}  // namespace kanal::client
