#pragma once
// What the workspace does with each kind of comment: per category an action
// (hide, hide and ask a person to review, ask for review, keep), the
// confidence from which it applies, and the confidence from which a person
// is asked instead ("review the uncertain"; by default kReviewBand below the
// threshold). The defaults follow field practice and the law (e.g. Sweden's
// Act on Responsibility for Electronic Bulletin Boards): hide threats, hate
// and personal data; keep criticism and bad language, always.
//
// The text (the workspace document "moderation-policy"), one category per line:
//     threat  hide  0.80  review 0.35
//     hate  hide  0.80
//     criticism  keep
// "#" starts a comment. "review R" is optional (0 ≤ R ≤ threshold).
// Criticism and profanity can only be kept: a public body does not hide its
// critics.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kanal::engagement {

enum class Category { threat, hate, personal_data, scam, spam, criticism, profanity, question, thanks, other };
enum class Action { hide, hide_and_review, review, keep };

std::string_view to_string(Category category);
std::string_view to_string(Action action);
std::optional<Category> parse_category(std::string_view text);
std::optional<Action> parse_action(std::string_view text);

class ModerationPolicy {
 public:
  // Without "review R": below the threshold, down to this much less, a person reviews.
  static constexpr double kReviewBand = 0.3;

  static ModerationPolicy defaults();
  // Throws Error(invalid_input) naming the line: an unknown category or
  // action, a threshold outside 0–1, a category twice, or hiding criticism
  // or profanity, a review threshold above the threshold. Categories not
  // listed keep their defaults.
  static ModerationPolicy parse(std::string_view text);

  // What to do with a comment of `category` judged with `confidence` (0–1).
  Action action_for(Category category, double confidence) const;
  std::string text() const;

 private:
  struct Rule {
    Action action = Action::keep;
    double threshold = 1.0;
    double review = 1.0;  // from here up to the threshold: review
  };
  std::map<Category, Rule> rules_;
};

}  // namespace kanal::engagement
