// Images and threads in the store: bytes come back exactly, parts and images
// in their order, and an edit replaces what it names — on SQLite and
// PostgreSQL alike.
#include <catch2/catch.hpp>

#include "store/media_repository.h"
#include "store/migrations.h"
#include "store/post_repository.h"
#include "store/user_repository.h"
#include "support/store_fixture.h"

using namespace kanal;
using namespace kanal::store;

namespace {

struct Fixture : test::StoreFixture {
  MediaInfo add_image(const std::string& bytes, const std::string& name) {
    return db->transact([&](auto& s) { return MediaRepository(s).add(author.id, "image/png", name, bytes, t0); });
  }
};

// Every byte value, NUL and 0xFF included: a driver that treats the BLOB as
// text would cut or mangle it.
std::string all_bytes(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(i * 7 % 256);
  return bytes;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "an image's bytes come back exactly, with its checksum") {
  const auto bytes = all_bytes(300'000);
  const auto image = add_image(bytes, "kontor.png");
  CHECK(image.id.valid());
  CHECK(image.size_bytes == 300'000);
  CHECK(image.sha256.size() == 64);

  auto found = db->read([&](auto& s) { return MediaRepository(s).find(image.id); });
  REQUIRE(found);
  CHECK(found->filename == "kontor.png");
  CHECK(found->uploader == author.id);
  CHECK(found->sha256 == image.sha256);
  auto content = db->read([&](auto& s) { return MediaRepository(s).content(image.id); });
  REQUIRE(content);
  CHECK(*content == bytes);
  CHECK_FALSE(db->read([&](auto& s) { return MediaRepository(s).find(MediaId{image.id.value + 1}); }));
}

TEST_CASE_METHOD(Fixture, "a thread with images reads back in order, and edits replace what they name") {
  const auto map = add_image(all_bytes(10), "map.png");
  const auto queue = add_image(all_bytes(20), "queue.png");
  const auto form = add_image(all_bytes(30), "form.png");
  NewPost draft{author.id, "Our office moves on 1 March.", {}};
  draft.media = {{map.id, "A map of the new office"}, {queue.id, ""}};
  draft.thread = {{"Opening hours stay the same.", {}}, {"", {{form.id, "The form to change your address"}}}};
  auto post = db->transact([&](auto& s) { return PostRepository(s).create(draft, t0); });

  auto check_thread = [&](const Post& read) {
    REQUIRE(read.media.size() == 2);
    CHECK(read.media[0].media == map.id);
    CHECK(read.media[0].description == "A map of the new office");
    CHECK(read.media[1].media == queue.id);
    CHECK(read.media[1].description.empty());
    REQUIRE(read.thread.size() == 2);
    CHECK(read.thread[0].text == "Opening hours stay the same.");
    CHECK(read.thread[0].media.empty());
    REQUIRE(read.thread[1].media.size() == 1);
    CHECK(read.thread[1].media[0].media == form.id);
  };
  check_thread(post);
  check_thread(*db->read([&](auto& s) { return PostRepository(s).find(post.id); }));
  check_thread(db->read([&](auto& s) { return PostRepository(s).list({}); }).items.at(0));

  // Alt text added, the thread left alone.
  PostChanges alt;
  alt.media = std::vector<Attachment>{{map.id, "A map of the new office"}, {queue.id, "People queueing"}};
  auto edited = db->transact([&](auto& s) { return PostRepository(s).update(post.id, 1, alt, t0); });
  CHECK(edited.version == 2);
  CHECK(edited.media[1].description == "People queueing");
  CHECK(edited.thread.size() == 2);

  // The thread shortened to one part; the images of the first part stay.
  PostChanges shorter;
  shorter.thread = std::vector<ThreadPart>{{"Opening hours stay the same.", {}}};
  edited = db->transact([&](auto& s) { return PostRepository(s).update(post.id, 2, shorter, t0); });
  CHECK(edited.thread.size() == 1);
  CHECK(edited.media.size() == 2);
}
