#include "publishing/publication.h"

#include "core/error.h"

namespace kanal::publishing {
namespace {

void require_images_fit(const std::vector<Attachment>& media, std::size_t part, const Account& account,
                        const plugin::NetworkDescription& network, const std::string& field) {
  const auto where = part == 0 ? std::string("the post") : "part " + std::to_string(part + 1) + " of the thread";
  if (!media.empty() && !network.has(plugin::kMedia)) {
    throw Error(ErrorCode::invalid_input, network.display_name + " does not take images (" + account.handle + ")",
                field);
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

plugin::Part part_of(const std::string& text, const std::vector<Attachment>& attachments,
                     store::MediaRepository& media) {
  plugin::Part part{text, {}};
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

void require_publishable(const Post& post, const Account& account, const plugin::NetworkDescription& network,
                         const std::string& field) {
  if (!post.thread.empty() && !network.has(plugin::kThreads)) {
    throw Error(ErrorCode::invalid_input, network.display_name + " cannot publish threads (" + account.handle + ")",
                field);
  }
  require_images_fit(post.media, 0, account, network, field);
  for (std::size_t i = 0; i < post.thread.size(); ++i) {
    require_images_fit(post.thread[i].media, i + 1, account, network, field);
  }
}

plugin::Publication publication_for(const Post& post, AccountId account, store::MediaRepository& media) {
  std::string text = post.text;
  for (const auto& variant : post.variants) {
    if (variant.account == account) text = variant.text;
  }
  plugin::Publication publication;
  publication.parts.push_back(part_of(text, post.media, media));
  for (const auto& part : post.thread) publication.parts.push_back(part_of(part.text, part.media, media));
  return publication;
}

}  // namespace kanal::publishing
