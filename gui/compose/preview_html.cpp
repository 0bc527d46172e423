#include "compose/preview_html.h"

#include "core/utf8.h"

namespace kanal::gui {
namespace {

constexpr const char* kLinkColour = "#1d6fb8";
constexpr const char* kOverflowColour = "#c01c28";

}  // namespace

std::string html_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// Byte offsets of each code point of `text`, plus the end.
std::vector<std::size_t> code_point_offsets(std::string_view text) {
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < text.size();) {
    offsets.push_back(i);
    const auto lead = static_cast<unsigned char>(text[i]);
    i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  offsets.push_back(text.size());
  return offsets;
}

}  // namespace

std::string shown_link(const std::string& url, const TextRules& rules) {
  std::string shown = url;
  for (const char* scheme : {"https://", "http://"}) {
    if (shown.rfind(scheme, 0) == 0) shown = shown.substr(std::string_view(scheme).size());
  }
  if (shown.rfind("www.", 0) == 0 && !rules.shown_link_keeps_www) shown = shown.substr(4);
  const std::size_t keep = rules.shown_link_characters;
  if (keep > 0 && utf8::code_points(shown).value_or(0) > keep) shown = std::string(utf8::prefix(shown, keep)) + "…";
  return shown;
}

std::string preview_card_html(const Account& account, const NetworkDescriptor& network, const std::string& text,
                              const text::Count& count) {
  const std::string valid_text = utf8::repaired(text);
  const auto offsets = code_point_offsets(valid_text);
  const std::size_t overflow_start = count.overflow.empty() ? offsets.size() : count.overflow.front().start;
  std::string body;
  std::size_t next_entity = 0;
  const std::size_t length = offsets.size() - 1;
  for (std::size_t at = 0; at < length;) {
    if (at == overflow_start) body += std::string("<font color=\"") + kOverflowColour + "\"><u>";
    while (next_entity < count.entities.size() && count.entities[next_entity].span.start < at) ++next_entity;
    if (next_entity < count.entities.size() && count.entities[next_entity].span.start == at &&
        count.entities[next_entity].span.end <= length) {
      const auto& entity = count.entities[next_entity];
      const std::string written =
          valid_text.substr(offsets[entity.span.start], offsets[entity.span.end] - offsets[entity.span.start]);
      const std::string shown = entity.kind == text::EntityKind::url ? shown_link(written, network.text) : written;
      body += std::string("<font color=\"") + (at >= overflow_start ? kOverflowColour : kLinkColour) + "\">" +
              html_escaped(shown) + "</font>";
      at = entity.span.end;
      continue;
    }
    body += html_escaped(valid_text.substr(offsets[at], offsets[at + 1] - offsets[at]));
    ++at;
  }
  if (overflow_start < length) body += "</u></font>";

  const std::string status = std::to_string(count.count) + "/" + std::to_string(count.limit) + " " +
                             std::string(count.unit) + (count.valid ? "" : " — too long for " + network.display_name);
  return "<table width=\"100%\" cellpadding=\"8\" cellspacing=\"0\" border=\"1\" bordercolor=\"#d0d0d0\">"
         "<tr><td bgcolor=\"#ffffff\"><font size=\"2\" color=\"#606060\">" +
         html_escaped(network.display_name) + "</font><br><b>" +
         html_escaped(account.display_name.empty() ? account.handle : account.display_name) +
         "</b> <font color=\"#606060\">" + html_escaped(account.handle) + "</font><br><br>" + body +
         "<br><br><font size=\"2\" color=\"" + (count.valid ? "#606060" : kOverflowColour) + "\">" +
         html_escaped(status) + "</font></td></tr></table><br>";
}

}  // namespace kanal::gui
