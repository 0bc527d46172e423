#pragma once
// Personal identity numbers in free text, found by their form and their
// check digits — a comment that exposes one is hidden (moderation needs no
// model for this). A number whose check digits do not add up, or whose
// date does not exist, is not one.
//   Sweden   personnummer YYMMDD-NNNC, YYMMDD+NNNC, YYYYMMDDNNNC (Luhn);
//            samordningsnummer: the day plus 60
//   Denmark  CPR DDMMYY-SSSS (modulus 11)
//   Norway   fødselsnummer DDMMYYIIIKK (two modulus-11 digits); D-number: the day plus 40
//   Finland  henkilötunnus DDMMYYCZZZQ (C: the century sign; Q: modulus 31)

#include <string>
#include <string_view>
#include <vector>

namespace kanal::engagement {

enum class IdentityNumberKind {
  se_personnummer,
  se_samordningsnummer,
  dk_cpr,
  no_fodselsnummer,
  no_d_number,
  fi_henkilotunnus,
};
std::string_view to_string(IdentityNumberKind kind);

struct IdentityNumberMatch {
  IdentityNumberKind kind;
  std::size_t offset = 0;  // bytes into the text
  std::size_t length = 0;
};

std::vector<IdentityNumberMatch> find_identity_numbers(std::string_view text);

}  // namespace kanal::engagement
