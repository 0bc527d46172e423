// Mastodon's answers as the plugin reads them: instance, app, token,
// account, status, media, notifications, context, figures, the account's
// own statuses and a status's source, and status HTML as text.
#include <functional>
#include <vector>

#include "core/utf8.h"
#include "fuzz_support.h"
#include "mastodon_responses.h"

using namespace kanal;
using namespace kanal::mastodon;

namespace {

const std::string kInstance = "https://social.example";

const std::vector<std::function<void(const std::string&)>> kReaders{
    [](const std::string& body) { parse_instance(body, NetworkDescriptor{}); },
    [](const std::string& body) { parse_app(body); },
    [](const std::string& body) { parse_token(body, Token{}); },
    [](const std::string& body) { parse_account(body, kInstance); },
    [](const std::string& body) { parse_status(body); },
    [](const std::string& body) {
      parse_media(net::HttpResponse{200, {}, body});
    },
    [](const std::string& body) {
      parse_media(net::HttpResponse{202, {}, body});
    },
    [](const std::string& body) {
      const auto page = parse_notifications(body, "", 40, kInstance);
      if (page.items.size() > 40) fuzz::broken("a page holds more than its limit");
    },
    [](const std::string& body) { parse_context(body, kInstance); },
    [](const std::string& body) { parse_account_metrics(body); },
    [](const std::string& body) { parse_post_metrics(body); },
    [](const std::string& body) { parse_own_statuses(body); },
    [](const std::string& body) { parse_status_source(body); },
    [](const std::string& body) {
      const auto text = html_to_text(body);
      if (utf8::is_valid(body) && !utf8::is_valid(text)) fuzz::broken("html_to_text broke valid UTF-8");
    },
    [](const std::string& body) {
      // A status is always found to be what it was written as.
      if (!written_as(body, body, false)) fuzz::broken("written_as(text, text) is false");
      if (!may_be_written_as(body, body)) fuzz::broken("may_be_written_as(text, text) is false");
    },
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [which, body] = fuzz::choose(data, size, kReaders.size());
  fuzz::refused_or_read([&, which = which, body = std::string(body)] { kReaders[which](body); });
  return 0;
}
