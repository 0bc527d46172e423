#pragma once
// What every kanalctl command needs: where kanald is, and ids from words.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "api/client/api_client.h"
#include "api/wire/import_faults.h"
#include "cli/arguments.h"

namespace kanal::cli {

// Whether a command acts as someone (most) or also works for nobody yet
// (status, sign-in).
enum class Identity { required, optional };
// --server, else the local kanald of --data-dir; acting as the person of
// --token (or KANAL_TOKEN), or as the desktop's owner with --as-owner. The
// workspace token is never used unasked (UsageError when nobody is named).
client::Endpoint endpoint_for(const Arguments& args, Identity identity = Identity::required);
// command[at] as a positive id; UsageError otherwise (or if more words follow).
std::int64_t parse_id(const std::vector<std::string>& command, std::size_t at);
// A file's bytes (a CSV to import); Error(invalid_input) naming it when it cannot be read.
std::string read_file(const std::string& path);
// An import's faults, one line each as FILE:LINE [COLUMN]: message, after
// saying that nothing was imported.
void print_import_faults(std::ostream& out, const std::string& file, const std::vector<wire::ImportFault>& faults);
// The value of `option` as a positive number; UsageError otherwise.
std::int64_t parse_positive(const std::string& text, const std::string& option);
// "3,5,8" → {3, 5, 8}.
std::vector<std::int64_t> parse_id_list(const std::string& text);

// `kanalctl account …`
// The first line of standard input (a password, an app password, a client
// secret): never a command-line argument, where other users of the machine
// could read it. UsageError naming `what` when it is empty.
std::string secret_from(std::istream& in, const std::string& what);

int run_account_command(const Arguments& args, std::istream& in, std::ostream& out);
// `kanalctl document …` and `kanalctl policy …`
int run_document_command(const Arguments& args, std::ostream& out);
// `kanalctl post submit|review|approve|send-back …` and `kanalctl approvals`
int run_review_command(const Arguments& args, std::ostream& out);
// `kanalctl sign-in …` and `kanalctl user …` (passwords from `in`)
int run_user_command(const Arguments& args, std::istream& in, std::ostream& out);
// `kanalctl post schedule|unschedule|queue|repeat`, `schedule …`, `pause`,
// `resume`, `blackout …`, `slots …`
int run_schedule_command(const Arguments& args, std::ostream& out);
// "2026-11-01" (the day's start, UTC; with `end_of_day` the next day's
// start, so days are inclusive) or a full RFC 3339 time, for a query.
std::string time_parameter(const std::string& text, bool end_of_day);
// `kanalctl contacts list|import`
int run_contacts_command(const Arguments& args, std::ostream& out);
// `kanalctl report …`
int run_report_command(const Arguments& args, std::ostream& out);
// `kanalctl audit …`
int run_audit_command(const Arguments& args, std::ostream& out);
int run_backup_command(const Arguments& args, std::ostream& out);
// `kanalctl text …` (runs locally, without kanald)
int run_text_command(const Arguments& args, std::istream& in, std::ostream& out);
// `kanalctl moderation eval|classify` (runs locally, without kanald)
int run_moderation_command(const Arguments& args, std::istream& in, std::ostream& out);

}  // namespace kanal::cli
