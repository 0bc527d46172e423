// The sandbox's OAuth 2.0: app registration, the authorize page (or an
// immediate approval with --auto-approve), the token exchange with a PKCE
// (S256) check, and refresh tokens when tokens expire (--token-lifetime).
#include "core/json.h"
#include "net/oauth_pkce.h"
#include "sandbox/entities.h"
#include "sandbox/mastodon_api.h"

namespace kanal::sandbox {

using json::JsonWriter;
using json::write_string;

namespace {

api::Response approve(SandboxState& state, const App& app, const Fields& fields) {
  auto code = state.issue_code(PendingCode{app.client_id, app.redirect_uri, fields.get("code_challenge"),
                                           fields.get("scope"), state.next_account_to_authorize().id});
  api::Response redirect = api::Response::empty(302);
  const char separator = app.redirect_uri.find('?') == std::string::npos ? '?' : '&';
  redirect.headers["Location"] = app.redirect_uri + separator + "code=" + net::form_encode(code) +
                                 "&state=" + net::form_encode(fields.get("state"));
  return redirect;
}

}  // namespace

void add_oauth_routes(api::Router& router, SandboxState& state, bool auto_approve) {
  router.add("POST", "/api/v1/apps", [&state](const api::Request& request) {
    auto fields = read_fields(request);
    if (fields.get("client_name").empty() || fields.get("redirect_uris").empty()) {
      return mastodon_error(422, "Validation failed: Name can't be blank, Redirect URI can't be blank");
    }
    std::lock_guard lock(state.mutex());
    auto& app = state.register_app(fields.get("client_name"), fields.get("redirect_uris"),
                                   fields.get("scopes").empty() ? "read" : fields.get("scopes"));
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_string(w, "id", app.client_id.substr(0, 8));
    write_string(w, "name", app.name);
    write_string(w, "redirect_uri", app.redirect_uri);
    write_string(w, "client_id", app.client_id);
    write_string(w, "client_secret", app.client_secret);
    w.EndObject();
    return json_response(200, buffer);
  });

  // The browser step: a page with one button, as a person would see it.
  router.add("GET", "/oauth/authorize", [&state, auto_approve](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto client_id = request.query_value("client_id").value_or("");
    const auto* app = state.app(client_id);
    if (app == nullptr || request.query_value("redirect_uri").value_or("") != app->redirect_uri) {
      return mastodon_error(400, "invalid_client or redirect_uri");
    }
    if (auto_approve) {
      Fields fields;
      for (const auto& [name, value] : request.query) fields.values[name] = value;
      return approve(state, *app, fields);
    }
    std::string hidden;
    for (const char* name :
         {"client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"}) {
      hidden += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" +
                html_escape(request.query_value(name).value_or("")) + "\">";
    }
    api::Response page;
    page.content_type = "text/html; charset=utf-8";
    page.body = "<!doctype html><html><head><title>Authorize " + html_escape(app->name) +
                "</title></head><body><h1>Kanal sandbox</h1><p>" + html_escape(app->name) +
                " wants to post as @kanal_demo.</p><form method=\"post\" action=\"/oauth/authorize\">" + hidden +
                "<button type=\"submit\" name=\"approve\" value=\"1\">Authorize</button></form></body></html>";
    return page;
  });

  router.add("POST", "/oauth/authorize", [&state](const api::Request& request) {
    auto fields = read_fields(request);
    std::lock_guard lock(state.mutex());
    const auto* app = state.app(fields.get("client_id"));
    if (app == nullptr || fields.get("redirect_uri") != app->redirect_uri) {
      return mastodon_error(400, "invalid_client or redirect_uri");
    }
    return approve(state, *app, fields);
  });

  // RFC 7009: the app's token stops working; an unknown token is no error.
  router.add("POST", "/oauth/revoke", [&state](const api::Request& request) {
    auto fields = read_fields(request);
    std::lock_guard lock(state.mutex());
    const auto* app = state.app(fields.get("client_id"));
    if (app == nullptr || app->client_secret != fields.get("client_secret")) {
      rapidjson::StringBuffer buffer;
      JsonWriter w(buffer);
      w.StartObject();
      write_string(w, "error", "invalid_client");
      w.EndObject();
      return json_response(403, buffer);
    }
    state.revoke_token(fields.get("token"));
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.EndObject();
    return json_response(200, buffer);
  });

  router.add("POST", "/oauth/token", [&state](const api::Request& request) {
    auto fields = read_fields(request);
    std::lock_guard lock(state.mutex());
    auto refuse = [](const std::string& reason) {
      rapidjson::StringBuffer buffer;
      JsonWriter w(buffer);
      w.StartObject();
      write_string(w, "error", "invalid_grant");
      write_string(w, "error_description", reason);
      w.EndObject();
      return json_response(400, buffer);
    };
    const auto* app = state.app(fields.get("client_id"));
    if (app == nullptr || app->client_secret != fields.get("client_secret"))
      return refuse("client authentication failed");
    std::optional<SandboxState::IssuedToken> issued;
    std::string scopes = app->scopes;
    if (fields.get("grant_type") == "authorization_code") {
      auto pending = state.redeem_code(fields.get("code"));
      if (!pending || pending->client_id != app->client_id) return refuse("the code is invalid or used");
      if (pending->redirect_uri != fields.get("redirect_uri")) return refuse("redirect_uri does not match");
      if (!pending->code_challenge.empty() &&
          net::code_challenge_s256(fields.get("code_verifier")) != pending->code_challenge) {
        return refuse("the PKCE code_verifier does not match");
      }
      issued = state.issue_token(pending->account_id);
      scopes = pending->scopes;
    } else if (fields.get("grant_type") == "refresh_token") {
      issued = state.refresh(fields.get("refresh_token"));
      if (!issued) return refuse("the refresh token is invalid, used or revoked");
    } else {
      return refuse("unsupported grant_type");
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_string(w, "access_token", issued->access_token);
    write_string(w, "token_type", "Bearer");
    write_string(w, "scope", scopes);
    w.Key("created_at");
    w.Int64(to_unix_ms(SystemClock{}.now()) / 1000);
    if (issued->expires_in_s) {
      w.Key("expires_in");
      w.Int64(*issued->expires_in_s);
      write_string(w, "refresh_token", issued->refresh_token);
    }
    w.EndObject();
    return json_response(200, buffer);
  });
}

}  // namespace kanal::sandbox
