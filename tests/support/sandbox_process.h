#pragma once
// A real kanal-sandbox for a test, on a free port of 127.0.0.1, with helpers
// for its /_sandbox/ control API and for the browser step of OAuth.

#include <rapidjson/document.h>

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
  void revoke_tokens();
  // GET /_sandbox/statuses, parsed.
  rapidjson::Document statuses();
  // How many requests reached a path (any method) so far.
  std::size_t requests_to(const std::string& method, const std::string& path);

  // What a person does in the browser: open the page, press Authorize.
  // Returns the URL the browser is then sent to (the app's redirect_uri).
  std::string approve_in_browser(const std::string& authorize_url);

 private:
  void control(const std::string& method, const std::string& path, const std::string& body = {});

  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  std::string url_;
};

}  // namespace kanal::test
