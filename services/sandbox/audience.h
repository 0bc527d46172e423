#pragma once
// The sandbox's simulated audience: citizens who follow the agency, like
// and boost its posts, and answer them — with questions, thanks, sharp
// criticism, swearing, and sometimes hate, threats, someone's identity
// number or a scam link — drawn from a corpus the project wrote
// (assets/sandbox/audience.json). Activity decays as a post ages.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "sandbox/sandbox_state.h"

namespace kanal::sandbox {

struct CorpusComment {
  std::string language;  // en, sv, da, nb, fi, de
  std::string kind;      // question, thanks, criticism, profanity, counter_speech, hate, threat,
                         // personal_data, scam, spam, neutral
  std::string text;      // may hold {agency}, {office}, {agency_lookalike_url}
};

// Throws kanal::Error for a corpus that is not valid JSON of that shape.
std::vector<CorpusComment> parse_corpus(std::string_view json);
// The corpus compiled into the program.
std::vector<CorpusComment> builtin_corpus();

class Audience {
 public:
  Audience(SandboxState& state, std::vector<CorpusComment> corpus, std::uint64_t seed);
  ~Audience();
  Audience(const Audience&) = delete;
  Audience& operator=(const Audience&) = delete;

  // What `simulated` minutes bring. Takes the state's mutex.
  void advance(std::chrono::minutes simulated);
  // Advances by itself: `minutes_per_second` simulated minutes each real second.
  void run(int minutes_per_second);
  void stop();

 private:
  void grow_followers(SandboxAccount& agency, double hours);
  void react_to(Status& post, SandboxAccount& agency, double hours);
  void comment_on(Status& post, SandboxAccount& agency);
  void write_to(SandboxAccount& agency, bool direct);
  const CorpusComment& pick_comment(const std::string& language, bool direct);
  SandboxAccount& pick_citizen(const std::string& language);
  std::string fill(const std::string& text, const SandboxAccount& agency);
  std::int64_t poisson(double mean, std::int64_t most);

  SandboxState& state_;
  std::vector<CorpusComment> corpus_;
  std::mt19937_64 random_;
  std::map<std::string, double> age_hours_;  // of each agency status, in simulated time

  std::mutex run_mutex_;
  std::condition_variable run_cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kanal::sandbox
