#include "workflow/approvals.h"

#include <algorithm>

#include "auth/permissions.h"
#include "core/error.h"
#include "core/json.h"
#include "store/account_permission_repository.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/post_repository.h"
#include "store/review_repository.h"
#include "store/user_repository.h"
#include "workflow/review.h"

namespace kanal::workflow {
std::string decisions_json(const std::vector<TargetDecision>& decisions) {
  return json::written([&](json::JsonWriter& w) {
    w.StartArray();
    for (const auto& [account, decision] : decisions) {
      w.StartObject();
      w.Key("account_id");
      w.Int64(account.id.value);
      json::write_string(w, "handle", account.handle);
      w.Key("steps");
      w.StartArray();
      for (const auto step : decision.steps) w.String(std::string(to_string(step)).c_str());
      w.EndArray();
      json::write_string(w, "rule", decision.rule ? decision.rule->name : std::string());
      w.Key("line");
      w.Int(decision.rule ? decision.rule->line : 0);
      json::write_string(w, "why", decision.why);
      w.EndObject();
    }
    w.EndArray();
  });
}

namespace {

// The post a "post.create" event says it copies (0: none).
std::int64_t copied_from(const std::string& detail) {
  try {
    const auto doc = json::parse_json(detail);
    if (doc.IsObject() && doc.HasMember("copy_of") && doc["copy_of"].IsInt64()) return doc["copy_of"].GetInt64();
  } catch (const Error&) {
    // A detail that is not JSON: nothing to follow.
  }
  return 0;
}

std::string review_detail(const Review& review, const std::string& extra_key = {}, const std::string& extra = {}) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    w.Key("review");
    w.Int64(review.id);
    w.Key("targets");
    w.StartArray();
    for (const auto& target : review.targets) w.Int64(target.value);
    w.EndArray();
    w.Key("steps");
    w.StartArray();
    for (const auto& step : review.steps) w.String(step.c_str());
    w.EndArray();
    json::write_string(w, "content_hash", review.content_hash);
    if (!extra_key.empty()) json::write_string(w, extra_key.c_str(), extra);
    w.EndObject();
  });
}

bool same_targets(std::vector<AccountId> a, std::vector<AccountId> b) {
  auto by_id = [](AccountId x, AccountId y) { return x.value < y.value; };
  std::sort(a.begin(), a.end(), by_id);
  std::sort(b.begin(), b.end(), by_id);
  return a == b;
}

std::string steps_text(const std::vector<Step>& steps) {
  std::string out;
  for (const auto step : steps) out += (out.empty() ? "" : ", then ") + std::string(to_string(step));
  return out;
}

}  // namespace

std::vector<TargetDecision> Approvals::decide(const Post& post, const std::vector<AccountId>& targets,
                                              std::optional<UserId> submitter) {
  store::AccountRepository accounts(session_);
  const bool submitter_wrote = submitter && (*submitter == post.author || wrote_part_of(post, *submitter));
  const auto author = store::UserRepository(session_).find(submitter_wrote ? *submitter : post.author);
  std::vector<TargetDecision> out;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto field = "account_ids[" + std::to_string(i) + "]";
    auto account = accounts.find(targets[i]);
    if (!account) throw Error(ErrorCode::invalid_input, "no account " + std::to_string(targets[i].value), field);
    if (account->health == AccountHealth::disconnected) {
      throw Error(ErrorCode::invalid_input, account->handle + " is not connected", field);
    }
    const auto facts = facts_for(post, *account, author ? author->role : Role::officer);
    out.push_back(TargetDecision{std::move(*account), policy_.evaluate(facts)});
  }
  return out;
}

void Approvals::require_capability(const std::vector<TargetDecision>& targets, UserId who,
                                   const std::string& capability) {
  store::AccountPermissionRepository permissions(session_);
  for (const auto& target : targets) {
    if (!permissions.allows(target.account.id, who, capability)) {
      throw Error(ErrorCode::forbidden,
                  target.account.handle + "'s permissions do not let you " + capability + " for it");
    }
  }
}

void Approvals::require_may_still_send(UserId who) {
  const auto person = store::UserRepository(session_).find(who);
  if (!person || person->disabled) {
    throw Error(ErrorCode::approval_required,
                "it was to go out on behalf of " + (person ? person->display_name : std::string("a removed user")) +
                    ", who is disabled now; someone who may publish must send it as theirs",
                "approval");
  }
  if (!auth::role_may(person->role, auth::Permission::publish)) {
    throw Error(ErrorCode::approval_required,
                "it was to go out on behalf of " + person->display_name + ", whose role is " +
                    std::string(to_string(person->role)) + " now and does not publish; someone who may must send it",
                "approval");
  }
}

void Approvals::withdraw(const Post& post, const std::string& why, UserId by, Timestamp at) {
  store::ReviewRepository reviews(session_);
  const auto open = reviews.latest_for_post(post.id);
  if (!open || (open->state != ReviewState::pending && open->state != ReviewState::approved)) return;
  reviews.set_state(open->id, ReviewState::void_, at);
  store::AuditRepository(session_).append(
      AuditEvent{0, at, by, "post.approval_void", "post", post.id.value, review_detail(*open, "why", why)});
}

bool Approvals::wrote_part_of(const Post& post, UserId who) {
  // The trail knows everyone who created or edited the post — and, for a
  // copy (one post of a series), everyone who wrote the post it copies.
  std::int64_t id = post.id.value;
  for (int copies = 0; id != 0 && copies < 100; ++copies) {
    std::int64_t copy_of = 0;
    for (const auto& event : store::AuditRepository(session_).for_object("post", id)) {
      if (event.action != "post.create" && event.action != "post.edit") continue;
      if (event.actor == who) return true;
      if (event.action == "post.create") copy_of = copied_from(event.detail);
    }
    id = copy_of;
  }
  return false;
}

Review Approvals::submit(const Post& post, const std::vector<AccountId>& targets, UserId by, Timestamp at) {
  return submit_for(post, targets, by, at, by);
}

Review Approvals::submit_for(const Post& post, const std::vector<AccountId>& targets, UserId by, Timestamp at,
                             std::optional<UserId> policy_author) {
  if (post.state == PostState::publishing || post.state == PostState::published) {
    throw Error(ErrorCode::invalid_input,
                "post " + std::to_string(post.id.value) + " is already " + std::string(to_string(post.state)), "state");
  }
  if (targets.empty()) throw Error(ErrorCode::invalid_input, "name at least one account", "account_ids");
  const auto decisions = decide(post, targets, policy_author);
  // An answer from the inbox needs the account's "answer" capability, a post "draft".
  require_capability(decisions, by, post.reply_to.valid() ? "answer" : "draft");
  std::vector<Decision> plain;
  for (const auto& target : decisions) plain.push_back(target.decision);
  const auto steps = combined_steps(plain);

  withdraw(post, "submitted again", by, at);
  Review review;
  review.post = post.id;
  review.content = content_snapshot(post, targets);
  review.content_hash = content_hash(review.content);
  review.targets = targets;
  for (const auto step : steps) review.steps.emplace_back(to_string(step));
  review.reasons = decisions_json(decisions);
  review.submitted_by = by;
  review.submitted_at = at;
  review.state = steps.empty() ? ReviewState::approved : ReviewState::pending;
  store::ReviewRepository reviews(session_);
  review.id = reviews.create(review);
  store::PostRepository(session_).set_state(post.id, steps.empty() ? PostState::approved : PostState::in_review, at);
  store::AuditRepository(session_).append(
      AuditEvent{0, at, by, "post.submit", "post", post.id.value, review_detail(review, "reasons", review.reasons)});
  return review;
}

void Approvals::after_edit(const Post& post, UserId by, Timestamp at) {
  const auto open = store::ReviewRepository(session_).latest_for_post(post.id);
  if (open && (open->state == ReviewState::pending || open->state == ReviewState::approved)) {
    // Approvals are bound to the exact content: a real change voids them.
    if (content_hash(content_snapshot(post, open->targets)) == open->content_hash) return;
    withdraw(post, post.author == by ? "edited" : "edited by another person", by, at);
    // Submitted again by the editor, weighed as its creator's: an edit is not
    // an approval (the editor submits it as theirs, or it waits as before).
    submit_for(post, open->targets, by, at, std::nullopt);
  } else if (post.state == PostState::rejected) {
    store::PostRepository(session_).set_state(post.id, PostState::draft, at);
  }
}

std::optional<std::string> Approvals::why_not(const Post& post, const Review& review, const User& who) {
  if (review.state != ReviewState::pending)
    return "post " + std::to_string(post.id.value) + " is not awaiting approval";
  if (who.id == post.author || who.id == review.submitted_by || wrote_part_of(post, who.id)) {
    return std::string("nobody approves their own work");
  }
  const auto decided = std::find_if(review.decisions.begin(), review.decisions.end(),
                                    [&](const ReviewDecision& d) { return d.decided_by == who.id; });
  if (decided != review.decisions.end()) {
    return "you took the step " + decided->step + " of this submission; another person takes the next";
  }
  const auto step = next_step(review);
  if (!step) return std::string("every step is approved");
  store::AccountPermissionRepository permissions(session_);
  for (const auto& target : review.targets) {
    if (!permissions.allows(target, who.id, "approve")) {
      const auto account = store::AccountRepository(session_).find(target);
      return (account ? account->handle : "account " + std::to_string(target.value)) +
             "'s permissions do not let you approve for it";
    }
  }
  if (!may_take(who.role, *step)) {
    return "the next step is " + std::string(to_string(*step)) + ", which a " + std::string(to_string(who.role)) +
           " cannot take";
  }
  return std::nullopt;
}

Review Approvals::decide_step(const Post& post, const User& who, bool approve, const std::string& seen_hash,
                              const std::string& comment, Timestamp at) {
  if (post.state == PostState::publishing || post.state == PostState::published) {
    throw Error(ErrorCode::invalid_input,
                "post " + std::to_string(post.id.value) + " is already " + std::string(to_string(post.state)), "state");
  }
  store::ReviewRepository reviews(session_);
  auto review = reviews.latest_for_post(post.id);
  if (!review || review->state != ReviewState::pending) {
    throw Error(ErrorCode::invalid_input, "post " + std::to_string(post.id.value) + " is not awaiting approval",
                "state");
  }
  if (const auto reason = why_not(post, *review, who)) throw Error(ErrorCode::forbidden, *reason);
  if (seen_hash != review->content_hash) {
    throw Error(ErrorCode::stale_version,
                "the post changed since you looked at it (or this is another version): look at it again",
                "content_hash");
  }
  if (content_hash(content_snapshot(post, review->targets)) != review->content_hash) {
    // Edits void a submission in the same transaction; this is the last line of defence.
    throw Error(ErrorCode::stale_version, "the post no longer matches what was submitted", "content_hash");
  }
  const auto step = *next_step(*review);
  ReviewDecision decision{std::string(to_string(step)), who.id, approve, comment, seen_hash, at};
  reviews.add_decision(review->id, decision);
  review->decisions.push_back(decision);
  const bool complete = approve && !next_step(*review);
  if (!approve) {
    reviews.set_state(review->id, ReviewState::sent_back, at);
    review->state = ReviewState::sent_back;
    store::PostRepository(session_).set_state(post.id, PostState::rejected, at);
  } else if (complete) {
    reviews.set_state(review->id, ReviewState::approved, at);
    review->state = ReviewState::approved;
    store::PostRepository(session_).set_state(post.id, PostState::approved, at);
  }
  const std::string detail = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    w.Key("review");
    w.Int64(review->id);
    json::write_string(w, "step", decision.step);
    json::write_string(w, "comment", comment);
    json::write_string(w, "content_hash", seen_hash);
    w.Key("complete");
    w.Bool(complete);
    w.EndObject();
  });
  store::AuditRepository(session_).append(
      AuditEvent{0, at, who.id, approve ? "post.approve" : "post.send_back", "post", post.id.value, detail});
  return *review;
}

std::string Approvals::require_cleared(const Post& post, const std::vector<AccountId>& targets, UserId who) {
  require_may_still_send(who);
  const auto review = store::ReviewRepository(session_).latest_for_post(post.id);
  // The policy as its approval was given — by whoever submitted exactly this
  // content for exactly these accounts — or as if `who` submitted it now.
  const bool approved_as_is = review && review->state == ReviewState::approved &&
                              same_targets(review->targets, targets) &&
                              content_hash(content_snapshot(post, targets)) == review->content_hash;
  const auto decisions = decide(post, targets, approved_as_is ? review->submitted_by : who);
  require_capability(decisions, who, sending_capability(post));
  std::vector<Decision> plain;
  for (const auto& target : decisions) plain.push_back(target.decision);
  const auto steps = combined_steps(plain);
  if (steps.empty()) return publish_hash(post);

  const auto id = std::to_string(post.id.value);
  std::string why;
  for (const auto& [account, decision] : decisions) {
    if (!decision.steps.empty()) why += "\n" + account.handle + ": " + decision.why;
  }
  if (!review || review->state == ReviewState::void_) {
    throw Error(ErrorCode::approval_required,
                "post " + id + " needs approval (" + steps_text(steps) + ") before it is published; submit it." + why,
                "approval");
  }
  if (review->state == ReviewState::pending) {
    throw Error(ErrorCode::approval_required, "post " + id + " is still awaiting approval" + why, "approval");
  }
  if (review->state == ReviewState::sent_back) {
    throw Error(ErrorCode::approval_required, "post " + id + " was sent back; edit it and submit it again", "approval");
  }
  const bool steps_covered = std::all_of(steps.begin(), steps.end(), [&](Step step) {
    return std::find(review->steps.begin(), review->steps.end(), to_string(step)) != review->steps.end();
  });
  if (!steps_covered) {
    throw Error(ErrorCode::approval_required,
                "the approval policy now asks more of post " + id + " (" + steps_text(steps) +
                    ") than it was approved with; submit it again",
                "approval");
  }
  if (!same_targets(review->targets, targets)) {
    throw Error(ErrorCode::approval_required,
                "post " + id + " was approved for other accounts; submit it again for these", "approval");
  }
  if (content_hash(content_snapshot(post, targets)) != review->content_hash) {
    throw Error(ErrorCode::approval_required, "post " + id + " changed after it was approved; submit it again",
                "approval");
  }
  return publish_hash(post);
}

std::string sending_capability(const Post& post) { return post.reply_to.valid() ? "answer" : "publish"; }

std::string publish_hash(const Post& post) { return content_hash(content_snapshot(post, {})); }

}  // namespace kanal::workflow
