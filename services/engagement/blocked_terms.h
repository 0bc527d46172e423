#pragma once
// The workspace's own blocked terms: words and phrases that hide a comment
// whatever a model thinks (a slur it does not know, a harasser's phrase).
// One per line, "#" starts a comment. Matched as whole words, in their
// visual form (visual_form.h), so "L0GNARE" or a missing accent does not
// slip past.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanal::engagement {

class BlockedTerms {
 public:
  // Throws Error(invalid_input) naming the line of a term that is not UTF-8.
  static BlockedTerms parse(std::string_view file_text);

  // The first term (as listed) that `text` contains; nothing if none.
  std::optional<std::string> first_in(std::string_view text) const;
  std::size_t size() const { return terms_.size(); }

 private:
  struct Term {
    std::string listed;
    std::string visual;
  };
  std::vector<Term> terms_;
};

}  // namespace kanal::engagement
