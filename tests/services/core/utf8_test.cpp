#include <catch2/catch.hpp>

#include "core/utf8.h"

TEST_CASE("code points of valid UTF-8") {
  CHECK(kanal::utf8::code_points("") == 0u);
  CHECK(kanal::utf8::code_points("abc") == 3u);
  CHECK(kanal::utf8::code_points("Ålesund") == 7u);
  CHECK(kanal::utf8::code_points("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9") == 3u);  // 👨‍👩
}

TEST_CASE("invalid UTF-8 is recognised") {
  CHECK_FALSE(kanal::utf8::is_valid("\xC3"));                             // truncated
  CHECK_FALSE(kanal::utf8::is_valid("\xC0\xAF"));                         // overlong '/'
  CHECK_FALSE(kanal::utf8::is_valid("\xED\xA0\x80"));                     // UTF-16 surrogate
  CHECK_FALSE(kanal::utf8::is_valid("\xFF"));                             // never valid
  CHECK_FALSE(kanal::utf8::is_valid(std::string("ok\xF4\x90\x80\x80")));  // above U+10FFFF
  CHECK(kanal::utf8::is_valid(std::string("nul\0inside", 10)));
}
