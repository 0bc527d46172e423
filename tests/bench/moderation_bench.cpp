// Comments moderated per second on one core: moderate() (rules, the builtin
// classifier, the default policy) over the contrast templates' expansions,
// realistic comments under a social-security agency's posts; and the
// classifier alone. Not a timed test: it prints figures.
#include <chrono>
#include <cstdio>

#include "engagement/moderation.h"
#include "training.h"

int main() {
  using namespace kanal::engagement;
  const auto rows = kanal::moderation_training::read_contrast_dir(KANAL_CONTRAST_DIR);
  std::vector<std::string> comments;
  std::size_t bytes = 0;
  for (const auto& row : rows) {
    comments.push_back(row.text);
    bytes += row.text.size();
  }
  const RuleContext context{{"forsakringskassan.se", "kela.fi", "nav.no", "borger.dk"}, {}};
  const auto& classifier = Classifier::builtin();
  const auto policy = ModerationPolicy::defaults();
  for (const auto& comment : comments) (void)classifier.classify(comment);  // warm up

  // Longer comments too: three expansions in a row make 150–300 bytes.
  std::vector<std::string> longer;
  std::size_t longer_bytes = 0;
  for (std::size_t i = 0; i + 2 < comments.size(); i += 3) {
    longer.push_back(comments[i] + " " + comments[i + 1] + " " + comments[i + 2]);
    longer_bytes += longer.back().size();
  }

  auto measure = [&](const char* what, auto&& run) {
    std::size_t done = 0;
    int hidden = 0;
    const auto started = std::chrono::steady_clock::now();
    double seconds = 0;
    while (seconds < 2.0) {
      for (const auto& comment : comments) hidden += run(comment);
      done += comments.size();
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    std::printf("%-34s %9.0f comments/s on one core (%zu comments, %.0f bytes on average; %d hidden)\n", what,
                static_cast<double>(done) / seconds, done, static_cast<double>(bytes) / comments.size(), hidden);
  };
  for (const bool long_ones : {false, true}) {
    if (long_ones) {
      std::swap(comments, longer);
      std::swap(bytes, longer_bytes);
      std::printf("Longer comments (three in a row):\n");
    }
    measure("moderate() (rules + model + policy)",
            [&](const std::string& c) { return hides(moderate(c, context, classifier, policy).action) ? 1 : 0; });
    measure("apply_rules() alone", [&](const std::string& c) { return apply_rules(c, context) ? 1 : 0; });
    measure("Classifier::classify() alone",
            [&](const std::string& c) { return classifier.classify(c).top() == Category::threat ? 1 : 0; });
    measure("Classifier::explain() alone",
            [&](const std::string& c) { return classifier.explain(c, Category::hate, 3).empty() ? 0 : 1; });
  }
  return 0;
}
