#pragma once
// Approval levels as a policy: an ordered list of rules, each a set of
// conditions and the approval steps it requires; the first rule whose
// conditions all hold decides. Read from a line-based file an admin edits
// (assets/workflow/default-policy.txt is the default); a file with an
// unknown word, or a rule that can never match, is refused with its line.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace kanal::workflow {

enum class Step { line_manager, subject_expert, director };
std::string_view to_string(Step step);
std::optional<Step> parse_step(std::string_view text);

// What the policy looks at, for one post (or reply) and one target account.
struct Facts {
  std::string account_handle;
  Role author_role = Role::officer;
  bool template_unchanged = false;
  bool rights_and_entitlements = false;
  bool reply = false;
  bool crisis = false;
};

struct Rule {
  std::string name;
  int line = 0;
  // Each condition is optional: unset means "either".
  std::optional<bool> crisis;
  std::optional<bool> reply;
  std::optional<bool> template_unchanged;
  std::optional<bool> rights;
  std::vector<std::string> accounts;  // any of these handles
  std::vector<Role> authors;          // any of these roles
  std::vector<Step> steps;            // empty: no approval needed
  bool matches(const Facts& facts) const;
};

struct Decision {
  const Rule* rule = nullptr;  // the rule that decided
  std::vector<Step> steps;
  std::string why;  // "line 5, “Rights and entitlements need a subject expert first”: …"
};

class Policy {
 public:
  // Throws Error(invalid_input) naming the line and the reason.
  static Policy parse(std::string_view text);
  static const Policy& defaults();
  static std::string_view default_text();

  Decision evaluate(const Facts& facts) const;
  const std::vector<Rule>& rules() const { return rules_; }
  const std::string& text() const { return text_; }

 private:
  std::vector<Rule> rules_;
  std::string text_;
};

}  // namespace kanal::workflow
