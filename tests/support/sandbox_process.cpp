#include "support/sandbox_process.h"

#include <Poco/URI.h>
#include <signal.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "api/client/http_client.h"
#include "core/json.h"

namespace kanal::test {

SandboxProcess::SandboxProcess(std::vector<std::string> extra_args) {
  const auto port_file = dir_.path() / "port";
  // The audience stays still unless a test moves it, always the same way.
  std::vector<std::string> argv{
      program("kanal-sandbox").string(), "--port-file", port_file.string(), "--audience-speed", "0", "--seed", "7"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  process_ = std::make_unique<ChildProcess>(argv, dir_.path() / "sandbox.log");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      url_ = "http://127.0.0.1:" + std::to_string(port);
      return;
    }
    if (!process_->running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("kanal-sandbox did not start:\n" + read_text_file(dir_.path() / "sandbox.log"));
}

SandboxProcess::~SandboxProcess() {
  process_->signal(SIGTERM);
  process_->wait(std::chrono::seconds(10));
}

std::string SandboxProcess::control(const std::string& method, const std::string& path, const std::string& body) {
  client::HttpRequest request;
  request.method = method;
  request.url = url_ + path;
  request.body = body;
  if (!body.empty()) request.headers["Content-Type"] = "application/json";
  auto response = client::perform(request);
  if (response.status >= 300) throw std::runtime_error(method + " " + path + " failed: " + response.body);
  return response.body;
}

std::string SandboxProcess::comment(const std::string& json) {
  const auto answer = json::parse_json(control("POST", "/_sandbox/comments", json));
  return answer["id"].GetString();
}

rapidjson::Document SandboxProcess::all_statuses() { return get("/_sandbox/statuses"); }

void SandboxProcess::add_fault(const std::string& json) { control("POST", "/_sandbox/faults", json); }

void SandboxProcess::set_latency(std::chrono::milliseconds latency) {
  control("POST", "/_sandbox/latency", R"({"ms":)" + std::to_string(latency.count()) + "}");
}

void SandboxProcess::revoke_tokens() { control("POST", "/_sandbox/revoke-tokens"); }

void SandboxProcess::advance_audience(std::chrono::minutes simulated) {
  control("POST", "/_sandbox/audience/advance", R"({"minutes":)" + std::to_string(simulated.count()) + "}");
}

void SandboxProcess::withhold_counts(const std::vector<std::string>& counts) {
  std::string body = R"({"counts":[)";
  for (std::size_t i = 0; i < counts.size(); ++i) body += (i == 0 ? "\"" : ",\"") + counts[i] + "\"";
  control("POST", "/_sandbox/withhold-counts", body + "]}");
}

rapidjson::Document SandboxProcess::get(const std::string& path) {
  client::HttpRequest request;
  request.url = url_ + path;
  return json::parse_json(client::perform(request).body);
}

rapidjson::Document SandboxProcess::statuses() {
  auto all = get("/_sandbox/statuses");
  rapidjson::Document agency(rapidjson::kArrayType);
  for (auto& status : all.GetArray()) {
    if (!status["citizen"].GetBool())
      agency.PushBack(rapidjson::Value(status, agency.GetAllocator()), agency.GetAllocator());
  }
  return agency;
}

rapidjson::Document SandboxProcess::audience_statuses() {
  auto all = get("/_sandbox/statuses");
  rapidjson::Document citizens(rapidjson::kArrayType);
  for (auto& status : all.GetArray()) {
    if (status["citizen"].GetBool())
      citizens.PushBack(rapidjson::Value(status, citizens.GetAllocator()), citizens.GetAllocator());
  }
  return citizens;
}

rapidjson::Document SandboxProcess::moderation() { return get("/_sandbox/moderation"); }

std::vector<std::string> SandboxProcess::issued_secrets() {
  std::vector<std::string> secrets;
  const auto list = get("/_sandbox/secrets");
  for (const auto& secret : list.GetArray()) secrets.emplace_back(secret.GetString());
  return secrets;
}

rapidjson::Document SandboxProcess::requests() { return get("/_sandbox/requests"); }

std::size_t SandboxProcess::requests_to(const std::string& method, const std::string& path) {
  const auto doc = requests();
  std::size_t count = 0;
  for (const auto& entry : doc.GetArray()) {
    if (method == entry["method"].GetString() && path == entry["path"].GetString()) ++count;
  }
  return count;
}

std::string SandboxProcess::approve_in_browser(const std::string& authorize_url) {
  client::HttpRequest page;
  page.url = authorize_url;
  auto shown = client::perform(page);
  if (shown.status != 200 || shown.body.find("Authorize") == std::string::npos) {
    throw std::runtime_error("the authorization page did not show: " + shown.body);
  }
  // Pressing the button posts the page's hidden fields, which are the query's.
  Poco::URI uri(authorize_url);
  std::string form = "approve=1";
  for (const auto& [name, value] : uri.getQueryParameters()) {
    std::string encoded;
    Poco::URI::encode(value, "&=+?#/:", encoded);
    form += "&" + name + "=" + encoded;
  }
  client::HttpRequest press;
  press.method = "POST";
  press.url = url_ + "/oauth/authorize";
  press.headers["Content-Type"] = "application/x-www-form-urlencoded";
  press.body = form;
  auto answer = client::perform(press);
  if (answer.status != 302) throw std::runtime_error("authorizing failed: " + answer.body);
  return answer.headers["location"];
}

std::string comment_json(const std::string& text, const std::string& in_reply_to, const std::string& from,
                         const std::string& language) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "text", text);
    json::write_string(w, "in_reply_to_id", in_reply_to);
    json::write_string(w, "from", from);
    json::write_string(w, "language", language);
    w.EndObject();
  });
}

}  // namespace kanal::test
