#include "facebook_network.h"

#include "kanal/plugin/entry.h"

namespace kanal::facebook {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

// Facebook's mark, drawn plainly for Kanal.
constexpr const char* kIcon =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><circle cx='8' cy='8' r='8' fill='#0866ff'/>"
    "<path d='M9 16V10.2h1.9l.3-2.2H9V6.7c0-.6.2-1.1 1.1-1.1h1.2V3.7a16 16 0 0 0-1.7-.1C8 3.6 7 4.6 7 "
    "6.4V8H5.2v2.2H7V16z'"
    " fill='#fff'/></svg>";

}  // namespace

FacebookNetwork::FacebookNetwork(plugin::Host& host) : host_(host), app_(host), once_(host, "Facebook") {}

const NetworkDescriptor& FacebookNetwork::static_descriptor() {
  static const NetworkDescriptor descriptor = [] {
    NetworkDescriptor d;
    d.id = meta::kFacebook;
    d.display_name = "Facebook";
    d.icon_svg = kIcon;
    // No threads on a page; hiding is what Facebook offers for comments.
    d.capabilities = kMedia | kAltText | kHideReplies | kDeleteComments | kMetrics;
    d.figures = kFollowers | kLikes | kShares | kReplies | kImpressions;
    d.sign_in = {SignInMethod::oauth};
    // Graph takes no idempotency key, but a resend first looks for the post
    // on the page, so resending the same publication is safe.
    d.resend_is_safe = true;
    d.text.counting = Counting::code_points;
    d.text.max_characters = 63206;
    d.text.mentions = MentionStyle::at_name;
    d.text.links_without_scheme = true;
    d.media.max_attachments = 10;
    d.media.max_image_bytes = 10 * 1024 * 1024;
    d.media.content_types = {"image/png", "image/jpeg", "image/gif"};
    d.media.max_description_characters = 1000;
    d.settings = meta::app_settings();
    return d;
  }();
  return descriptor;
}

Future<NetworkDescriptor> FacebookNetwork::describe(const std::string&) {
  Promise<NetworkDescriptor> promise;
  promise.set_value(static_descriptor());
  return promise.future();
}

Future<plugin::AuthorizationRequest> FacebookNetwork::begin_authorization(const std::string&,
                                                                          const std::string& redirect_uri) {
  return executor_.submit([this, redirect_uri] { return app_.begin(redirect_uri); });
}

Future<plugin::SignedIn> FacebookNetwork::complete_authorization(const std::string&,
                                                                 const plugin::AuthorizationRequest& request,
                                                                 const std::string& code) {
  return executor_.submit([this, request, code] { return app_.complete(request, code); });
}

Future<plugin::Profile> FacebookNetwork::verify(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto page_id = meta::access_of(connection.credentials).page_id;
    const auto answer =
        app_.as(connection).get("/" + page_id, {{"fields", "id,name,username,followers_count"}}, "reading the page");
    plugin::Profile profile;
    profile.network_account_id = meta::string_at(answer, "id");
    profile.display_name = meta::string_at(answer, "name");
    const auto username = meta::string_at(answer, "username");
    profile.handle = username.empty() ? profile.display_name : "@" + username;
    profile.followers = meta::count_at(answer, "followers_count").value_or(0);
    if (profile.network_account_id != page_id) {
      throw NetworkError(FailureKind::transient, "Meta's answer names another page than the account's");
    }
    return profile;
  });
}

// A page token from a long-lived login does not expire: nothing to renew.
Future<plugin::Credentials> FacebookNetwork::refresh(const plugin::Connection&) {
  return plugin::failed<plugin::Credentials>(FailureKind::auth_expired,
                                             "Meta's page access cannot be renewed: connect the page again");
}

Future<Done> FacebookNetwork::sign_out(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    app_.revoke(connection);
    return Done{};
  });
}

std::string FacebookNetwork::post_url(const std::string& id) const { return app_.web_url() + "/" + id; }

Future<plugin::AccountMetrics> FacebookNetwork::account_metrics(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto page_id = meta::access_of(connection.credentials).page_id;
    const auto answer =
        app_.as(connection).get("/" + page_id, {{"fields", "followers_count"}}, "reading the page's figures");
    // Meta retired the count of a page's likes (page_fans): followers are what counts.
    return plugin::AccountMetrics{meta::count_at(answer, "followers_count"), std::nullopt, std::nullopt};
  });
}

Future<std::vector<plugin::PostMetrics>> FacebookNetwork::post_metrics(const plugin::Connection& connection,
                                                                       const std::vector<std::string>& network_ids) {
  return executor_.submit([this, connection, network_ids] {
    const auto page = app_.as(connection);
    std::vector<plugin::PostMetrics> all;
    for (const auto& id : network_ids) {
      plugin::PostMetrics metrics;
      metrics.network_id = id;
      if (!meta::is_graph_id(id)) {
        metrics.exists = false;
        all.push_back(metrics);
        continue;
      }
      const auto what = "reading the post's figures";
      const auto response = page.answer(
          "GET", "/" + id,
          {{"fields", "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares"}}, what,
          false);
      if (meta::is_gone(response)) {
        metrics.exists = false;
        all.push_back(metrics);
        continue;
      }
      const auto answer = page.read(response, what, false);
      const auto total = [&](const char* edge) -> std::optional<std::int64_t> {
        const auto* found = meta::member(answer, edge);
        const auto* summary = found != nullptr ? meta::member(*found, "summary") : nullptr;
        return summary != nullptr ? meta::count_at(*summary, "total_count") : std::nullopt;
      };
      metrics.likes = total("reactions");
      metrics.replies = total("comments");
      const auto* shares = meta::member(answer, "shares");
      metrics.shares = shares != nullptr ? meta::count_at(*shares, "count") : std::optional<std::int64_t>(0);
      // Impressions come from the post's insights, where the page has them;
      // a metric Meta no longer gives is "not available", not an error.
      try {
        const auto insights =
            page.get("/" + id + "/insights", {{"metric", "post_impressions"}}, "reading the post's impressions");
        const auto* data = meta::member(insights, "data");
        if (data != nullptr && data->IsArray() && !data->Empty()) {
          const auto* values = meta::member((*data)[0], "values");
          if (values != nullptr && values->IsArray() && !values->Empty()) {
            metrics.impressions = meta::count_at((*values)[values->Size() - 1], "value");
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

}  // namespace kanal::facebook

KANAL_PLUGIN(kanal::facebook::FacebookNetwork, "facebook")
