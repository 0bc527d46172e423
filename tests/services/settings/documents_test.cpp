// What each workspace document takes, with no database: Kanal's defaults
// stand, and a wrong text is refused naming the document and its line.
#include <catch2/catch.hpp>

#include "core/error.h"
#include "settings/documents.h"
#include "support/errors.h"

using namespace kanal;
using settings::Document;

namespace {

Error refusal(Document document, const std::string& content) {
  try {
    settings::check(document, content);
  } catch (const Error& e) {
    return e;
  }
  FAIL("accepted: " << content);
  throw;
}

}  // namespace

TEST_CASE("every document has a name and Kanal's default stands as it") {
  for (const auto& about : settings::documents()) {
    INFO(about.name);
    CHECK(&settings::find_document(about.name) == &about);
    CHECK(&settings::info(about.document) == &about);
    CHECK_NOTHROW(settings::check(about.document, settings::default_content(about.document)));
  }
  CHECK(test::error_code_of([] { settings::find_document("policy.txt"); }) == ErrorCode::not_found);
}

TEST_CASE("a wrong document is refused naming it and the line") {
  const auto policy =
      refusal(Document::approval_policy, "Everything: always -> line_manager\nLate: rights -> director\n");
  CHECK(policy.code() == ErrorCode::invalid_input);
  CHECK(policy.field() == "approval-policy");
  CHECK_THAT(policy.detail(), Catch::Contains("line 2"));

  const auto words = refusal(Document::dictionary, "# our words\nKanalix\ntwo words\n");
  CHECK(words.field() == "dictionary");
  CHECK_THAT(words.detail(), Catch::Contains("line 3") && Catch::Contains("two words"));

  const auto domains = refusal(Document::own_domains, "forsakringskassan.se\nhttps://example.se/path\n");
  CHECK_THAT(domains.detail(), Catch::Contains("line 2"));
  CHECK_NOTHROW(settings::check(Document::own_domains, "# ours\nforsakringskassan.se\n\nkela.fi\r\n"));

  CHECK(refusal(Document::templates, "{\"templates\": 3}").field() == "templates");
  CHECK(refusal(Document::moderation_policy, "hate sometimes\n").field() == "moderation-policy");
  CHECK(refusal(Document::jargon, std::string("[sv]\n\xC3\x28 = x\n")).field() == "jargon");
  CHECK(refusal(Document::rights, std::string(1'000'001, 'a')).field() == "rights");
}

TEST_CASE("meaningful lines leave out comments and blank lines and trim the rest") {
  CHECK(settings::meaningful_lines("# a comment\n\n  kela.fi \r\nnav.no") ==
        std::vector<std::string>{"kela.fi", "nav.no"});
}
