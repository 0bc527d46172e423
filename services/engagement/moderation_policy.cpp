#include "engagement/moderation_policy.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <sstream>
#include <vector>

#include "core/error.h"

namespace kanal::engagement {
namespace {

constexpr std::array<std::pair<Category, std::string_view>, 10> kCategories{{
    {Category::threat, "threat"},
    {Category::hate, "hate"},
    {Category::personal_data, "personal_data"},
    {Category::scam, "scam"},
    {Category::spam, "spam"},
    {Category::criticism, "criticism"},
    {Category::profanity, "profanity"},
    {Category::question, "question"},
    {Category::thanks, "thanks"},
    {Category::other, "other"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 4> kActions{{
    {Action::hide, "hide"},
    {Action::hide_and_review, "hide_and_review"},
    {Action::review, "review"},
    {Action::keep, "keep"},
}};

[[noreturn]] void refuse(int line, const std::string& why) {
  throw Error(ErrorCode::invalid_input, "line " + std::to_string(line) + ": " + why, "moderation");
}

bool must_keep(Category category) { return category == Category::criticism || category == Category::profanity; }

}  // namespace

std::string_view to_string(Category category) {
  for (const auto& [value, name] : kCategories) {
    if (value == category) return name;
  }
  return "other";
}

std::string_view to_string(Action action) {
  for (const auto& [value, name] : kActions) {
    if (value == action) return name;
  }
  return "keep";
}

std::optional<Category> parse_category(std::string_view text) {
  for (const auto& [value, name] : kCategories) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::optional<Action> parse_action(std::string_view text) {
  for (const auto& [value, name] : kActions) {
    if (name == text) return value;
  }
  return std::nullopt;
}

ModerationPolicy ModerationPolicy::defaults() {
  // Threats and hate: hidden from 0.80. A person reviews a comment whose
  // threat score reaches 0.35 or whose hate score reaches 0.45 — the
  // operating point of assets/moderation/MODEL_CARD.md: more threats and
  // hate reviewed, no more than about a tenth of ordinary comments.
  ModerationPolicy policy;
  policy.rules_ = {
      {Category::threat, {Action::hide, 0.8, 0.35}},
      {Category::hate, {Action::hide, 0.8, 0.45}},
      {Category::personal_data, {Action::hide, 0.5, 0.5 - kReviewBand}},
      {Category::scam, {Action::hide_and_review, 0.7, 0.7 - kReviewBand}},
      {Category::spam, {Action::review, 0.7, 0.7 - kReviewBand}},
      {Category::criticism, {Action::keep, 0.0, 0.0}},
      {Category::profanity, {Action::keep, 0.0, 0.0}},
      {Category::question, {Action::keep, 0.0, 0.0}},
      {Category::thanks, {Action::keep, 0.0, 0.0}},
      {Category::other, {Action::keep, 0.0, 0.0}},
  };
  return policy;
}

ModerationPolicy ModerationPolicy::parse(std::string_view text) {
  auto policy = defaults();
  std::map<Category, int> seen;
  std::istringstream lines{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::vector<std::string> parts;
    for (std::string word; words >> word;) parts.push_back(word);
    if (parts.empty()) continue;
    if (parts.size() > 5 || parts.size() == 4 || (parts.size() == 5 && parts[3] != "review")) {
      refuse(number,
             "write a category, an action, a threshold and optionally a review threshold (e.g. \"threat hide 0.8 "
             "review 0.4\")");
    }
    const auto category = parse_category(parts[0]);
    if (!category) refuse(number, "unknown category \"" + parts[0] + "\"");
    if (parts.size() < 2) refuse(number, "say what to do with " + parts[0]);
    const auto action = parse_action(parts[1]);
    if (!action) refuse(number, "unknown action \"" + parts[1] + "\" (hide, hide_and_review, review or keep)");
    if (must_keep(*category) && *action != Action::keep) {
      refuse(number, parts[0] + " is always kept: a public body does not hide its critics or bad language");
    }
    auto number_in = [&](const std::string& word, const char* what) {
      double value = 0;
      const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
      if (error != std::errc() || end != word.data() + word.size() || value < 0.0 || value > 1.0) {
        refuse(number, std::string(what) + " is a number from 0 to 1, not \"" + word + "\"");
      }
      return value;
    };
    double threshold = *action == Action::keep ? 0.0 : 0.8;
    if (parts.size() >= 3) threshold = number_in(parts[2], "the threshold");
    double review = *action == Action::keep ? 0.0 : std::max(0.0, threshold - kReviewBand);
    if (parts.size() == 5) {
      review = number_in(parts[4], "the review threshold");
      if (review > threshold) refuse(number, "the review threshold is above the threshold " + parts[2]);
    }
    if (const auto [at, fresh] = seen.emplace(*category, number); !fresh) {
      refuse(number, parts[0] + " is already on line " + std::to_string(at->second));
    }
    policy.rules_[*category] = Rule{*action, threshold, review};
  }
  return policy;
}

Action ModerationPolicy::action_for(Category category, double confidence) const {
  const auto rule = rules_.at(category);
  if (rule.action == Action::keep) return Action::keep;
  if (confidence >= rule.threshold) return rule.action;
  // Uncertain: a person looks rather than the comment being hidden or missed.
  if (confidence >= rule.review) return Action::review;
  return Action::keep;
}

std::string ModerationPolicy::text() const {
  std::string out = "# category action threshold review\n";
  for (const auto& [category, name] : kCategories) {
    const auto& rule = rules_.at(category);
    char numbers[48];
    std::snprintf(numbers, sizeof numbers, " %.2f review %.2f", rule.threshold, rule.review);
    out += std::string(name) + " " + std::string(to_string(rule.action)) +
           (rule.action == Action::keep ? "" : numbers) + "\n";
  }
  return out;
}

}  // namespace kanal::engagement
