// kanalctl post submit|review|approve|send-back and approvals — the approval
// workflow from the command line.
#include <iostream>

#include "cli/command_support.h"
#include "core/error.h"
#include "core/utf8.h"

namespace kanal::cli {
namespace {

void print_review(std::ostream& out, const wire::ReviewView& view) {
  const auto& review = view.review;
  out << "Post " << review.post.value << ": submission " << review.id << " is " << to_string(review.state) << ".\n";
  if (review.steps.empty()) {
    out << "No approval needed under the policy.\n";
  } else {
    out << "Steps:";
    for (const auto& step : review.steps) out << " " << step;
    out << "\n";
  }
  for (const auto& decision : review.decisions) {
    out << "  " << decision.step << ": " << (decision.approved ? "approved" : "sent back") << " by user "
        << decision.decided_by.value << " at " << to_iso8601(decision.at)
        << (decision.comment.empty() ? "" : " — " + decision.comment) << "\n";
  }
  if (!view.next_step.empty()) out << "Next: " << view.next_step << "\n";
  out << "Content hash: " << review.content_hash << "\n";
  if (!view.may_decide && review.state == ReviewState::pending) out << "You cannot decide: " << view.why_not << "\n";
}

}  // namespace

int run_review_command(const Arguments& args, std::ostream& out) {
  const auto& command = args.command;
  auto option = [&](const std::string& name) -> std::optional<std::string> {
    auto it = args.options.find(name);
    if (it == args.options.end()) return std::nullopt;
    return it->second;
  };
  client::ApiClient api(endpoint_for(args), 1);
  if (command[0] == "approvals") {
    if (command.size() > 1) throw UsageError("unexpected argument '" + command[1] + "'");
    const auto queue = api.approvals().get();
    if (args.json) {
      out << wire::to_json(queue) << "\n";
    } else if (queue.empty()) {
      out << "Nothing waits for your approval.\n";
    } else {
      for (const auto& item : queue) {
        out << "post " << item.post.value << " (" << item.step << ", submitted " << to_iso8601(item.submitted_at)
            << "): " << utf8::preview(item.excerpt, 60) << "\n";
      }
    }
    return 0;
  }

  const PostId id{parse_id(command, 2)};
  const auto& action = command[1];
  wire::ReviewView view;
  if (action == "submit") {
    auto accounts = option("accounts");
    if (!accounts) throw UsageError("post submit needs --accounts ID[,ID…]");
    std::vector<AccountId> targets;
    for (const auto account : parse_id_list(*accounts)) targets.push_back(AccountId{account});
    view = api.submit(id, targets).get();
  } else if (action == "review") {
    view = api.review(id).get();
  } else if (action == "approve" || action == "send-back") {
    // The decision is for the version the reviewer saw: its hash, as 'post
    // review' printed it (the first 12 characters are enough).
    const auto hash = option("hash");
    if (!hash || hash->size() < 12) {
      throw UsageError("post " + action +
                       " needs --hash H: the content hash 'post review' shows (at least 12 characters)");
    }
    const auto current = api.review(id).get();
    if (current.review.content_hash.rfind(*hash, 0) != 0) {
      throw Error(ErrorCode::stale_version, "the post changed since you looked at it: run 'post review' again");
    }
    const wire::DecisionRequest decision{current.review.content_hash, option("comment").value_or("")};
    view = action == "approve" ? api.approve(id, decision).get() : api.send_back(id, decision).get();
  } else {
    throw UsageError("unknown command 'post " + action + "'");
  }
  if (args.json) {
    out << wire::to_json(view) << "\n";
  } else {
    print_review(out, view);
  }
  return 0;
}

}  // namespace kanal::cli
