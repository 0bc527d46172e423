#include "engagement/identity_numbers.h"

#include <array>
#include <optional>

namespace kanal::engagement {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
int digit(char c) { return c - '0'; }
int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + digit(c);
  return value;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool real_date(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap(year) ? 1 : 0);
}

// Luhn over the digits, the last being the check digit.
bool luhn(std::string_view digits) {
  int sum = 0;
  const bool double_even = digits.size() % 2 == 0;  // from the left: the first of an even count is doubled
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int d = digit(digits[i]);
    if ((i % 2 == 0) == double_even) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

// Sweden: ten digits YYMMDDNNNC (the century given or not).
std::optional<IdentityNumberKind> swedish(std::string_view ten, std::optional<int> century) {
  const int yy = number(ten.substr(0, 2));
  const int month = number(ten.substr(2, 2));
  int day = number(ten.substr(4, 2));
  const bool coordination = day > 60;
  if (coordination) day -= 60;
  // Without the century, a leap day is checked against a leap year when one fits.
  const int year = century ? *century * 100 + yy : (leap(2000 + yy) ? 2000 + yy : 1900 + yy);
  if (!real_date(year, month, day) || !luhn(ten)) return std::nullopt;
  return coordination ? IdentityNumberKind::se_samordningsnummer : IdentityNumberKind::se_personnummer;
}

// Denmark: DDMMYYSSSS, weights 4 3 2 7 6 5 4 3 2 1, sum divisible by 11.
std::optional<IdentityNumberKind> danish(std::string_view ten) {
  static constexpr std::array<int, 10> kWeights{4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
  const int day = number(ten.substr(0, 2));
  const int month = number(ten.substr(2, 2));
  const int yy = number(ten.substr(4, 2));
  if (!real_date(leap(2000 + yy) ? 2000 + yy : 1900 + yy, month, day)) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) sum += kWeights[i] * digit(ten[i]);
  if (sum % 11 != 0) return std::nullopt;
  return IdentityNumberKind::dk_cpr;
}

// Norway: DDMMYYIIIKK; a D-number has 40 added to the day.
std::optional<IdentityNumberKind> norwegian(std::string_view eleven) {
  static constexpr std::array<int, 9> kFirst{3, 7, 6, 1, 8, 9, 4, 5, 2};
  static constexpr std::array<int, 10> kSecond{5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
  auto check = [&](const auto& weights, std::size_t count) {
    int sum = 0;
    for (std::size_t i = 0; i < count; ++i) sum += weights[i] * digit(eleven[i]);
    const int k = (11 - sum % 11) % 11;
    return k != 10 && k == digit(eleven[count]);
  };
  int day = number(eleven.substr(0, 2));
  const bool d_number = day > 40;
  if (d_number) day -= 40;
  const int month = number(eleven.substr(2, 2));
  const int yy = number(eleven.substr(4, 2));
  if (!real_date(leap(2000 + yy) ? 2000 + yy : 1900 + yy, month, day)) return std::nullopt;
  if (!check(kFirst, 9) || !check(kSecond, 10)) return std::nullopt;
  return d_number ? IdentityNumberKind::no_d_number : IdentityNumberKind::no_fodselsnummer;
}

// Finland: DDMMYY, the century sign, ZZZ, the check character.
std::optional<int> finnish_century(char sign) {
  switch (sign) {
    case '+': return 1800;
    case '-':
    case 'Y':
    case 'X':
    case 'W':
    case 'V':
    case 'U': return 1900;
    case 'A':
    case 'B':
    case 'C':
    case 'D':
    case 'E':
    case 'F': return 2000;
    default: return std::nullopt;
  }
}

std::optional<IdentityNumberKind> finnish(std::string_view eleven) {
  static constexpr std::string_view kChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
  const auto century = finnish_century(eleven[6]);
  if (!century) return std::nullopt;
  for (std::size_t i : {7u, 8u, 9u}) {
    if (!is_digit(eleven[i])) return std::nullopt;
  }
  const int day = number(eleven.substr(0, 2));
  const int month = number(eleven.substr(2, 2));
  if (!real_date(*century + number(eleven.substr(4, 2)), month, day)) return std::nullopt;
  const long long value = number(eleven.substr(0, 6)) * 1000LL + number(eleven.substr(7, 3));
  if (kChecks[static_cast<std::size_t>(value % 31)] != eleven[10]) return std::nullopt;
  return IdentityNumberKind::fi_henkilotunnus;
}

// The run of digits from `at`.
std::size_t digits_from(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - at;
}

}  // namespace

std::string_view to_string(IdentityNumberKind kind) {
  switch (kind) {
    case IdentityNumberKind::se_personnummer: return "se_personnummer";
    case IdentityNumberKind::se_samordningsnummer: return "se_samordningsnummer";
    case IdentityNumberKind::dk_cpr: return "dk_cpr";
    case IdentityNumberKind::no_fodselsnummer: return "no_fodselsnummer";
    case IdentityNumberKind::no_d_number: return "no_d_number";
    case IdentityNumberKind::fi_henkilotunnus: return "fi_henkilotunnus";
  }
  return "identity_number";
}

std::vector<IdentityNumberMatch> find_identity_numbers(std::string_view text) {
  std::vector<IdentityNumberMatch> found;
  std::size_t at = 0;
  while (at < text.size()) {
    // A number starts where a word starts.
    if (!is_digit(text[at]) || (at > 0 && is_alnum(text[at - 1]))) {
      ++at;
      continue;
    }
    const auto run = digits_from(text, at);
    const auto ends_word = [&](std::size_t end) { return end >= text.size() || !is_alnum(text[end]); };
    std::optional<IdentityNumberKind> kind;
    std::size_t length = 0;
    auto found_as = [&](std::optional<IdentityNumberKind> match, std::size_t size) {
      if (!kind && match && ends_word(at + size)) {
        kind = match;
        length = size;
      }
    };
    const auto rest = text.substr(at);
    if (run == 12) {
      found_as(swedish(rest.substr(2, 10), number(rest.substr(0, 2))), 12);
    } else if (run == 10) {
      found_as(swedish(rest.substr(0, 10), std::nullopt), 10);
      found_as(danish(rest.substr(0, 10)), 10);
    } else if (run == 11) {
      found_as(norwegian(rest.substr(0, 11)), 11);
    } else if ((run == 6 || run == 8) && rest.size() >= run + 5 && (rest[run] == '-' || rest[run] == '+') &&
               digits_from(rest, run + 1) == 4) {
      // YYMMDD-NNNC, YYYYMMDD-NNNC, DDMMYY-SSSS
      const std::string ten = std::string(rest.substr(run - 6, 6)) + std::string(rest.substr(run + 1, 4));
      if (run == 8) {
        found_as(swedish(ten, number(rest.substr(0, 2))), 13);
      } else {
        // "+" marks a Swede of a hundred or more.
        found_as(swedish(ten, std::nullopt), 11);
        if (rest[run] == '-') found_as(danish(ten), 11);
      }
    }
    if (!kind && run == 6 && rest.size() >= 11) found_as(finnish(rest.substr(0, 11)), 11);
    if (kind) {
      found.push_back(IdentityNumberMatch{*kind, at, length});
      at += length;
    } else {
      at += run;
    }
  }
  return found;
}

}  // namespace kanal::engagement
