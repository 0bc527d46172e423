#include <catch2/catch.hpp>

#include "example_rules.h"
#include "support/errors.h"
#include "text/templates.h"

using namespace kanal::text;
using namespace kanal::text::example;

namespace {

const std::map<std::string, std::string> kPaymentFields{
    {"benefit", "Barnbidraget"}, {"payment_date", "2027-03-25"}, {"link", "https://www.example.se/barnbidrag"}};

std::string field_of_error(const std::function<void()>& call) {
  try {
    call();
  } catch (const kanal::Error& e) {
    CHECK(e.code() == kanal::ErrorCode::invalid_input);
    return e.field();
  }
  FAIL("expected an error");
  return {};
}

}  // namespace

TEST_CASE("The default catalog has the segments the field work names and a payment date reminder") {
  const Catalog& catalog = default_catalog();
  for (const char* id : {"families", "carers", "disabilities", "remote", "jobseekers", "everyone"}) {
    CHECK(catalog.find_segment(id) != nullptr);
  }
  const Template* reminder = catalog.find_template("payment_date_reminder");
  REQUIRE(reminder != nullptr);
  for (const char* language : {"sv", "da", "nb", "fi", "de", "en"}) CHECK(reminder->text.count(language) == 1);
}

TEST_CASE("Dates are written for the language") {
  CHECK(format_date("2027-03-25", "sv") == "25 mars 2027");
  CHECK(format_date("2027-03-25", "en") == "25 March 2027");
  CHECK(format_date("2027-03-25", "de") == "25. März 2027");
  CHECK(format_date("2027-03-25", "da") == "25. marts 2027");
  CHECK(field_of_error([] { format_date("2027-02-30", "sv"); }).empty());
  CHECK(field_of_error([] { format_date("25/03/2027", "sv"); }).empty());
}

TEST_CASE("A template renders its fields, and refuses unknown, missing and malformed ones by name") {
  const Template& t = *default_catalog().find_template("payment_date_reminder");
  CHECK(render(t, "sv", kPaymentFields) ==
        "Påminnelse: Barnbidraget betalas ut 25 mars 2027. Pengarna finns på ditt konto samma dag. Läs mer: "
        "https://www.example.se/barnbidrag");
  auto unknown = kPaymentFields;
  unknown["colour"] = "red";
  CHECK(field_of_error([&] { render(t, "sv", unknown); }) == "colour");
  auto missing = kPaymentFields;
  missing.erase("link");
  CHECK(field_of_error([&] { render(t, "sv", missing); }) == "link");
  auto bad_link = kPaymentFields;
  bad_link["link"] = "javascript:alert(1)";
  CHECK(field_of_error([&] { render(t, "sv", bad_link); }) == "link");
  auto bad_date = kPaymentFields;
  bad_date["payment_date"] = "next friday";
  CHECK(field_of_error([&] { render(t, "sv", bad_date); }) == "payment_date");
  auto bad_utf8 = kPaymentFields;
  bad_utf8["benefit"] = "Barn\xFF";
  CHECK(field_of_error([&] { render(t, "sv", bad_utf8); }) == "benefit");
  CHECK(field_of_error([&] { render(t, "xx", kPaymentFields); }) == "language");
}

TEST_CASE("An optional field left empty leaves no trace") {
  const Template& t = *default_catalog().find_template("office_closure");
  CHECK(render(t, "en", {{"office", "Tromsø"}, {"date", "2027-05-17"}}) ==
        "Our office in Tromsø is closed on 17 May 2027. You can call us or use our online services.");
}

TEST_CASE("A catalog whose text uses an undeclared field, or is not JSON, is refused with the reason") {
  CHECK(field_of_error([] {
          parse_catalog(
              R"({"segments":[],"templates":[{"id":"t","name":"T","fields":[],"text":{"sv":"Hej {namn}"}}]})");
        }).empty());
  CHECK(kanal::test::error_code_of([] { parse_catalog("{not json"); }) == kanal::ErrorCode::malformed_json);
}

TEST_CASE("Composing gives a variant per segment, language and account, with hashtags where they fit") {
  const Catalog& catalog = default_catalog();
  CountRules tiny = default_rules(Network::mastodon);
  tiny.limit = 130;
  const std::vector<AccountTarget> accounts{
      {1, default_rules(Network::mastodon)}, {2, default_rules(Network::x)}, {3, tiny}};
  const auto compositions = compose(catalog, *catalog.find_template("payment_date_reminder"), {"families"},
                                    {"sv", "en"}, kPaymentFields, accounts);
  REQUIRE(compositions.size() == 2);
  CHECK(compositions[0].language == "sv");
  CHECK(compositions[1].language == "en");
  REQUIRE(compositions[0].variants.size() == 3);
  CHECK(compositions[0].variants[0].text.ends_with("#Barnfamilj"));
  CHECK(compositions[0].variants[1].text.ends_with("#Barnfamilj"));
  CHECK(compositions[0].variants[1].count.count ==
        compositions[0].variants[0].count.count);  // the URL counts 23 on both
  // 130 is too short for the tags: the variant goes without them (and says how long it is).
  CHECK_FALSE(compositions[0].variants[2].text.ends_with("#Barnfamilj"));
  CHECK(compositions[1].variants[0].text.ends_with("#Families"));
  CHECK(field_of_error([&] {
          compose(catalog, *catalog.find_template("payment_date_reminder"), {"nobody"}, {"sv"}, kPaymentFields,
                  accounts);
        }) == "segments");
}
