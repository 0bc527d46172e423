// X's answers as the X plugin reads them: posts and the people they name,
// figures, not-found errors, error answers and token answers.
#include <functional>
#include <vector>

#include "fuzz_support.h"
#include "kanal/plugin/answers.h"
#include "x_api.h"
#include "x_tokens.h"
#include "x_tweets.h"

using namespace kanal;
using namespace kanal::x;

namespace {

const Timestamp kNow = from_unix_ms(1'796'000'000'000);

const std::vector<std::function<void(const std::string&)>> kReaders{
    [](const std::string& body) {
      const auto answer = plugin::parse_answer(body, "posts");
      std::vector<std::string> unreadable;
      const auto people = people_of(answer);
      for (const auto& tweet : tweets_of(answer, &unreadable)) {
        if (tweet.id.empty()) fuzz::broken("a post without an id was read");
        interaction_of(tweet, people, "2244994945");
      }
      not_found_ids(answer);
    },
    [](const std::string& body) { post_metrics_of(plugin::parse_answer(body, "post")); },
    [](const std::string& body) {
      for (const long status : {400L, 401L, 403L, 429L, 503L}) {
        const net::HttpResponse response{status, {{"x-rate-limit-reset", "1796000900"}}, body};
        x_failure(response, "fuzz", true, kNow);
        is_duplicate(response);
      }
    },
    [](const std::string& body) {
      const auto credentials = credentials_from_token_answer(body, kNow);
      const auto tokens = tokens_of(credentials);
      if (tokens.access_token.empty()) fuzz::broken("credentials without an access token");
    },
    [](const std::string& body) { tokens_of(plugin::Credentials{body}); },
    [](const std::string& body) {
      comparable(body);
      if (is_post_id(body) && newer_id(body, body)) fuzz::broken("an id is newer than itself");
    },
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [which, body] = fuzz::choose(data, size, kReaders.size());
  fuzz::refused_or_read([&, which = which, body = std::string(body)] { kReaders[which](body); });
  return 0;
}
