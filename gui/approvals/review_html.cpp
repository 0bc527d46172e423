#include "approvals/review_html.h"

#include <wx/intl.h>

#include "approvals/step_labels.h"
#include "compose/preview_html.h"
#include "core/error.h"
#include "core/json.h"
#include "text/word_diff.h"

namespace kanal::gui {
namespace {

std::string tr(const char* text) { return _(text).utf8_string(); }

std::string handle_of(std::int64_t id, const std::vector<Account>& accounts) {
  for (const auto& account : accounts) {
    if (account.id.value == id) return account.handle;
  }
  return "account " + std::to_string(id);
}

std::string name_of(UserId id, const std::vector<User>& users) {
  for (const auto& user : users) {
    if (user.id == id) return user.display_name;
  }
  return "user " + std::to_string(id.value);
}

std::string string_member(const rapidjson::Value& value, const char* name) {
  if (!value.IsObject() || !value.HasMember(name) || !value[name].IsString()) return {};
  return std::string(value[name].GetString(), value[name].GetStringLength());
}

void append_images(std::string& out, const rapidjson::Value& part) {
  if (!part.HasMember("media") || !part["media"].IsArray()) return;
  for (const auto& image : part["media"].GetArray()) {
    out += "\n[" + tr("Image") + ": " + string_member(image, "description") + "]";
  }
}

std::string diff_html(const std::string& before, const std::string& after) {
  std::string html;
  for (const auto& run : text::word_diff(before, after)) {
    switch (run.kind) {
      case text::DiffRun::Kind::same: html += html_escaped(run.text); break;
      case text::DiffRun::Kind::removed:
        html += "<font color=\"#c01c28\"><strike>" + html_escaped(run.text) + "</strike></font>";
        break;
      case text::DiffRun::Kind::added:
        html += "<font color=\"#26a269\"><u><b>" + html_escaped(run.text) + "</b></u></font>";
        break;
    }
  }
  return html;
}

}  // namespace

std::string readable_content(const std::string& content_json, const std::vector<Account>& accounts) {
  if (content_json.empty()) return {};
  rapidjson::Document doc;
  try {
    doc = json::parse_json(content_json);
  } catch (const Error&) {
    return content_json;  // not ours to hide: show it as it is
  }
  if (!doc.IsObject()) return content_json;
  std::string out = string_member(doc, "text");
  append_images(out, doc);
  if (doc.HasMember("thread") && doc["thread"].IsArray()) {
    const auto parts = doc["thread"].GetArray();
    for (rapidjson::SizeType i = 0; i < parts.Size(); ++i) {
      out += "\n\n" + std::to_string(i + 2) + "/" + std::to_string(parts.Size() + 1) + " " +
             string_member(parts[i], "text");
      append_images(out, parts[i]);
    }
  }
  if (doc.HasMember("variants") && doc["variants"].IsArray()) {
    for (const auto& variant : doc["variants"].GetArray()) {
      const auto id =
          variant.HasMember("account_id") && variant["account_id"].IsInt64() ? variant["account_id"].GetInt64() : 0;
      out += "\n\n" + tr("On") + " " + handle_of(id, accounts) + ":\n" + string_member(variant, "text");
    }
  }
  return out;
}

std::string review_html(const wire::ReviewView& view, const std::vector<Account>& accounts,
                        const std::vector<User>& users) {
  const auto& review = view.review;
  std::string html = "<html><body>";
  html += "<h3>" + tr("Post") + " " + std::to_string(review.post.value) + "</h3>";
  html += "<p>" +
          html_escaped(tr("Submitted by") + " " + name_of(review.submitted_by, users) + ", " +
                       to_iso8601(review.submitted_at).substr(0, 16).replace(10, 1, " ") + " UTC") +
          "<br>";
  std::string targets;
  for (const auto& target : review.targets)
    targets += (targets.empty() ? "" : ", ") + handle_of(target.value, accounts);
  html += html_escaped(tr("For") + " " + targets) + "</p>";

  html += "<p><b>" + tr("Steps") + "</b><br>";
  for (const auto& step : review.steps) {
    std::string line = step_label(step).utf8_string();
    for (const auto& decision : review.decisions) {
      if (decision.step == step && decision.approved) line += " \u2714 " + name_of(decision.decided_by, users);
    }
    if (step == view.next_step) line += " \u2190 " + tr("next");
    html += html_escaped(line) + "<br>";
  }
  html += "</p>";

  // The policy's reasons: one line per account that needs a step.
  try {
    const auto reasons = json::parse_json(review.reasons);
    if (!reasons.IsArray()) throw Error(ErrorCode::malformed_json, "reasons");
    html += "<p><b>" + tr("Why") + "</b><br>";
    for (const auto& reason : reasons.GetArray()) {
      html += html_escaped(string_member(reason, "handle") + ": " + string_member(reason, "why")) + "<br>";
    }
    html += "</p>";
  } catch (const Error&) {
    // Written by kanald; without them the rest still stands.
  }

  for (const auto& decision : review.decisions) {
    if (decision.comment.empty()) continue;
    html += "<p><i>" +
            html_escaped(name_of(decision.decided_by, users) + " (" +
                         (decision.approved ? tr("approved") : tr("sent back")) + "): " + decision.comment) +
            "</i></p>";
  }

  const auto now = readable_content(review.content, accounts);
  if (!view.last_seen.empty()) {
    const auto before = readable_content(view.last_seen, accounts);
    // The canonical content decides (an image swapped for another reads the same).
    const bool same = view.last_seen == review.content;
    html +=
        "<p><b>" + (same ? tr("Unchanged since you last looked") : tr("Changed since you last looked")) + "</b></p>";
    if (!same) html += "<p>" + diff_html(before, now) + "</p><hr>";
  }
  html += "<p><b>" + tr("What will be published") + "</b></p><p>" + html_escaped(now) + "</p>";
  html += "</body></html>";
  return html;
}

}  // namespace kanal::gui
