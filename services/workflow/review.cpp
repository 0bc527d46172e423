#include "workflow/review.h"

#include <sodium.h>

#include <algorithm>

#include "core/json.h"

namespace kanal::workflow {
namespace {

void write_media(json::JsonWriter& w, const std::vector<Attachment>& media) {
  w.Key("media");
  w.StartArray();
  for (const auto& item : media) {
    w.StartObject();
    w.Key("media_id");
    w.Int64(item.media.value);
    json::write_string(w, "description", item.description);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

Facts facts_for(const Post& post, const Account& account, Role author_role) {
  Facts facts;
  facts.account_handle = account.handle;
  facts.author_role = author_role;
  facts.rights_and_entitlements = post.needs_expert_check;
  facts.reply = post.reply_to.valid();
  const auto variant = std::find_if(post.variants.begin(), post.variants.end(),
                                    [&](const Variant& v) { return v.account == account.id; });
  const std::string& carried = variant == post.variants.end() ? post.text : variant->text;
  // Unchanged: the template's text as composed, or as composed without the
  // segment's hashtag line (the variant of an account where they did not fit).
  const std::string& composed = post.origin.template_text;
  const auto tags = composed.rfind("\n#");
  facts.template_unchanged =
      !post.origin.template_id.empty() && post.thread.empty() &&
      (carried == composed || (tags != std::string::npos && carried == composed.substr(0, tags)));
  return facts;
}

std::string content_snapshot(const Post& post, std::vector<AccountId> targets) {
  std::sort(targets.begin(), targets.end(), [](AccountId a, AccountId b) { return a.value < b.value; });
  auto variants = post.variants;
  std::sort(variants.begin(), variants.end(),
            [](const Variant& a, const Variant& b) { return a.account.value < b.account.value; });
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "text", post.text);
    write_media(w, post.media);
    w.Key("thread");
    w.StartArray();
    for (const auto& part : post.thread) {
      w.StartObject();
      json::write_string(w, "text", part.text);
      write_media(w, part.media);
      w.EndObject();
    }
    w.EndArray();
    w.Key("variants");
    w.StartArray();
    for (const auto& variant : variants) {
      w.StartObject();
      w.Key("account_id");
      w.Int64(variant.account.value);
      json::write_string(w, "text", variant.text);
      w.EndObject();
    }
    w.EndArray();
    json::write_string(w, "language", post.language);
    w.Key("targets");
    w.StartArray();
    for (const auto& target : targets) w.Int64(target.value);
    w.EndArray();
    w.EndObject();
  });
}

std::string content_hash(const std::string& snapshot) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(snapshot.data()), snapshot.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::vector<Step> combined_steps(const std::vector<Decision>& decisions) {
  std::vector<Step> steps;
  for (const auto step : {Step::subject_expert, Step::line_manager, Step::director}) {
    const bool needed = std::any_of(decisions.begin(), decisions.end(), [&](const Decision& d) {
      return std::find(d.steps.begin(), d.steps.end(), step) != d.steps.end();
    });
    if (needed) steps.push_back(step);
  }
  return steps;
}

bool may_take(Role role, Step step) {
  switch (step) {
    case Step::subject_expert: return role == Role::subject_expert;
    case Step::line_manager: return role == Role::line_manager || role == Role::director;
    case Step::director: return role == Role::director;
  }
  return false;
}

std::optional<Step> next_step(const Review& review) {
  for (const auto& name : review.steps) {
    const bool approved = std::any_of(review.decisions.begin(), review.decisions.end(),
                                      [&](const ReviewDecision& d) { return d.approved && d.step == name; });
    if (!approved) return parse_step(name);
  }
  return std::nullopt;
}

}  // namespace kanal::workflow
