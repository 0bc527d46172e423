// POST /api/v1/text/check against a real kanald with a connected sandbox
// account: counts per target account, named networks, hints, bad input.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "core/error.h"
#include "core/json.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "text/templates.h"

using namespace kanal;

namespace {

long post_status(const test::KanaldProcess& kanald, const std::string& body) {
  client::HttpRequest request;
  request.method = "POST";
  request.url = kanald.endpoint().url + "/api/v1/text/check";
  request.body = body;
  request.headers["Authorization"] = "Bearer " + kanald.endpoint().token;
  request.headers["Content-Type"] = "application/json";
  return client::perform(request).status;
}

}  // namespace

TEST_CASE("The text check counts for each account and each named network, with the hints") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const Account account = test::connect_sandbox_account(api, sandbox);

  wire::TextCheckRequest request;
  request.text = "Du har rätt till bostadsbidrag. Läs mer: https://example.se/" + std::string(100, 'a') + " " +
                 std::string(300, 'x');
  request.language = "sv";
  request.networks = {"mastodon"};  // by name, without an account: the network's own defaults
  const auto response = api.check_text(request).get();
  REQUIRE(response.targets.size() == 2);
  const auto& mastodon = response.targets[0];
  CHECK(mastodon.account == account.id);
  CHECK(mastodon.handle == account.handle);
  CHECK(mastodon.count.limit == 500);
  CHECK(mastodon.count.count == 41 + 23 + 1 + 300);  // the URL counts 23
  CHECK(mastodon.count.valid);
  CHECK(mastodon.count.counting == Counting::graphemes);
  const auto& by_name = response.targets[1];
  CHECK_FALSE(by_name.account);
  CHECK(by_name.network == "mastodon");
  CHECK(by_name.count.limit == 500);
  CHECK(by_name.count.count == mastodon.count.count);
  CHECK(response.plain.needs_expert_check);
  CHECK(response.plain.readability);
}

TEST_CASE("The text check refuses unknown accounts and networks and invalid UTF-8 with clear errors") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  wire::TextCheckRequest unknown_account;
  unknown_account.text = "hej";
  unknown_account.accounts = {AccountId{99}};
  CHECK(test::error_code_of([&] { api.check_text(unknown_account).get(); }) == ErrorCode::invalid_input);

  CHECK(post_status(kanald, R"({"text":"hej","networks":["myspace"]})") == 422);
  CHECK(post_status(kanald, "{\"text\":\"h\xC3\"}") == 400);
  CHECK(post_status(kanald, R"({"text":"hej","colour":"red"})") == 422);
  CHECK(post_status(kanald, R"({"text":"hej","accounts":["one"]})") == 422);
}

TEST_CASE("Templates and segments come from the workspace, compose into variants, and posts remember their origin") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const Account account = test::connect_sandbox_account(api, sandbox);

  const text::Catalog catalog = api.templates().get();
  REQUIRE(catalog.find_template("payment_date_reminder") != nullptr);
  REQUIRE(catalog.find_segment("families") != nullptr);
  CHECK(api.document("templates").get().revision == 1);  // Kanal's, for an admin to change

  wire::ComposeRequest request;
  request.template_id = "payment_date_reminder";
  request.segments = {"families"};
  request.languages = {"sv", "en"};
  request.fields = {{"benefit", "Barnbidraget"}, {"payment_date", "2027-03-25"}, {"link", "https://example.se/bb"}};
  const auto composed = api.compose(request).get();
  REQUIRE(composed.compositions.size() == 2);
  const auto& swedish = composed.compositions[0];
  CHECK(swedish.language == "sv");
  REQUIRE(swedish.variants.size() == 1);
  CHECK(swedish.variants[0].account == account.id.value);
  CHECK_THAT(swedish.variants[0].text, Catch::Contains("25 mars 2027") && Catch::Contains("#Barnfamilj"));
  CHECK(swedish.variants[0].count.valid);

  wire::CreatePostRequest create{swedish.text, {Variant{account.id, swedish.variants[0].text}}, {}, {}};
  create.language = "sv";
  create.origin = PostOrigin{"payment_date_reminder", "families", swedish.text, request.fields};
  // A client cannot claim a template gave a text it did not: kanald composes it again.
  auto forged = create;
  forged.origin.template_text = "Du har rätt till allt.";
  CHECK(test::error_code_of([&] { api.create_post(forged).get(); }) == ErrorCode::invalid_input);
  auto other_fields = create;
  other_fields.origin.fields["payment_date"] = "2027-04-25";
  CHECK(test::error_code_of([&] { api.create_post(other_fields).get(); }) == ErrorCode::invalid_input);
  const Post post = api.create_post(create).get();
  CHECK(post.language == "sv");
  CHECK(post.origin == create.origin);
  CHECK_FALSE(post.needs_expert_check);
  const Post read_back = api.get_post(post.id).get();
  CHECK(read_back.origin == create.origin);

  // Writing about rights turns the flag on; the origin stays.
  wire::UpdatePostRequest edit;
  edit.version = post.version;
  edit.text = swedish.text + " Du har rätt till barnbidrag.";
  const Post edited = api.update_post(post.id, edit).get();
  CHECK(edited.needs_expert_check);
  CHECK(edited.origin.template_id == "payment_date_reminder");

  // Bad fields are refused by name.
  request.fields["payment_date"] = "someday";
  try {
    api.compose(request).get();
    FAIL("a bad date was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(e.field() == "payment_date");
  }
  request.template_id = "no_such_template";
  CHECK(test::error_code_of([&] { api.compose(request).get(); }) == ErrorCode::invalid_input);
}

TEST_CASE("The workspace's word lists are documents an admin changes, and the dictionary takes the agency's words") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());

  wire::TextCheckRequest check;
  check.text = "Kanalix betalar ut pengarna.";
  check.language = "sv";
  const auto spelling_hints = [&] {
    int n = 0;
    for (const auto& hint : api.check_text(check).get().plain.hints) n += hint.kind == "spelling" ? 1 : 0;
    return n;
  };
  CHECK(spelling_hints() == 1);
  const auto lists = api.add_to_dictionary("Kanalix").get();
  CHECK(lists->dictionary() == std::vector<std::string>{"Kanalix"});
  CHECK(spelling_hints() == 0);
  CHECK(test::error_code_of([&] { api.add_to_dictionary("two words").get(); }) == ErrorCode::invalid_input);

  // An admin adds a jargon term: in force at once, and after a restart.
  const auto jargon_hint = [&check](client::ApiClient& client) {
    bool jargon = false;
    for (const auto& hint : client.check_text(check).get().plain.hints) jargon = jargon || hint.kind == "jargon";
    return jargon;
  };
  CHECK_FALSE(jargon_hint(api));
  const auto jargon = api.document("jargon").get();
  api.replace_document("jargon", {jargon.content + "[sv]\npengarna = dina pengar\n", jargon.revision}).get();
  CHECK(jargon_hint(api));
  kanald.stop();
  kanald.start();
  client::ApiClient again(kanald.endpoint());
  CHECK(jargon_hint(again));
  CHECK(again.word_lists().get()->dictionary() == std::vector<std::string>{"Kanalix"});
  CHECK(again.audit("action=dictionary.add").get().events.size() == 1);
  CHECK(again.audit("action=document.change").get().events.size() == 1);
}

TEST_CASE("A Mastodon server's own limits count for its accounts") {
  test::SandboxProcess sandbox({"--max-characters", "40"});
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const Account account = test::connect_sandbox_account(api, sandbox);
  CHECK(account.max_characters == 40);
  CHECK(account.characters_per_url == 23);
  CHECK(api.accounts().get().at(0).max_characters == 40);

  wire::TextCheckRequest check;
  check.text = "This text is far too long for a server that allows forty characters.";
  const auto response = api.check_text(check).get();
  REQUIRE(response.targets.size() == 1);
  CHECK(response.targets[0].count.limit == 40);
  CHECK_FALSE(response.targets[0].count.valid);
  CHECK(response.targets[0].count.overflow.at(0).start == 40);
}

TEST_CASE("The approval policy says per account what a post needs, and why") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  client::ApiClient api(kanald.endpoint());
  const Account account = test::connect_sandbox_account(api, sandbox);
  CHECK(api.document("approval-policy").get().revision == 1);  // Kanal's, for an admin to change
  const auto approval = [&](PostId id) {
    const auto targets = api.approval(id).get();
    REQUIRE(targets.size() == 1);
    CHECK(targets[0].account == account.id);
    return targets[0].steps;
  };

  const Post free_text = api.create_post({"Vårt kontor är stängt på fredag.", {}}).get();
  CHECK(approval(free_text.id) == std::vector<std::string>{"line_manager"});

  const Post rights = api.create_post({"Du har rätt till barnbidrag från första månaden.", {}}).get();
  CHECK(approval(rights.id) == std::vector<std::string>{"subject_expert", "line_manager"});

  const std::map<std::string, std::string> fields{
      {"benefit", "Barnbidraget"}, {"payment_date", "2027-03-25"}, {"link", "https://example.se/bb"}};
  const std::string composed =
      text::composed_text(text::default_catalog(), "payment_date_reminder", "families", "sv", fields);
  wire::CreatePostRequest from_template{composed, {}, {}, {}};
  from_template.language = "sv";
  from_template.origin = PostOrigin{"payment_date_reminder", "families", composed, fields};
  const Post template_post = api.create_post(from_template).get();
  CHECK(approval(template_post.id).empty());
  wire::UpdatePostRequest edit;
  edit.version = template_post.version;
  edit.text = composed + " Obs!";
  api.update_post(template_post.id, edit).get();
  CHECK(approval(template_post.id) == std::vector<std::string>{"line_manager"});  // edited: no longer routine
}
