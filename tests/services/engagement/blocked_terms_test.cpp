// The workspace's blocked terms: whole words or phrases, found through case,
// accents and look-alike characters; comments and blank lines in the file
// are not terms.
#include <catch2/catch.hpp>

#include "core/error.h"
#include "engagement/blocked_terms.h"

using kanal::engagement::BlockedTerms;

TEST_CASE("blocked terms are found as whole words, through case, accents and look-alike characters") {
  const auto terms = BlockedTerms::parse("# The comms team's list\n\nlögnare\nbränn ner kontoret\n  kassatjuv  \n");
  CHECK(terms.size() == 3);
  CHECK(terms.first_in("Ni är LÖGNARE allihop") == "lögnare");
  CHECK(terms.first_in("ni är l0gnare") == "lögnare");
  CHECK(terms.first_in("Någon borde branna ner... nej: bränn ner kontoret!") == "bränn ner kontoret");
  CHECK(terms.first_in("kassatjuv.") == "kassatjuv");
  // Part of a longer word, or criticism without the term: kept.
  CHECK_FALSE(terms.first_in("kassatjuvarna"));
  CHECK_FALSE(terms.first_in("Handläggningstiden är en skandal och ni borde skämmas."));
  CHECK_FALSE(BlockedTerms::parse("").first_in("lögnare"));
}

TEST_CASE("a blocked-terms file that is not UTF-8 is refused naming the line") {
  try {
    BlockedTerms::parse("ok\n\xff\xfe bad\n");
    FAIL("accepted");
  } catch (const kanal::Error& e) {
    CHECK(e.detail() == "line 2 is not UTF-8");
  }
}
