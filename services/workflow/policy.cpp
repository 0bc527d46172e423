#include "workflow/policy.h"

#include <algorithm>

#include "core/error.h"

extern const std::string_view kanal_default_policy;

namespace kanal::workflow {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

[[noreturn]] void refuse(int line, const std::string& reason) {
  throw Error(ErrorCode::invalid_input, "policy line " + std::to_string(line) + ": " + reason, "policy");
}

// Splits "a and b and c" into its conditions.
std::vector<std::string_view> split_conditions(std::string_view text) {
  std::vector<std::string_view> parts;
  while (true) {
    const std::size_t at = text.find(" and ");
    parts.push_back(trim(text.substr(0, at)));
    if (at == std::string_view::npos) break;
    text = text.substr(at + 5);
  }
  return parts;
}

void set_once(std::optional<bool>& slot, bool value, int line, std::string_view what) {
  if (slot && *slot != value)
    refuse(line, "the rule asks for " + std::string(what) + " both ways, so it can never match");
  slot = value;
}

Rule parse_rule(std::string_view line_text, int line) {
  const std::size_t colon = line_text.find(':');
  const std::size_t arrow = line_text.find("->");
  if (colon == std::string_view::npos || arrow == std::string_view::npos || arrow < colon) {
    refuse(line, "a rule is written NAME: CONDITIONS -> STEPS");
  }
  Rule rule;
  rule.line = line;
  rule.name = std::string(trim(line_text.substr(0, colon)));
  if (rule.name.empty()) refuse(line, "the rule has no name");
  bool always = false;
  for (const auto condition : split_conditions(trim(line_text.substr(colon + 1, arrow - colon - 1)))) {
    if (condition == "always") {
      always = true;
    } else if (condition == "crisis" || condition == "not crisis") {
      set_once(rule.crisis, condition == "crisis", line, "a crisis");
    } else if (condition == "post" || condition == "reply") {
      set_once(rule.reply, condition == "reply", line, "a post and a reply");
    } else if (condition == "template unchanged" || condition == "template changed") {
      set_once(rule.template_unchanged, condition == "template unchanged", line, "an unchanged template");
    } else if (condition == "rights" || condition == "no rights") {
      set_once(rule.rights, condition == "rights", line, "rights and entitlements");
    } else if (condition.substr(0, 8) == "account ") {
      const auto handle = trim(condition.substr(8));
      if (handle.empty()) refuse(line, "\"account\" needs the account's handle");
      rule.accounts.emplace_back(handle);
    } else if (condition.substr(0, 7) == "author ") {
      const auto role = parse_role(trim(condition.substr(7)));
      if (!role) refuse(line, "unknown role \"" + std::string(trim(condition.substr(7))) + "\"");
      rule.authors.push_back(*role);
    } else {
      refuse(line, "unknown condition \"" + std::string(condition) + "\"");
    }
  }
  if (always && (rule.crisis || rule.reply || rule.template_unchanged || rule.rights || !rule.accounts.empty() ||
                 !rule.authors.empty())) {
    refuse(line, "\"always\" stands alone");
  }
  if (rule.accounts.size() > 1) refuse(line, "a post goes to one account at a time: two accounts can never both match");
  if (rule.authors.size() > 1) refuse(line, "an author has one role: two roles can never both match");
  const auto steps = trim(line_text.substr(arrow + 2));
  if (steps != "none") {
    std::string_view rest = steps;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const auto step = trim(rest.substr(0, comma));
      if (const auto known = parse_step(step)) {
        rule.steps.push_back(*known);
      } else {
        refuse(line, "unknown step \"" + std::string(step) + "\" (none, line_manager, subject_expert, director)");
      }
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
    if (rule.steps.empty()) refuse(line, "the rule needs steps, or none");
  }
  return rule;
}

bool is_catch_all(const Rule& rule) {
  return !rule.crisis && !rule.reply && !rule.template_unchanged && !rule.rights && rule.accounts.empty() &&
         rule.authors.empty();
}

}  // namespace

std::optional<Step> parse_step(std::string_view text) {
  for (const auto step : {Step::line_manager, Step::subject_expert, Step::director}) {
    if (to_string(step) == text) return step;
  }
  return std::nullopt;
}

std::string_view to_string(Step step) {
  switch (step) {
    case Step::line_manager: return "line_manager";
    case Step::subject_expert: return "subject_expert";
    case Step::director: return "director";
  }
  return "line_manager";
}

bool Rule::matches(const Facts& facts) const {
  if (crisis && *crisis != facts.crisis) return false;
  if (reply && *reply != facts.reply) return false;
  if (template_unchanged && *template_unchanged != facts.template_unchanged) return false;
  if (rights && *rights != facts.rights_and_entitlements) return false;
  if (!accounts.empty() && std::find(accounts.begin(), accounts.end(), facts.account_handle) == accounts.end()) {
    return false;
  }
  if (!authors.empty() && std::find(authors.begin(), authors.end(), facts.author_role) == authors.end()) return false;
  return true;
}

Policy Policy::parse(std::string_view text) {
  Policy policy;
  policy.text_ = std::string(text);
  int line = 0;
  const Rule* catch_all = nullptr;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto line_text = trim(text.substr(start, end - start));
    start = end + 1;
    ++line;
    if (line_text.empty() || line_text.front() == '#') continue;
    if (catch_all != nullptr) {
      refuse(line, "this rule can never match: the rule on line " + std::to_string(catch_all->line) +
                       " already decides for every post");
    }
    policy.rules_.push_back(parse_rule(line_text, line));
    if (is_catch_all(policy.rules_.back())) catch_all = &policy.rules_.back();
  }
  if (policy.rules_.empty()) refuse(line, "the policy has no rules");
  if (catch_all == nullptr) {
    refuse(line,
           "the last rule must decide for every post (\"always -> …\"), so nothing goes out unreviewed by accident");
  }
  return policy;
}

const Policy& Policy::defaults() {
  static const Policy policy = parse(kanal_default_policy);
  return policy;
}

std::string_view Policy::default_text() { return kanal_default_policy; }

Decision Policy::evaluate(const Facts& facts) const {
  for (const auto& rule : rules_) {
    if (!rule.matches(facts)) continue;
    Decision decision{&rule, rule.steps, {}};
    std::string steps;
    for (const auto step : rule.steps) steps += (steps.empty() ? "" : ", then ") + std::string(to_string(step));
    decision.why = "line " + std::to_string(rule.line) + ", \u201C" + rule.name +
                   "\u201D: " + (steps.empty() ? std::string("no approval needed") : "approval by " + steps);
    return decision;
  }
  // parse() guarantees a catch-all rule; this is for a default-constructed policy.
  return Decision{nullptr, {Step::line_manager}, "no rule matched: the line manager reviews"};
}

}  // namespace kanal::workflow
