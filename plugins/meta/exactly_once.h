#pragma once
// Making a post or an answer exactly once on a network that takes no
// idempotency key (Graph), with what the host's store keeps under the
// publication's key: the text as first sent, what was uploaded for it
// (unpublished photos, media containers), and, while the post itself is
// being made, when; then its id. A later attempt with the same key (after a
// lost answer, a crash) first looks for it on the account, from shortly
// before then, and sends only when it is not there. Meta lists a new post
// after a moment: until a minute has passed, a post not found is an unknown
// outcome still, never a reason to send again.

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "kanal/plugin/network.h"

namespace kanal::meta {

// What the host's store keeps under a publication's (or an answer's) key:
// its text as first sent, the media made for it (unpublished photos,
// containers), and, while the post itself is being made, when; then its id.
struct Attempt {
  std::string text;
  std::vector<std::string> media;
  std::vector<std::string> hosted;  // uploaded only for the network to fetch: removed once it has
  std::string sending_at;           // ISO 8601: sent then, its answer not had
  std::string id;                   // made
};
std::optional<Attempt> read_attempt(const std::optional<std::string>& kept);
std::string written(const Attempt& attempt);

class ExactlyOnce {
 public:
  ExactlyOnce(plugin::Host& host, std::string network) : host_(host), network_(std::move(network)) {}

  // `prepare` uploads what the post needs (noting each upload with `save`),
  // `send` makes it and answers its id; `find` looks for it after an
  // unknown outcome. Answers the id, made now or before.
  using Prepare = std::function<void(Attempt&, const std::function<void()>& save)>;
  using Send = std::function<std::string(const Attempt&)>;
  using Find = std::function<std::optional<std::string>(const Attempt&, Timestamp sent_at)>;
  std::string make(const std::string& key, const std::string& text, const Prepare& prepare, const Send& send,
                   const Find& find);

 private:
  plugin::Host& host_;
  std::string network_;
  std::mutex state_mutex_;
};

}  // namespace kanal::meta
