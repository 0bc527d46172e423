// The JSON of press contacts and of a text check's targets as they go out.
#include <catch2/catch.hpp>

#include "api/wire/press_contacts.h"
#include "api/wire/text.h"
#include "support/errors.h"

using namespace kanal;
using namespace kanal::contacts;
using test::error_code_of;

TEST_CASE("a press contact goes to JSON and back whole, handles by network") {
  PressContact contact;
  contact.id = PressContactId{4};
  contact.name = "Åsa Östlund";
  contact.organisation = "Sveriges Radio";
  contact.role = PressRole::editor;
  contact.notes = "Ring \"före\" tio";
  contact.handles = {{"bluesky", "@asa.bsky.social"}, {"x", "@asaostlund"}};
  contact.created_at = from_unix_ms(1'790'000'000'000);
  contact.updated_at = from_unix_ms(1'790'000'360'000);
  const auto json = wire::to_json(contact);
  CHECK_THAT(json, Catch::Contains("\"handles\":{\"bluesky\":\"@asa.bsky.social\",\"x\":\"@asaostlund\"}"));
  const auto back = wire::parse_press_contact(json);
  CHECK(back.same_content(contact));
  CHECK(back.id == contact.id);
  CHECK(back.updated_at == contact.updated_at);
  CHECK(wire::parse_press_contacts(wire::to_json(std::vector<PressContact>{contact, contact})).size() == 2);
}

TEST_CASE("a contact request is read strictly, and a PUT without a member empties it") {
  const auto request = wire::parse_press_contact_request(R"({"name": "Bo Ek", "handles": {"x": "boek"}})");
  CHECK(request.name == "Bo Ek");
  CHECK(request.organisation.empty());
  CHECK(request.role == PressRole::other);
  CHECK(request.handles == std::vector<NetworkHandle>{{"x", "boek"}});
  CHECK(wire::parse_press_contact_request(wire::to_json(request)).handles == request.handles);
  for (const char* wrong :
       {R"({"handles": {}})", R"({"name": "Bo", "role": "reporter"})", R"({"name": "Bo", "handles": ["@bo"]})",
        R"({"name": "Bo", "handles": {"x": 3}})", R"({"name": "Bo", "email": "bo@svt.se"})", R"([])"}) {
    INFO(wrong);
    CHECK_THROWS_AS(wire::parse_press_contact_request(wrong), Error);
  }
  const std::string too_long = R"({"name": ")" + std::string(201, 'a') + R"("})";
  CHECK(error_code_of([&] { wire::parse_press_contact_request(too_long); }) == ErrorCode::invalid_input);
}

TEST_CASE("an import's answer carries its counts, or the faults as a problem report") {
  wire::PressImportResult done{3, 1, 5, {}};
  const auto back = wire::parse_press_import_result(wire::to_json(done));
  CHECK(back.added == 3);
  CHECK(back.updated == 1);
  CHECK(back.unchanged == 5);
  wire::PressImportResult refused;
  refused.faults = {{2, "x", "x: \"@a.b\" is not a handle there"}};
  const auto json = wire::to_json(refused);
  CHECK_THAT(json, Catch::Contains("\"status\":422") && Catch::Contains("nothing was imported"));
  CHECK(wire::parse_press_import_result(json).faults == refused.faults);
}

TEST_CASE("a text check's target says the text that goes out only where it differs") {
  wire::TextCheckResponse response;
  response.targets.push_back({std::nullopt, "x", "", {}, ""});
  response.targets.push_back({std::nullopt, "mastodon", "", {}, "Tack @anna@journalist.social"});
  const auto json = wire::to_json(response);
  CHECK_THAT(json, Catch::Contains("\"text\":\"Tack @anna@journalist.social\""));
  const auto back = wire::parse_text_check_response(json);
  CHECK(back.targets[0].text.empty());
  CHECK(back.targets[1].text == "Tack @anna@journalist.social");
}
