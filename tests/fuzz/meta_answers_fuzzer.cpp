// Meta's Graph answers as the Facebook and Instagram plugins read them:
// comments and posts, media, error answers, the usage headers that hold
// calls back, Graph's times and paging cursors, and the credentials and
// publish attempts the plugins keep.
#include <functional>
#include <vector>

#include "exactly_once.h"
#include "facebook_items.h"
#include "fuzz_support.h"
#include "graph_api.h"
#include "graph_objects.h"
#include "instagram_items.h"
#include "meta_app.h"

using namespace kanal;

namespace {

// Each item of the answer's "data" (or the answer itself) as a comment, a reply and a post.
template <class Read>
void each_item(const std::string& body, Read read) {
  const auto answer = plugin::parse_answer(body, "items");
  const auto* data = plugin::member(answer, "data");
  if (data != nullptr && data->IsArray()) {
    for (const auto& item : data->GetArray()) read(item);
  } else {
    read(answer);
  }
}

const std::vector<std::function<void(const std::string&)>> kReaders{
    [](const std::string& body) {
      each_item(body, [](const rapidjson::Value& item) {
        std::vector<std::string> unreadable;
        const auto read = facebook::interaction_of(item, plugin::InteractionKind::reply, "1_2", unreadable);
        if (read.has_value() == !unreadable.empty()) fuzz::broken("an item neither read nor named unreadable");
        facebook::person_of(item);
      });
    },
    [](const std::string& body) {
      each_item(body, [](const rapidjson::Value& item) {
        std::vector<std::string> unreadable;
        const auto read = instagram::interaction_of(item, plugin::InteractionKind::reply, "17", "text", unreadable);
        if (read.has_value() == !unreadable.empty()) fuzz::broken("an item neither read nor named unreadable");
      });
    },
    [](const std::string& body) {
      meta::graph_error_of(body);
      for (const long status : {400L, 403L, 500L})
        meta::graph_failure(net::HttpResponse{status, {}, body}, "fuzz", true, from_unix_ms(1'796'000'000'000));
    },
    [](const std::string& body) {
      for (const char* header : {"x-app-usage", "x-business-use-case-usage", "x-page-usage"}) {
        const auto usage = meta::usage_of(net::HttpResponse{200, {{header, body}}, "{}"});
        if (usage.percent < 0 || usage.regain.count() < 0) fuzz::broken("a usage below zero");
      }
    },
    [](const std::string& body) {
      if (const auto at = meta::graph_time(body)) meta::unix_seconds(*at);
      meta::cursor_time(body);
      meta::is_graph_id(body);
      meta::comparable(body);
    },
    [](const std::string& body) { meta::access_of(plugin::Credentials{body}); },
    [](const std::string& body) {
      if (const auto attempt = meta::read_attempt(body)) {
        if (meta::read_attempt(meta::written(*attempt)) == std::nullopt)
          fuzz::broken("a kept attempt does not read back");
      }
    },
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [which, body] = fuzz::choose(data, size, kReaders.size());
  fuzz::refused_or_read([&, which = which, body = std::string(body)] { kReaders[which](body); });
  return 0;
}
