#pragma once
// The C++ client of kanald's API, used by the desktop app and kanalctl.
// Every call runs on the client's own worker threads and returns a Future;
// errors (problem+json, or kanald unreachable) arrive as kanal::Error.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "api/client/http_client.h"
#include "api/wire/analytics.h"
#include "api/wire/audit.h"
#include "api/wire/documents.h"
#include "api/wire/inbox.h"
#include "api/wire/messages.h"
#include "api/wire/press_contacts.h"
#include "api/wire/publishing.h"
#include "api/wire/reviews.h"
#include "api/wire/schedule.h"
#include "api/wire/text.h"
#include "api/wire/users.h"
#include "core/executor.h"
#include "core/future.h"

namespace kanal::client {

struct Endpoint {
  std::string url;  // e.g. http://127.0.0.1:40123
  std::string token;
};

// The local kanald of `data_dir`, if it has published where it listens.
std::optional<Endpoint> discover_local(const std::string& data_dir);

class ApiClient {
 public:
  explicit ApiClient(Endpoint endpoint, unsigned threads = 2,
                     std::chrono::milliseconds timeout = std::chrono::seconds(30));

  const Endpoint& endpoint() const { return endpoint_; }

  Future<Done> health();
  Future<wire::ServerInfo> version();
  Future<Post> create_post(wire::CreatePostRequest request);
  Future<wire::PostList> list_posts(wire::PostListQuery query);
  Future<Post> get_post(PostId id);
  Future<Post> update_post(PostId id, wire::UpdatePostRequest request);
  Future<Done> delete_post(PostId id);

  // An image's bytes; kanald tells its type by them.
  Future<MediaInfo> upload_media(std::string bytes, std::string filename);
  // The same, read from a file on the worker (never on the caller's thread).
  Future<MediaInfo> upload_media_file(std::filesystem::path file);
  Future<std::string> media_content(MediaId id);

  // The networks kanald loaded, each as its plugin describes it.
  Future<std::vector<NetworkDescriptor>> networks();
  Future<std::vector<Account>> accounts();
  Future<wire::ConnectStarted> connect_account(wire::ConnectRequest request);
  Future<wire::ConnectProgress> connect_progress(std::string connect_id);
  // A network's workspace settings (admins); a secret's value never comes back.
  Future<std::vector<wire::NetworkSettingValue>> network_settings(std::string network);
  Future<std::vector<wire::NetworkSettingValue>> set_network_settings(
      std::string network, std::vector<std::pair<std::string, std::string>> values);
  // The accounts picked among those a sign-in offered.
  Future<wire::ConnectProgress> choose_accounts(std::string connect_id, std::vector<std::string> network_account_ids);
  // The browser came back to this desktop's own listener: hand code and state on.
  Future<wire::ConnectProgress> complete_connect(std::string connect_id, wire::ConnectCompletion completion);
  Future<Done> cancel_connect(std::string connect_id);
  Future<Done> disconnect_account(AccountId id);
  // Who may do what on an account (empty: open to every role), and a new list (admins).
  Future<std::vector<AccountGrant>> account_permissions(AccountId id);
  Future<std::vector<AccountGrant>> set_account_permissions(AccountId id, std::vector<AccountGrant> grants);
  Future<std::vector<wire::DeliveryInfo>> publish(PostId id, wire::PublishRequest request);
  Future<std::vector<wire::DeliveryInfo>> deliveries(PostId id);
  // Where the network could not tell whether the post went out: the person's answer.
  Future<std::vector<wire::DeliveryInfo>> decide_delivery(PostId id, AccountId account,
                                                          wire::DeliveryDecision decision);
  // Publish at a wall-clock time in a zone; the schedule; cancel it.
  Future<wire::ScheduleInfo> schedule_post(PostId id, wire::ScheduleRequest request);
  Future<wire::ScheduleInfo> schedule_of(PostId id);
  Future<Done> unschedule(PostId id);
  // The next free queue slot of the accounts; a post repeated by a rule.
  Future<wire::ScheduleInfo> add_to_queue(PostId id, std::vector<AccountId> accounts);
  Future<std::vector<wire::ScheduleInfo>> schedule_series(PostId id, wire::SeriesRequest request);
  Future<wire::QueueSlotsInfo> queue_slots(AccountId account);
  Future<wire::QueueSlotsInfo> set_queue_slots(AccountId account, wire::QueueSlotsInfo slots);
  // The schedule of [from, to) for the calendar, and as iCalendar.
  Future<std::vector<wire::CalendarEntry>> calendar(Timestamp from, Timestamp to);
  Future<std::string> schedule_ical(std::optional<Timestamp> from, std::optional<Timestamp> to);
  // A country's public holidays (the workspace's calendar) in [from, to], days as "2027-01-01".
  Future<std::vector<wire::Holiday>> holidays(std::string country, std::string from, std::string to);
  // A CSV file of posts: all imported, or the faults (and nothing imported).
  Future<wire::ImportResult> import_schedule(std::string csv);
  // Crisis pauses, blackout windows and the catch-up setting.
  Future<wire::PublishingStatus> publishing_status();
  Future<wire::PauseInfo> pause(wire::PauseRequest request);
  Future<wire::Resumed> resume(std::int64_t pause_id);
  Future<std::vector<wire::BlackoutInfo>> blackouts();
  Future<wire::BlackoutInfo> add_blackout(wire::BlackoutRequest request);
  Future<Done> remove_blackout(std::int64_t id);
  Future<wire::PublishingSettingsInfo> publishing_settings();
  Future<wire::PublishingSettingsInfo> set_publishing_settings(wire::PublishingSettingsInfo settings);
  // Sets kanald's clock (only a kanald started with --test-clock has one to set).
  Future<Done> set_test_clock(Timestamp now);
  // The engagement inbox: a page by filters, one conversation, acting on an
  // item, answering it (through the approval policy), syncing now, time to
  // first answer per account and week, saved replies.
  Future<wire::InboxPage> inbox(wire::InboxFilter filter);
  Future<wire::Conversation> conversation(InteractionId id);
  Future<wire::InboxItem> moderate(InteractionId id, std::string action);
  Future<wire::InboxItem> assign(InteractionId id, std::optional<UserId> user);
  Future<wire::InboxItem> set_inbox_state(InteractionId id, std::string state);
  Future<wire::AnswerResult> answer(InteractionId id, wire::AnswerRequest request);
  Future<wire::AnswerCheck> check_answer(InteractionId id, wire::AnswerRequest request);
  Future<wire::SyncResult> sync_inbox(std::optional<AccountId> account);
  Future<std::vector<wire::WeeklyAnswerTime>> answer_times(Timestamp from, Timestamp to);
  Future<std::vector<wire::SavedReplyInfo>> saved_replies();
  Future<wire::SavedReplyInfo> add_saved_reply(wire::SavedReplyInfo reply);
  Future<Done> remove_saved_reply(std::int64_t id);
  // Likes and followers: a period's report, reading what is due now, a
  // published post's current figures, and where the monthly report goes.
  Future<reports::Report> analytics(wire::AnalyticsQuery query);
  Future<wire::CollectionInfo> collect_metrics();
  Future<std::vector<wire::PostFiguresInfo>> post_figures(PostId id);
  Future<wire::ReportSettingsInfo> report_settings();
  Future<wire::ReportSettingsInfo> set_report_settings(wire::ReportSettingsInfo settings);
  // Press contacts: the journalists, editors and politicians the team
  // mentions, with their handle per network. Found by the beginnings of
  // words of name or organisation or of a handle, by name; changed by
  // admins; a CSV file imported whole or not at all (the faults come back in
  // the result, by line and column, not as an Error).
  Future<std::vector<contacts::PressContact>> press_contacts(wire::PressContactQuery query);
  Future<contacts::PressContact> create_press_contact(wire::PressContactRequest request);
  Future<contacts::PressContact> update_press_contact(contacts::PressContactId id, wire::PressContactRequest request);
  Future<Done> delete_press_contact(contacts::PressContactId id);
  Future<wire::PressImportResult> import_press_contacts(std::string csv);
  // Counted per target as it goes out; a target's `text` is set where press
  // contacts' handles make it differ from the request's.
  Future<wire::TextCheckResponse> check_text(wire::TextCheckRequest request);
  Future<text::Catalog> templates();
  // The audit trail: a page (query as in GET /api/v1/audit, e.g. "action=post.&limit=50"),
  // an export (format jsonl or csv), and the chain's verification.
  Future<wire::AuditPage> audit(std::string query);
  Future<wire::AuditExport> export_audit(std::string query);
  // The export written to `path` (on the client's thread, not the caller's).
  // A file that cannot be written is an Error naming it.
  Future<wire::AuditExport> export_audit_to(std::string query, std::filesystem::path path);
  Future<AuditChainCheck> verify_audit();
  // The chain checked against an anchor kept outside; a new anchor of its head now.
  Future<AuditChainCheck> verify_audit_against(AuditAnchor anchor);
  Future<AuditAnchor> anchor_audit();
  // A new workspace token in the workspace's file (the desktop's owner only).
  Future<Done> rotate_workspace_token();
  // What the approval policy asks of a post, per connected account.
  Future<std::vector<wire::ApprovalTarget>> approval(PostId id);
  Future<std::vector<User>> users();
  Future<User> create_user(wire::NewUser user);
  Future<User> update_user(UserId id, wire::UserChanges changes);
  Future<Done> reset_password(UserId id, std::string password);

  // A session for `login` (its token goes in a new client's Endpoint), the
  // end of this client's session, and who this client acts as.
  Future<wire::SessionInfo> sign_in(std::string login, std::string password);
  Future<Done> sign_out();
  Future<wire::Me> me();
  // What others did to my posts after notice `after` (0: all kanald keeps).
  Future<std::vector<wire::Notice>> notices(std::int64_t after);

  // The approval workflow: submit a post for accounts, its newest
  // submission, approve or send back what the reviewer saw, and the
  // caller's queue.
  Future<wire::ReviewView> submit(PostId id, std::vector<AccountId> accounts);
  Future<wire::ReviewView> review(PostId id);
  Future<wire::ReviewView> approve(PostId id, wire::DecisionRequest decision);
  Future<wire::ReviewView> send_back(PostId id, wire::DecisionRequest decision);
  Future<std::vector<wire::QueueItem>> approvals();
  // The workspace's documents (approval policy, templates, word lists,
  // moderation); one with its text; a new text for one (refused with its
  // line when wrong, or when someone changed it since base_revision).
  Future<std::vector<wire::DocumentInfo>> documents();
  Future<wire::DocumentInfo> document(std::string name);
  Future<wire::DocumentInfo> replace_document(std::string name, wire::DocumentChange change);
  // The approval policy's text, and a new one.
  Future<std::string> policy();
  Future<std::string> replace_policy(std::string text);
  // What `text` (a policy not yet saved) would ask of a post.
  Future<std::vector<wire::ApprovalTarget>> try_policy(std::string text, PostId post);
  Future<std::shared_ptr<const text::WordLists>> word_lists();
  Future<std::shared_ptr<const text::WordLists>> add_to_dictionary(std::string word);
  Future<wire::ComposeResponse> compose(wire::ComposeRequest request);

 private:
  // A blocking call: the response body of a 2xx, else a kanal::Error.
  std::string call(const std::string& method, const std::string& path, const std::string& body = {},
                   bool authenticated = true, const std::string& content_type = "application/json") const;
  // The response whatever its status.
  HttpResponse exchange(const std::string& method, const std::string& path, const std::string& body,
                        const std::string& content_type, bool authenticated = true) const;
  MediaInfo post_media(const std::string& bytes, const std::string& filename) const;

  Endpoint endpoint_;
  std::chrono::milliseconds timeout_;
  // Last member: destroyed first, so queued calls finish while the rest is alive.
  std::unique_ptr<Executor> executor_;
};

}  // namespace kanal::client
