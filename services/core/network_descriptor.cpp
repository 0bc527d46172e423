#include "core/network_descriptor.h"

#include <algorithm>

namespace kanal {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> parse_by_name(std::string_view text, const Enum (&all)[N]) {
  for (const Enum value : all) {
    if (to_string(value) == text) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Counting counting) {
  switch (counting) {
    case Counting::weighted: return "weighted";
    case Counting::graphemes: return "graphemes";
    case Counting::code_points: return "code_points";
  }
  return "code_points";
}

std::optional<Counting> parse_counting(std::string_view text) {
  static constexpr Counting all[] = {Counting::weighted, Counting::graphemes, Counting::code_points};
  return parse_by_name(text, all);
}

std::string_view counting_unit(Counting counting) {
  switch (counting) {
    case Counting::weighted: return "weighted characters";
    case Counting::graphemes: return "graphemes";
    case Counting::code_points: return "characters";
  }
  return "characters";
}

std::string_view to_string(MentionStyle style) {
  switch (style) {
    case MentionStyle::at_name: return "at_name";
    case MentionStyle::at_name_host: return "at_name_host";
    case MentionStyle::at_domain: return "at_domain";
  }
  return "at_name";
}

std::optional<MentionStyle> parse_mention_style(std::string_view text) {
  static constexpr MentionStyle all[] = {MentionStyle::at_name, MentionStyle::at_name_host, MentionStyle::at_domain};
  return parse_by_name(text, all);
}

std::string_view to_string(SignInMethod method) {
  switch (method) {
    case SignInMethod::oauth: return "oauth";
    case SignInMethod::app_password: return "app_password";
  }
  return "oauth";
}

std::optional<SignInMethod> parse_sign_in_method(std::string_view text) {
  static constexpr SignInMethod all[] = {SignInMethod::oauth, SignInMethod::app_password};
  return parse_by_name(text, all);
}

bool NetworkDescriptor::signs_in_with(SignInMethod method) const {
  return std::find(sign_in.begin(), sign_in.end(), method) != sign_in.end();
}

}  // namespace kanal
