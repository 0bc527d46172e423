#include "cli/commands.h"

#include "cli/command_support.h"

#include <charconv>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <iterator>

#include "api/client/api_client.h"
#include "api/wire/messages.h"
#include "core/error.h"
#include "core/utf8.h"
#include "kanal/version.h"

namespace kanal::cli {
namespace {

void print_images(std::ostream& out, const std::vector<Attachment>& media) {
  for (const auto& image : media) {
    out << "[image " << image.media.value << ": "
        << (image.description.empty() ? std::string("NO ALT TEXT") : "\"" + image.description + "\"") << "]\n";
  }
}

void print_post(std::ostream& out, const Post& post) {
  out << "Post " << post.id.value << " (" << to_string(post.state) << ", version " << post.version << ")\n"
      << "Created " << to_iso8601(post.created_at) << ", updated " << to_iso8601(post.updated_at) << "\n\n"
      << post.text << "\n";
  print_images(out, post.media);
  for (std::size_t i = 0; i < post.thread.size(); ++i) {
    out << "\n" << i + 2 << "/" << post.thread.size() + 1 << " " << post.thread[i].text << "\n";
    print_images(out, post.thread[i].media);
  }
  for (const auto& variant : post.variants) {
    out << "\nFor account " << variant.account.value << ":\n" << variant.text << "\n";
  }
}

void print_list(std::ostream& out, const wire::PostList& list) {
  if (list.items.empty()) {
    out << "No posts.\n";
    return;
  }
  out << std::left << std::setw(8) << "ID" << std::setw(12) << "STATE" << std::setw(26) << "UPDATED"
      << "TEXT\n";
  for (const auto& post : list.items) {
    out << std::left << std::setw(8) << post.id.value << std::setw(12) << to_string(post.state) << std::setw(26)
        << to_iso8601(post.updated_at) << utf8::preview(post.text, 60) << "\n";
  }
  if (list.next_cursor) out << "(more: --limit, or page with the API cursor " << *list.next_cursor << ")\n";
}

int run_command(const Arguments& args, std::istream& in, std::ostream& out) {
  const auto& command = args.command;
  const auto& verb = command[0];
  auto option = [&](const std::string& name) -> std::optional<std::string> {
    auto it = args.options.find(name);
    if (it == args.options.end()) return std::nullopt;
    return it->second;
  };
  auto repeated = [&](const std::string& name) {
    auto it = args.lists.find(name);
    return it == args.lists.end() ? std::vector<std::string>() : it->second;
  };

  if (verb == "status") {
    client::ApiClient api(endpoint_for(args, Identity::optional), 1, std::chrono::seconds(10));
    auto info = api.version().get();
    if (args.json) {
      out << wire::to_json(info) << "\n";
    } else {
      const auto who =
          api.endpoint().token.empty() ? std::string("nobody signed in") : "signed in as " + api.me().get().user.login;
      out << "kanald " << info.version << " at " << api.endpoint().url << ": connected (" << info.mode << " mode, "
          << info.database << ", " << who << ")\n";
    }
    return 0;
  }
  if (verb == "account") return run_account_command(args, in, out);
  if (verb == "text") return run_text_command(args, in, out);
  if (verb == "moderation") return run_moderation_command(args, in, out);
  if (verb == "audit") return run_audit_command(args, out);
  if (verb == "backup" || verb == "restore") return run_backup_command(args, out);
  if (verb == "report") return run_report_command(args, out);
  if (verb == "contacts") return run_contacts_command(args, out);
  if (verb == "policy" || verb == "document") return run_document_command(args, out);
  if (verb == "approvals") return run_review_command(args, out);
  if (verb == "sign-in" || verb == "user" || verb == "token") return run_user_command(args, in, out);
  if (verb == "schedule" || verb == "pause" || verb == "resume" || verb == "blackout" || verb == "slots") {
    return run_schedule_command(args, out);
  }
  if (verb == "post" && command.size() >= 2 &&
      (command[1] == "schedule" || command[1] == "unschedule" || command[1] == "queue" || command[1] == "repeat")) {
    return run_schedule_command(args, out);
  }
  if (verb == "post" && command.size() >= 2 &&
      (command[1] == "submit" || command[1] == "review" || command[1] == "approve" || command[1] == "send-back")) {
    return run_review_command(args, out);
  }
  if (verb != "post" || command.size() < 2) throw UsageError("unknown command '" + verb + "'");

  const auto& action = command[1];
  client::ApiClient api(endpoint_for(args), 1);
  if (action == "create") {
    if (command.size() > 2) throw UsageError("unexpected argument '" + command[2] + "' (use --text)");
    auto text = option("text");
    if (!text) throw UsageError("post create needs --text TEXT");
    if (*text == "-") text = std::string(std::istreambuf_iterator<char>(in), {});
    wire::CreatePostRequest request{*text, {}, {}, {}};
    const auto images = repeated("image");
    const auto alts = repeated("alt");
    if (alts.size() > images.size()) throw UsageError("each --alt describes the --image before it");
    for (std::size_t i = 0; i < images.size(); ++i) {
      auto uploaded = api.upload_media_file(images[i]).get();
      request.media.push_back(Attachment{uploaded.id, i < alts.size() ? alts[i] : std::string()});
    }
    for (const auto& part : repeated("thread")) request.thread.push_back(ThreadPart{part, {}});
    auto post = api.create_post(std::move(request)).get();
    if (args.json) {
      out << wire::to_json(post) << "\n";
    } else {
      out << "Created draft " << post.id.value << ".\n";
    }
    return 0;
  }
  if (action == "list") {
    if (command.size() > 2) throw UsageError("unexpected argument '" + command[2] + "'");
    wire::PostListQuery query;
    if (auto state = option("state")) {
      query.state = parse_post_state(*state);
      if (!query.state) throw UsageError("unknown state '" + *state + "'");
    }
    if (auto limit = option("limit"))
      query.limit = static_cast<int>(std::min<std::int64_t>(parse_positive(*limit, "--limit"), 1'000'000));
    auto list = api.list_posts(query).get();
    if (args.json) {
      out << wire::to_json(list) << "\n";
    } else {
      print_list(out, list);
    }
    return 0;
  }
  if (action == "show") {
    auto post = api.get_post(PostId{parse_id(command, 2)}).get();
    if (args.json) {
      out << wire::to_json(post) << "\n";
    } else {
      print_post(out, post);
    }
    return 0;
  }
  if (action == "delete") {
    const auto id = PostId{parse_id(command, 2)};
    api.delete_post(id).get();
    if (!args.json) out << "Deleted post " << id.value << ".\n";
    return 0;
  }
  if (action == "publish") {
    const PostId id{parse_id(command, 2)};
    auto accounts = option("accounts");
    if (!accounts) throw UsageError("post publish needs --accounts ID[,ID…] (see 'kanalctl account list')");
    wire::PublishRequest request;
    for (const auto& account : parse_id_list(*accounts)) request.accounts.push_back(AccountId{account});
    auto deliveries = api.publish(id, request).get();
    if (args.json) {
      out << wire::to_json(deliveries) << "\n";
    } else {
      out << "Publishing post " << id.value << " to " << deliveries.size() << " account(s); see 'kanalctl post "
          << "deliveries " << id.value << "'.\n";
    }
    return 0;
  }
  if (action == "deliveries") {
    auto deliveries = api.deliveries(PostId{parse_id(command, 2)}).get();
    if (args.json) {
      out << wire::to_json(deliveries) << "\n";
      return 0;
    }
    for (const auto& delivery : deliveries) {
      out << "account " << delivery.account.value << ": " << delivery.state << " (attempts " << delivery.attempts
          << ")";
      if (!delivery.url.empty()) out << " " << delivery.url;
      if (!delivery.last_error.empty()) out << " — " << delivery.last_error;
      out << "\n";
    }
    return 0;
  }
  throw UsageError("unknown command 'post " + action + "'");
}

}  // namespace

int run(const Arguments& args, std::istream& in, std::ostream& out, std::ostream& err) {
  if (args.command.front() == "help") {
    out << kUsage;
    return 0;
  }
  if (args.command.front() == "version") {
    out << "kanalctl " << kVersion << " (API v" << kApiVersion << ")\n";
    return 0;
  }
  try {
    return run_command(args, in, out);
  } catch (const UsageError& e) {
    err << "kanalctl: " << e.what() << "\n"
        << "Try 'kanalctl --help'.\n";
    return 2;
  } catch (const Error& e) {
    err << "kanalctl: " << e.detail();
    if (!e.field().empty()) err << " (field: " << e.field() << ")";
    err << "\n";
    return 1;
  }
}

}  // namespace kanal::cli
