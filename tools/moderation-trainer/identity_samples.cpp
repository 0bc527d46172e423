// Identity numbers for the evaluation, made here from each country's
// published algorithm (independently of services/engagement/identity_numbers.cpp,
// so the figures check it rather than repeat it).
#include <array>
#include <random>
#include <string>
#include <vector>

#include "training_data.h"

namespace kanal::moderation_training {
namespace {

int digit(char c) { return c - '0'; }

bool luhn_ok(const std::string& digits) {
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int d = digit(digits[digits.size() - 1 - i]);
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

bool dk_ok(const std::string& ten) {
  static constexpr std::array<int, 10> kWeights{4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) sum += kWeights[i] * digit(ten[i]);
  return sum % 11 == 0;
}

int no_check(const std::string& digits, const int* weights, std::size_t count) {
  int sum = 0;
  for (std::size_t i = 0; i < count; ++i) sum += weights[i] * digit(digits[i]);
  return (11 - sum % 11) % 11;  // 10: no valid digit
}
constexpr int kNoFirst[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
constexpr int kNoSecond[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

bool no_ok(const std::string& eleven) {
  const int k1 = no_check(eleven, kNoFirst, 9);
  const int k2 = no_check(eleven, kNoSecond, 10);
  return k1 != 10 && k2 != 10 && k1 == digit(eleven[9]) && k2 == digit(eleven[10]);
}

constexpr std::string_view kFinnishChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY";

char fi_check(const std::string& nine_digits) { return kFinnishChecks[std::stoul(nine_digits) % 31]; }

std::string two(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

// Any string of ten or eleven digits that passes some country's check is
// not a safe "invalid" sample.
bool valid_anywhere(const std::string& digits) {
  // DDMMYY-NNNC is also a Finnish henkilötunnus when its last digit is the modulus-31 check.
  if (digits.size() == 10) return luhn_ok(digits) || dk_ok(digits) || fi_check(digits.substr(0, 9)) == digits[9];
  if (digits.size() == 11) return no_ok(digits);
  return false;
}

}  // namespace

std::vector<std::string> identity_number_sentences(bool valid, int count) {
  static const std::vector<std::string> kFrames{
      "My mum's personal number is {}, can you check her case?", "Hans personnummer är {} och han fuskar med bidraget!",
      "Her CPR-nummer er {}, hvorfor er der ingen svar?",        "Fødselsnummeret hans er {} – sjekk saken hans, NAV!",
      "Henkilötunnukseni on {}, milloin päätös tulee?",          "Skriv till mig, {} är min dotters nummer.",
  };
  std::mt19937_64 random(valid ? 20261 : 20262);
  auto pick = [&](int low, int high) {
    return static_cast<int>(low + random() % static_cast<unsigned>(high - low + 1));
  };
  std::vector<std::string> sentences;
  while (static_cast<int>(sentences.size()) < count) {
    const int kind = static_cast<int>(sentences.size() % 4);
    const int year = pick(1940, 2015);
    const int month = pick(1, 12);
    const int day = pick(1, 28);
    const std::string yy = two(year % 100);
    std::string number;
    if (kind == 0) {  // Sweden: YYMMDD-NNNC
      std::string nine = yy + two(month) + two(day) + std::to_string(pick(100, 999));
      int check = 0;
      while (!luhn_ok(nine + std::to_string(check))) ++check;
      if (!valid) check = (check + pick(1, 9)) % 10;
      const std::string ten = nine + std::to_string(check);
      if (!valid && valid_anywhere(ten)) continue;
      number = ten.substr(0, 6) + "-" + ten.substr(6);
    } else if (kind == 1) {  // Denmark: DDMMYY-SSSS
      const std::string nine = two(day) + two(month) + yy + std::to_string(pick(100, 999));
      int check = -1;
      for (int d = 0; d < 10; ++d) {
        if (dk_ok(nine + std::to_string(d))) check = d;
      }
      if (check < 0) continue;
      if (!valid) check = (check + pick(1, 9)) % 10;
      const std::string ten = nine + std::to_string(check);
      if (!valid && valid_anywhere(ten)) continue;
      number = ten.substr(0, 6) + "-" + ten.substr(6);
    } else if (kind == 2) {  // Norway: DDMMYYIIIKK
      std::string nine = two(day) + two(month) + yy + std::to_string(pick(100, 499));
      const int k1 = no_check(nine, kNoFirst, 9);
      if (k1 == 10) continue;
      const std::string ten = nine + std::to_string(k1);
      int k2 = no_check(ten, kNoSecond, 10);
      if (k2 == 10) continue;
      if (!valid) k2 = (k2 + pick(1, 9)) % 10;
      number = ten + std::to_string(k2);
      if (!valid && valid_anywhere(number)) continue;
    } else {  // Finland: DDMMYYCZZZQ
      const std::string zzz = std::to_string(pick(100, 899));
      const std::string six = two(day) + two(month) + yy;
      char check = fi_check(six + zzz);
      if (!valid) check = kFinnishChecks[(kFinnishChecks.find(check) + static_cast<std::size_t>(pick(1, 30))) % 31];
      if (!valid && valid_anywhere(six + zzz + check)) continue;
      number = six + (year >= 2000 ? "A" : "-") + zzz + check;
    }
    auto sentence = kFrames[sentences.size() % kFrames.size()];
    sentence.replace(sentence.find("{}"), 2, number);
    sentences.push_back(sentence);
  }
  return sentences;
}

}  // namespace kanal::moderation_training
