#include "instagram_network.h"

#include "kanal/plugin/entry.h"

namespace kanal::instagram {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

// Instagram's mark, drawn plainly for Kanal.
constexpr const char* kIcon =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><defs><linearGradient id='g' x1='0' y1='1' x2='1' "
    "y2='0'><stop offset='0' stop-color='#feda75'/><stop offset='.5' stop-color='#d62976'/><stop offset='1' "
    "stop-color='#4f5bd5'/></linearGradient></defs><rect width='16' height='16' rx='4' fill='url(#g)'/><rect x='3' "
    "y='3' width='10' height='10' rx='3' fill='none' stroke='#fff' stroke-width='1.3'/><circle cx='8' cy='8' r='2.4' "
    "fill='none' stroke='#fff' stroke-width='1.3'/><circle cx='11.2' cy='4.8' r='.7' fill='#fff'/></svg>";

}  // namespace

InstagramNetwork::InstagramNetwork(plugin::Host& host) : host_(host), app_(host), once_(host, "Instagram") {}

const NetworkDescriptor& InstagramNetwork::static_descriptor() {
  static const NetworkDescriptor descriptor = [] {
    NetworkDescriptor d;
    d.id = meta::kInstagram;
    d.display_name = "Instagram";
    d.icon_svg = kIcon;
    d.capabilities = kMedia | kAltText | kHideReplies | kDeleteComments | kMetrics;
    d.figures = kFollowers | kLikes | kShares | kReplies | kImpressions;
    d.sign_in = {SignInMethod::oauth};
    d.resend_is_safe = true;  // a resend first looks for the post on the account
    d.text.counting = Counting::code_points;
    d.text.max_characters = 2200;
    d.text.mentions = MentionStyle::at_name;
    d.text.links_without_scheme = false;  // a caption's links are not links on Instagram
    d.media.max_attachments = 10;         // a carousel
    d.media.min_attachments = 1;          // Instagram posts are photos
    d.media.max_image_bytes = 8 * 1024 * 1024;
    d.media.content_types = {"image/jpeg"};  // all Instagram publishes
    d.media.max_description_characters = 1000;
    d.settings = meta::app_settings();
    d.settings_of = meta::kFacebook;  // one Meta app serves both
    return d;
  }();
  return descriptor;
}

Future<NetworkDescriptor> InstagramNetwork::describe(const std::string&) {
  Promise<NetworkDescriptor> promise;
  promise.set_value(static_descriptor());
  return promise.future();
}

std::string InstagramNetwork::instagram_id(const plugin::Connection& connection) const {
  auto id = meta::access_of(connection.credentials).instagram_id;
  if (!meta::is_graph_id(id)) {
    throw NetworkError(FailureKind::auth_expired,
                       "the stored access names no Instagram account: connect the account again");
  }
  return id;
}

Future<plugin::AuthorizationRequest> InstagramNetwork::begin_authorization(const std::string&,
                                                                           const std::string& redirect_uri) {
  return executor_.submit([this, redirect_uri] { return app_.begin(redirect_uri); });
}

// The same Facebook Login: its pages and their Instagram accounts are offered.
Future<plugin::SignedIn> InstagramNetwork::complete_authorization(const std::string&,
                                                                  const plugin::AuthorizationRequest& request,
                                                                  const std::string& code) {
  return executor_.submit([this, request, code] { return app_.complete(request, code); });
}

Future<plugin::Profile> InstagramNetwork::verify(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto id = instagram_id(connection);
    const auto answer =
        app_.as(connection).get("/" + id, {{"fields", "id,username,name,followers_count"}}, "reading the account");
    plugin::Profile profile;
    profile.network_account_id = meta::string_at(answer, "id");
    profile.handle = "@" + meta::string_at(answer, "username");
    profile.display_name = meta::string_at(answer, "name");
    if (profile.display_name.empty()) profile.display_name = profile.handle;
    profile.followers = meta::count_at(answer, "followers_count").value_or(0);
    if (profile.network_account_id != id) {
      throw NetworkError(FailureKind::transient, "Meta's answer names another account than the one connected");
    }
    return profile;
  });
}

Future<plugin::Credentials> InstagramNetwork::refresh(const plugin::Connection&) {
  return plugin::failed<plugin::Credentials>(FailureKind::auth_expired,
                                             "Meta's page access cannot be renewed: connect the account again");
}

Future<Done> InstagramNetwork::sign_out(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    app_.revoke(connection);
    return Done{};
  });
}

Future<plugin::AccountMetrics> InstagramNetwork::account_metrics(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto answer =
        app_.as(connection)
            .get("/" + instagram_id(connection), {{"fields", "followers_count,follows_count,media_count"}},
                 "reading the account's figures");
    return plugin::AccountMetrics{meta::count_at(answer, "followers_count"), meta::count_at(answer, "follows_count"),
                                  meta::count_at(answer, "media_count")};
  });
}

Future<std::vector<plugin::PostMetrics>> InstagramNetwork::post_metrics(const plugin::Connection& connection,
                                                                        const std::vector<std::string>& network_ids) {
  return executor_.submit([this, connection, network_ids] {
    const auto api = app_.as(connection);
    std::vector<plugin::PostMetrics> all;
    for (const auto& id : network_ids) {
      plugin::PostMetrics metrics;
      metrics.network_id = id;
      metrics.exists = meta::is_graph_id(id);
      if (!metrics.exists) {
        all.push_back(metrics);
        continue;
      }
      const auto what = "reading the post's figures";
      const auto response = api.answer("GET", "/" + id, {{"fields", "like_count,comments_count"}}, what, false);
      if (meta::is_gone(response)) {
        metrics.exists = false;  // deleted on Instagram
        all.push_back(metrics);
        continue;
      }
      const auto answer = api.read(response, what, false);
      metrics.likes = meta::count_at(answer, "like_count");
      metrics.replies = meta::count_at(answer, "comments_count");
      // Views and shares come from the media's insights, where the account has them.
      try {
        const auto insights = api.get("/" + id + "/insights", {{"metric", "views,shares"}}, "reading the post's views");
        if (const auto* data = meta::member(insights, "data"); data != nullptr && data->IsArray()) {
          for (const auto& metric : data->GetArray()) {
            const auto* values = meta::member(metric, "values");
            if (values == nullptr || !values->IsArray() || values->Empty()) continue;
            const auto value = meta::count_at((*values)[values->Size() - 1], "value");
            const auto name = meta::string_at(metric, "name");
            if (name == "views") metrics.impressions = value;
            if (name == "shares") metrics.shares = value;
          }
        }
      } catch (const NetworkError& e) {
        if (e.kind() != FailureKind::rejected) throw;
      }
      all.push_back(metrics);
    }
    return all;
  });
}

}  // namespace kanal::instagram

KANAL_PLUGIN(kanal::instagram::InstagramNetwork, "instagram")
