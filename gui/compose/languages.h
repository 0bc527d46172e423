#pragma once
// The languages the composer writes and checks in, in the order the
// pickers show them.

#include <string>

#include <wx/string.h>

namespace kanal::gui {

struct ComposeLanguage {
  const char* code;  // ISO 639-1, as posts and the text rules take it
  const char* name;  // in the language itself
};

inline constexpr ComposeLanguage kComposeLanguages[] = {{"sv", "Svenska"}, {"da", "Dansk"},   {"nb", "Norsk bokmål"},
                                                        {"fi", "Suomi"},   {"de", "Deutsch"}, {"en", "English"}};

inline wxString language_name(const std::string& code) {
  for (const auto& language : kComposeLanguages) {
    if (code == language.code) return wxString::FromUTF8(language.name);
  }
  return wxString::FromUTF8(code);
}

}  // namespace kanal::gui
