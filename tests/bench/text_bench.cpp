// Benchmark (not a timed test): X weighted-length computations per second
// over a mixed corpus, per-network counts, and the whole composer check
// (counts for five networks plus the plain-language checks with spelling)
// on a 3,000-character text — the work behind one keystroke.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "example_rules.h"
#include "text/network_count.h"
#include "text/plain_language.h"
#include "text/twitter_text.h"
#include "text/unicode_text.h"

using namespace kanal;
using Steady = std::chrono::steady_clock;

namespace {

double seconds_since(Steady::time_point start) { return std::chrono::duration<double>(Steady::now() - start).count(); }

// Texts like the ones agencies post: Nordic and German letters, links,
// mentions, hashtags, emoji sequences, CJK, right-to-left text.
std::vector<std::string> corpus() {
  const std::vector<std::string> pieces = {
      "Barnbidraget betalas ut den 25 mars. ",
      "Läs mer på https://www.forsakringskassan.se/privatpers/foralder/barnbidrag ",
      "@Kundtjanst svarar vardagar 8–16. ",
      "#Barnfamilj #Bostadsbidrag ",
      "👨‍👩‍👧‍👦 🇸🇪 👍🏽 ",
      "Sosialhjelp kan søkes hos NAV-kontoret. ",
      "Hakemus käsitellään kahden viikon kuluessa. ",
      "Der Antrag auf Wohngeld ist online möglich: example.de/wohngeld ",
      "故人西辞黄鹤楼，烟花三月下扬州。",
      "مرحبا بكم في مكتبنا ",
  };
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < 200; ++i) {
    std::string text;
    for (std::size_t j = 0; j < 2 + i % 6; ++j) text += pieces[(i * 7 + j * 3) % pieces.size()];
    texts.push_back(text);
  }
  return texts;
}

}  // namespace

int main() {
  const auto texts = corpus();
  std::vector<icu::UnicodeString> unicode;
  std::size_t characters = 0;
  for (const auto& t : texts) {
    unicode.push_back(text::to_unicode(t));
    characters += static_cast<std::size_t>(unicode.back().length());
  }

  const int rounds = 25;
  long long total = 0;
  auto start = Steady::now();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& t : unicode) total += text::twitter::parse_tweet(t).weighted_length;
  }
  const double weighted_s = seconds_since(start);
  const double computations = static_cast<double>(rounds) * static_cast<double>(unicode.size());
  std::printf(
      "X weighted length: %.0f computations/s (mixed corpus of %zu texts, %.0f UTF-16 units on average; "
      "checksum %lld)\n",
      computations / weighted_s, texts.size(), static_cast<double>(characters) / unicode.size(), total);

  for (const auto network :
       {text::example::Network::bluesky, text::example::Network::mastodon, text::example::Network::linkedin}) {
    start = Steady::now();
    for (int r = 0; r < rounds; ++r) {
      for (const auto& t : texts)
        total += static_cast<long long>(text::count_text(t, text::example::default_rules(network)).count);
    }
    std::printf("%s count: %.0f texts/s\n", std::string(text::example::to_string(network)).c_str(),
                computations / seconds_since(start));
  }

  std::string long_text;
  for (std::size_t i = 0; long_text.size() < 3000; ++i) long_text += texts[i % texts.size()];
  long_text = std::string(utf8::prefix(long_text, 3000));
  text::CheckOptions options;
  options.language = "sv";
  text::check_plain_language("uppvärmning", options);  // loads the dictionary once, as the app does at start
  const int keystrokes = 20;
  start = Steady::now();
  for (int k = 0; k < keystrokes; ++k) {
    const std::string typed = long_text + std::string(static_cast<std::size_t>(k), 'x');
    for (const auto network :
         {text::example::Network::x, text::example::Network::bluesky, text::example::Network::mastodon,
          text::example::Network::linkedin, text::example::Network::facebook}) {
      total += static_cast<long long>(text::count_text(typed, text::example::default_rules(network)).count);
    }
    total += static_cast<long long>(text::check_plain_language(typed, options).hints.size());
  }
  std::printf("composer check of a 3,000-character text (5 networks + plain language + spelling): %.1f ms\n",
              seconds_since(start) * 1000.0 / keystrokes);
  return total > 0 ? 0 : 1;
}
