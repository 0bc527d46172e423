// The workspace's rule files: the approval policy, the moderation policy,
// the blocked terms and the plain-language word lists. A policy that reads
// reads again from its own text to the same rules.
#include <memory>

#include "engagement/blocked_terms.h"
#include "engagement/moderation_policy.h"
#include "fuzz_support.h"
#include "text/word_lists.h"
#include "workflow/policy.h"

using namespace kanal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [which, file] = fuzz::choose(data, size, 4);
  fuzz::refused_or_read([&, which = which, file = file] {
    if (which == 0) {
      const auto policy = workflow::Policy::parse(file);
      if (workflow::Policy::parse(policy.text()).rules().size() != policy.rules().size())
        fuzz::broken("a policy reads differently from its own text");
      workflow::Facts facts;
      policy.evaluate(facts);
    } else if (which == 1) {
      const auto policy = engagement::ModerationPolicy::parse(file);
      if (engagement::ModerationPolicy::parse(policy.text()).text() != policy.text())
        fuzz::broken("a moderation policy reads differently from its own text");
    } else if (which == 2) {
      const auto terms = engagement::BlockedTerms::parse(file);
      terms.first_in("Ni är alla idioter på Försäkringskassan");
    } else {
      // One language a run: compiling each language's patterns is slow.
      static constexpr const char* kLanguages[] = {"sv", "da", "nb", "fi", "de", "en"};
      const auto* language = kLanguages[file.size() % 6];
      const text::WordLists lists(std::string(file), std::string(file), {std::string(file)});
      lists.jargon(language);
      lists.rights_terms(language);
      lists.jargon_pattern(language);
      lists.rights_pattern(language);
    }
  });
  return 0;
}
