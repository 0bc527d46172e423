// How a handle is written on a network, by its mention style.
#include <catch2/catch.hpp>

#include "contacts/handle_syntax.h"

using namespace kanal;
using namespace kanal::contacts;

TEST_CASE("@name: letters a-z, digits and _, at most 15, the @ added when left out") {
  CHECK(check_handle("@annasvensson", MentionStyle::at_name).handle == "@annasvensson");
  CHECK(check_handle("  Anna_Svensson1 ", MentionStyle::at_name).handle == "@Anna_Svensson1");
  CHECK(check_handle("@abcdefghijklmno", MentionStyle::at_name).ok());
  for (const char* wrong : {"@abcdefghijklmnop", "@anna.svensson", "@anna-s", "@åsa", "@", "", "  ", "@anna svensson",
                            "@anna@journalist.social"}) {
    INFO(wrong);
    CHECK_FALSE(check_handle(wrong, MentionStyle::at_name).ok());
  }
  CHECK(check_handle("@anna.s", MentionStyle::at_name).problem.find("at most 15") != std::string::npos);
}

TEST_CASE("@name@server or @name: a user name and a server's domain name") {
  CHECK(check_handle("@anna@journalist.social", MentionStyle::at_name_host).handle == "@anna@journalist.social");
  CHECK(check_handle("anna@journalist.social", MentionStyle::at_name_host).handle == "@anna@journalist.social");
  CHECK(check_handle("@anna", MentionStyle::at_name_host).ok());
  CHECK(check_handle("@anna.s-v_1@social.xn--sterreich-z7a.at", MentionStyle::at_name_host).ok());
  for (const char* wrong : {"@anna@localhost", "@anna@-journalist.social", "@anna@journalist..social", "@@x.se",
                            "@anna@journalist.123", "@.anna@journalist.social", "@anna@jour nalist.social",
                            "@anna@journalist.social@x.se", "@anna@jöurnalist.social"}) {
    INFO(wrong);
    CHECK_FALSE(check_handle(wrong, MentionStyle::at_name_host).ok());
  }
}

TEST_CASE("@name.domain: a domain name of two labels or more") {
  CHECK(check_handle("@anna.bsky.social", MentionStyle::at_domain).handle == "@anna.bsky.social");
  CHECK(check_handle("anna-s.bsky.social", MentionStyle::at_domain).handle == "@anna-s.bsky.social");
  CHECK(check_handle("@dn.se", MentionStyle::at_domain).ok());
  for (const char* wrong : {"@anna", "@anna.", "@-anna.bsky.social", "@anna_s.bsky.social", "@anna.bsky.123",
                            "@anna@bsky.social", "@anna..bsky.social"}) {
    INFO(wrong);
    CHECK_FALSE(check_handle(wrong, MentionStyle::at_domain).ok());
  }
}

TEST_CASE("handles compare in lower case") {
  CHECK(handle_key("@Anna.BSKY.social") == "@anna.bsky.social");
  CHECK(handle_key("@LarsBerg") == handle_key("@larsberg"));
}
