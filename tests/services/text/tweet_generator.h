#pragma once
// Texts that stress twitter-text's rules where implementations drift apart:
// emoji sequences, invisible and bidi characters, CJK and Hangul, compatibility
// characters, combining marks, Nordic letters, URLs glued to their
// surroundings, mentions, hashtags, cashtags, many kinds of space, and texts
// far past 280. The same seed gives the same texts on every platform.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace kanal::test {

class TweetGenerator {
 public:
  explicit TweetGenerator(std::uint32_t seed) : random_(seed) {}

  // The next text, valid UTF-8.
  std::string next();
  std::vector<std::string> texts(std::size_t count);

 private:
  // random_() % n, not std::uniform_int_distribution: its algorithm differs
  // between standard libraries, and the texts must not.
  std::size_t pick(std::size_t n) { return random_() % n; }
  bool chance(unsigned percent) { return pick(100) < percent; }
  char32_t in_range(char32_t first, char32_t last) { return first + static_cast<char32_t>(pick(last - first + 1)); }
  template <typename List>
  const auto& one_of(const List& list) {
    return list[pick(std::size(list))];
  }

  std::u32string fragment();
  std::u32string separator();
  std::u32string word();
  std::u32string emoji();
  std::u32string cjk();
  std::u32string hangul();
  std::u32string compatibility();
  std::u32string combining();
  std::u32string url();
  std::u32string url_host();
  std::u32string url_tail();
  std::u32string glue();
  std::u32string mention();
  std::u32string hashtag();
  std::u32string cashtag();
  std::u32string whitespace();

  std::mt19937 random_;
};

}  // namespace kanal::test
