#pragma once
// A real kanal-sandbox for a test, on a free port of 127.0.0.1, with helpers
// for its /_sandbox/ control API and for the browser step of OAuth.

#include <rapidjson/document.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"
#include "support/temp_dir.h"

namespace kanal::test {

class SandboxProcess {
 public:
  explicit SandboxProcess(std::vector<std::string> extra_args = {});
  ~SandboxProcess();

  const std::string& url() const { return url_; }
  // POST /_sandbox/faults with this JSON (see services/sandbox/faults.h).
  void add_fault(const std::string& json);
  // Every request answered this much later (POST /_sandbox/latency).
  void set_latency(std::chrono::milliseconds latency);
  void revoke_tokens();
  // The agency's statuses (GET /_sandbox/statuses without the audience's).
  rapidjson::Document statuses();
  // What the simulated audience wrote.
  rapidjson::Document audience_statuses();
  // Every access token, refresh token and client secret it issued.
  std::vector<std::string> issued_secrets();
  // A citizen's comment (POST /_sandbox/comments: text, in_reply_to_id or
  // to, from, language, visibility); its status id.
  std::string comment(const std::string& json);
  // Every status, the audience's and the agency's, with "hidden".
  rapidjson::Document all_statuses();
  // Mutes, blocks and reports the agency made.
  rapidjson::Document moderation();
  // What `simulated` minutes of the audience bring (it stays still otherwise).
  void advance_audience(std::chrono::minutes simulated);
  // The server stops giving these counts (e.g. "favourites_count"); {} gives all again.
  void withhold_counts(const std::vector<std::string>& counts);
  // Every request it answered: at, method, path, idempotency_key, status (GET /_sandbox/requests).
  rapidjson::Document requests();
  // How many requests reached a path (any method) so far.
  std::size_t requests_to(const std::string& method, const std::string& path);

  // What a person does in the browser: open the page, press Authorize.
  // Returns the URL the browser is then sent to (the app's redirect_uri).
  std::string approve_in_browser(const std::string& authorize_url);

 private:
  // The answer's body; throws for a status of 300 or more.
  std::string control(const std::string& method, const std::string& path, const std::string& body = {});
  rapidjson::Document get(const std::string& path);

  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  std::string url_;
};

// The body of SandboxProcess::comment: a citizen `from` answers `in_reply_to`.
std::string comment_json(const std::string& text, const std::string& in_reply_to, const std::string& from,
                         const std::string& language = "en");

}  // namespace kanal::test
