#include "publishing/publication.h"

#include "core/error.h"
#include "text/network_count.h"

namespace kanal::publishing {
namespace {

void require_images_fit(const std::vector<Attachment>& media, std::size_t part, const Account& account,
                        const NetworkDescriptor& network, const std::string& field) {
  const auto where = part == 0 ? std::string("the post") : "part " + std::to_string(part + 1) + " of the thread";
  if (!media.empty() && !network.has(plugin::kMedia)) {
    throw Error(ErrorCode::invalid_input, network.display_name + " does not take images (" + account.handle + ")",
                field);
  }
  if (part == 0 && media.size() < network.media.min_attachments) {
    throw Error(ErrorCode::invalid_input,
                network.display_name + " publishes only posts with an image (" + account.handle + "): add one", field);
  }
  if (network.media.max_attachments != 0 && media.size() > network.media.max_attachments) {
    throw Error(ErrorCode::invalid_input,
                where + " has " + std::to_string(media.size()) + " images; " + network.display_name + " takes " +
                    std::to_string(network.media.max_attachments),
                field);
  }
  for (std::size_t i = 0; i < media.size(); ++i) {
    if (media[i].description.find_first_not_of(" \t\r\n") == std::string::npos) {
      throw Error(ErrorCode::invalid_input,
                  "image " + std::to_string(i + 1) + " of " + where +
                      " has no description (alt text): people who cannot see it need one",
                  field);
    }
  }
}

// Counted as the network counts it, before anything is sent: the composer
// showed the same count. `rewritten`: press contacts' handles changed the
// text, which the person should hear, since theirs fitted.
void require_text_fits(const std::string& text, bool rewritten, std::size_t part, const Account& account,
                       const NetworkDescriptor& network, const std::string& field) {
  const auto count = text::count_text(text, text::rules_for_account(account, &network));
  if (count.valid) return;
  const auto where = part == 0 ? std::string("the post") : "part " + std::to_string(part + 1) + " of the thread";
  throw Error(
      ErrorCode::invalid_input,
      where + " is " + std::to_string(count.count) + "/" + std::to_string(count.limit) + " " + std::string(count.unit) +
          (rewritten ? " with the press contacts' handles (or names) for " + network.display_name : "") +
          ": too long for " + network.display_name + " (" + account.handle + "); shorten it or split it into a thread",
      field);
}

const std::string& written_for(const Post& post, AccountId account) {
  for (const auto& variant : post.variants) {
    if (variant.account == account) return variant.text;
  }
  return post.text;
}

// Links, mentions and hashtags where the network finds them, at UTF-8 byte
// offsets (Bluesky's facets are byte ranges).
std::vector<plugin::TextEntity> entities_of(const std::string& text, const text::CountRules& rules) {
  std::vector<plugin::TextEntity> entities;
  for (const auto& found : text::find_entities(text, rules)) {
    const auto kind = found.kind == text::EntityKind::url       ? plugin::TextEntity::link
                      : found.kind == text::EntityKind::mention ? plugin::TextEntity::mention
                                                                : plugin::TextEntity::hashtag;
    entities.push_back({kind, found.byte_start, found.byte_end, found.value});
  }
  return entities;
}

plugin::Part part_of(const std::string& text, const std::vector<Attachment>& attachments, store::MediaRepository& media,
                     const text::CountRules& rules) {
  plugin::Part part{text, {}, entities_of(text, rules)};
  for (const auto& attachment : attachments) {
    auto info = media.find(attachment.media);
    auto content = info ? media.content(attachment.media) : std::nullopt;
    if (!content) throw Error(ErrorCode::not_found, "image " + std::to_string(attachment.media.value) + " is gone");
    part.media.push_back(
        plugin::Media{std::move(*content), info->content_type, info->filename, attachment.description});
  }
  return part;
}

}  // namespace

std::vector<std::string> texts_for(const Post& post, const Account& account, const contacts::PressMentions& press) {
  std::vector<std::string> texts{press.for_network(written_for(post, account.id), account.network)};
  for (const auto& part : post.thread) texts.push_back(press.for_network(part.text, account.network));
  return texts;
}

void require_publishable(const Post& post, const Account& account, const NetworkDescriptor& network,
                         const contacts::PressMentions& press, const std::string& field) {
  if (!post.thread.empty() && !network.has(plugin::kThreads)) {
    throw Error(ErrorCode::invalid_input, network.display_name + " cannot publish threads (" + account.handle + ")",
                field);
  }
  const auto texts = texts_for(post, account, press);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto& written = i == 0 ? written_for(post, account.id) : post.thread[i - 1].text;
    require_text_fits(texts[i], texts[i] != written, i, account, network, field);
  }
  require_images_fit(post.media, 0, account, network, field);
  for (std::size_t i = 0; i < post.thread.size(); ++i) {
    require_images_fit(post.thread[i].media, i + 1, account, network, field);
  }
}

plugin::Publication publication_for(const Post& post, const Account& account, const NetworkDescriptor& network,
                                    const contacts::PressMentions& press, store::MediaRepository& media) {
  const auto rules = text::rules_for_account(account, &network);
  const auto texts = texts_for(post, account, press);
  plugin::Publication publication;
  publication.parts.push_back(part_of(texts[0], post.media, media, rules));
  for (std::size_t i = 0; i < post.thread.size(); ++i) {
    publication.parts.push_back(part_of(texts[i + 1], post.thread[i].media, media, rules));
  }
  return publication;
}

}  // namespace kanal::publishing
