// Images through kanald's API: uploaded as bytes, told apart from what is not
// an image, refused above the limit, attached to drafts with alt text.
#include <catch2/catch.hpp>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "core/error.h"
#include "support/errors.h"
#include "support/images.h"
#include "support/kanald_process.h"

using namespace kanal;

namespace {

client::HttpResponse upload(const test::KanaldProcess& kanald, const std::string& bytes,
                            const std::string& query = {}) {
  client::HttpRequest request;
  request.method = "POST";
  request.url = kanald.endpoint().url + "/api/v1/media" + query;
  request.body = bytes;
  request.headers["Authorization"] = "Bearer " + kanald.endpoint().token;
  request.headers["Content-Type"] = "image/png";
  return client::perform(request);
}

}  // namespace

TEST_CASE("an uploaded image comes back byte for byte, and a draft carries it with its alt text") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto image = api.upload_media(test::tiny_png(), "kontoret.png").get();
  CHECK(image.content_type == "image/png");
  CHECK(image.filename == "kontoret.png");
  CHECK(image.size_bytes == static_cast<std::int64_t>(test::tiny_png().size()));
  CHECK(api.media_content(image.id).get() == test::tiny_png());

  wire::CreatePostRequest request{"Vårt kontor flyttar.", {}};
  request.media = {{image.id, "Karta över det nya kontoret"}};
  request.thread = {{"Öppettiderna är desamma.", {}}};
  auto post = api.create_post(request).get();
  REQUIRE(post.media.size() == 1);
  CHECK(post.media[0].description == "Karta över det nya kontoret");
  REQUIRE(post.thread.size() == 1);
  auto read = api.get_post(post.id).get();
  CHECK(read.media[0].media == image.id);
  CHECK(read.thread[0].text == "Öppettiderna är desamma.");

  // A part with neither text nor image, an unknown image, five images: refused.
  wire::UpdatePostRequest empty_part{post.version};
  empty_part.thread = std::vector<ThreadPart>{{"  ", {}}};
  CHECK(test::error_code_of([&] { api.update_post(post.id, empty_part).get(); }) == ErrorCode::invalid_input);
  wire::UpdatePostRequest unknown{post.version};
  unknown.media = std::vector<Attachment>{{MediaId{image.id.value + 100}, "x"}};
  CHECK(test::error_code_of([&] { api.update_post(post.id, unknown).get(); }) == ErrorCode::invalid_input);
  wire::UpdatePostRequest five{post.version};
  five.media = std::vector<Attachment>(5, Attachment{image.id, "x"});
  CHECK(test::error_code_of([&] { api.update_post(post.id, five).get(); }) == ErrorCode::invalid_input);
  CHECK(api.get_post(post.id).get().version == post.version);
}

TEST_CASE("what is not an image, or is too large, is refused and stored nowhere") {
  test::KanaldProcess kanald;
  auto text = upload(kanald, "this is a text file pretending to be an image");
  CHECK(text.status == 422);
  CHECK(text.body.find("not a PNG, JPEG, GIF or WebP") != std::string::npos);
  CHECK(upload(kanald, "").status == 422);
  CHECK(upload(kanald, test::tiny_png(), "?filename=%FF%FE").status == 422);  // not UTF-8

  std::string huge = test::tiny_png();
  huge.resize(17 * 1024 * 1024, 'x');
  auto too_large = upload(kanald, huge);
  CHECK(too_large.status == 413);

  // A path in the name keeps only its last part.
  auto named = upload(kanald, test::tiny_png(), "?filename=..%2F..%2Fetc%2Fbild.png");
  REQUIRE(named.status == 201);
  CHECK(named.body.find(R"("filename":"bild.png")") != std::string::npos);
  CHECK(named.body.find(R"("id":1,)") != std::string::npos);  // the refused uploads took no id
}
