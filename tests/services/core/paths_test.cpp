#include <catch2/catch.hpp>

#include <unistd.h>

#include "core/paths.h"
#include "support/temp_dir.h"

TEST_CASE("the local endpoint is read back, and trusted only while its kanald lives") {
  kanal::test::TempDir dir;
  kanal::write_private_file(kanal::token_file(dir.path()), "secret-token-0123456789abcdef0123456789\n");
  kanal::write_private_file(kanal::endpoint_file(dir.path()),
                            R"({"url":"http://127.0.0.1:40123","pid":)" + std::to_string(::getpid()) + "}");
  auto endpoint = kanal::read_local_endpoint(dir.path());
  REQUIRE(endpoint);
  CHECK(endpoint->url == "http://127.0.0.1:40123");
  CHECK(endpoint->token == "secret-token-0123456789abcdef0123456789");

  // A kanald that died left its file behind: the port may be someone else's now.
  kanal::write_private_file(kanal::endpoint_file(dir.path()), R"({"url":"http://127.0.0.1:40123","pid":2147483000})");
  CHECK_FALSE(kanal::read_local_endpoint(dir.path()));
}

TEST_CASE("a missing or garbled endpoint file is no endpoint") {
  kanal::test::TempDir dir;
  CHECK_FALSE(kanal::read_local_endpoint(dir.path()));
  kanal::write_private_file(kanal::token_file(dir.path()), "t\n");
  kanal::write_private_file(kanal::endpoint_file(dir.path()), "{not json");
  CHECK_FALSE(kanal::read_local_endpoint(dir.path()));
}
