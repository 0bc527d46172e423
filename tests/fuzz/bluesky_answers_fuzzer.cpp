// The AT Protocol's answers as the Bluesky plugin reads them: notifications,
// threads, post views and their figures, sessions kept as credentials,
// JWTs, at:// URIs, XRPC errors and the image headers it sizes.
#include <functional>
#include <vector>

#include "bluesky_records.h"
#include "bluesky_session.h"
#include "bluesky_xrpc.h"
#include "fuzz_support.h"
#include "kanal/plugin/answers.h"

using namespace kanal;
using namespace kanal::bluesky;

namespace {

const std::string kWeb = "https://bsky.app";

const std::vector<std::function<void(const std::string&)>> kReaders{
    [](const std::string& body) {
      const auto answer = plugin::parse_answer(body, "notifications");
      parse_notifications(answer, "", kWeb);
      parse_notifications(answer, "2026-12-01T00:00:00.000Z", kWeb);
    },
    [](const std::string& body) { parse_thread(plugin::parse_answer(body, "thread"), kWeb); },
    [](const std::string& body) {
      const auto answer = plugin::parse_answer(body, "post view");
      interaction_of(answer, kWeb);
      post_metrics_of(answer);
    },
    [](const std::string& body) {
      const auto session = session_of(plugin::Credentials{body});
      const auto kept = to_credentials(session);
      if (to_credentials(session_of(kept)).secret != kept.secret) fuzz::broken("a session does not keep as itself");
    },
    [](const std::string& body) { jwt_expiry(body); },
    [](const std::string& body) {
      if (const auto uri = parse_at_uri(body)) post_url(kWeb, "someone.example", body);
      is_tid(body);
    },
    [](const std::string& body) { image_size(body); },
    [](const std::string& body) {
      for (const long status : {400L, 401L, 429L, 500L}) {
        const net::HttpResponse response{status, {{"ratelimit-reset", "1700000000"}}, body};
        xrpc_failure(response, "fuzz");
        xrpc_error_name(response);
      }
    },
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [which, body] = fuzz::choose(data, size, kReaders.size());
  fuzz::refused_or_read([&, which = which, body = std::string(body)] { kReaders[which](body); });
  return 0;
}
