#include <catch2/catch.hpp>

#include "text/word_diff.h"

using kanal::text::DiffRun;
using kanal::text::word_diff;
using Kind = DiffRun::Kind;

TEST_CASE("a word diff shows the words a reviewer has not seen, and the ones taken out") {
  CHECK(word_diff("Closed on Friday.", "Closed on Friday 4 December.") ==
        std::vector<DiffRun>{
            {Kind::same, "Closed on "}, {Kind::removed, "Friday."}, {Kind::added, "Friday 4 December."}});
  CHECK(word_diff("Closed on Friday.", "Closed on Friday. Open on Monday.") ==
        std::vector<DiffRun>{{Kind::same, "Closed on Friday."}, {Kind::added, " Open on Monday."}});
  CHECK(word_diff("Same text", "Same text") == std::vector<DiffRun>{{Kind::same, "Same text"}});
  CHECK(word_diff("", "New") == std::vector<DiffRun>{{Kind::added, "New"}});
  CHECK(word_diff("Old", "") == std::vector<DiffRun>{{Kind::removed, "Old"}});
  // Pieces put back together give each version.
  const std::string before = "Du har rätt till barnbidrag.\nLäs mer på webben.";
  const std::string after = "Du kan ha rätt till barnbidrag.\nLäs mer på webben i dag.";
  std::string old_text, new_text;
  for (const auto& run : word_diff(before, after)) {
    if (run.kind != Kind::added) old_text += run.text;
    if (run.kind != Kind::removed) new_text += run.text;
  }
  CHECK(old_text == before);
  CHECK(new_text == after);
}
