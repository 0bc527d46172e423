// kanal-sandbox: a training network that speaks the part of Mastodon's
// client API Kanal uses. Nothing posted to it leaves this machine.
// `kanal-sandbox --help` lists the options.
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Logger.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>

#include "core/config.h"
#include "core/error.h"
#include "kanal/version.h"
#include "sandbox/sandbox_server.h"

int main(int argc, char** argv) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::string listen = "127.0.0.1:0";
  std::size_t max_characters = 500;
  std::string port_file;
  bool auto_approve = false;
  bool plain_mastodon = false;
  int accounts = 1;
  kanal::sandbox::TokenOptions tokens;
  int audience_speed = 10;
  std::uint64_t seed = std::random_device{}();
  std::string corpus_file;
  std::int64_t idempotency_window_s = 3600;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    try {
      if (arg == "--help" || arg == "-h") {
        std::cout << "usage: kanal-sandbox [--listen 127.0.0.1:PORT] [--port-file FILE] [--max-characters N]\n"
                     "                     [--accounts N] [--auto-approve] [--token-lifetime SECONDS]\n"
                     "                     [--audience-speed MINUTES_PER_SECOND] [--seed N] [--corpus FILE]\n"
                     "                     [--plain-mastodon] [--idempotency-window SECONDS]\n\n"
                     "A training network that speaks the part of Mastodon's client API Kanal uses.\n"
                     "Its audience lives at --audience-speed simulated minutes per real second (10;\n"
                     "0: only when told through POST /_sandbox/audience/advance). Loopback only.\n"
                     "--plain-mastodon leaves out its extensions (hiding replies), as a real server would.\n"
                     "An Idempotency-Key is remembered for --idempotency-window seconds (3600, as Mastodon).\n";
        return 0;
      }
      if (arg == "--version") {
        std::cout << "kanal-sandbox " << kanal::kVersion << "\n";
        return 0;
      } else if (arg == "--listen") {
        listen = value();
      } else if (arg == "--max-characters") {
        max_characters = std::stoul(value());
      } else if (arg == "--accounts") {
        accounts = std::stoi(value());
      } else if (arg == "--token-lifetime") {
        tokens.lifetime_s = std::stoll(value());
      } else if (arg == "--audience-speed") {
        audience_speed = std::stoi(value());
      } else if (arg == "--seed") {
        seed = std::stoull(value());
      } else if (arg == "--corpus") {
        corpus_file = value();
      } else if (arg == "--idempotency-window") {
        idempotency_window_s = std::stoll(value());
      } else if (arg == "--plain-mastodon") {
        plain_mastodon = true;
      } else if (arg == "--auto-approve") {
        auto_approve = true;
      } else if (arg == "--port-file") {
        port_file = value();
      } else {
        throw std::invalid_argument("unknown option " + arg);
      }
    } catch (const std::exception& e) {
      std::cerr << "kanal-sandbox: " << e.what() << "\n";
      return 2;
    }
  }

  Poco::Logger& logger = Poco::Logger::get("kanal-sandbox");
  logger.setChannel(Poco::AutoPtr<Poco::Channel>(new Poco::ConsoleChannel(std::cerr)));
  try {
    const auto address = kanal::parse_listen_address(listen);
    if (!address.is_loopback()) {
      std::cerr << "kanal-sandbox: listens on loopback addresses only\n";
      return 2;
    }
    auto corpus = kanal::sandbox::builtin_corpus();
    if (!corpus_file.empty()) {
      std::ifstream in(corpus_file, std::ios::binary);
      if (!in) throw kanal::Error(kanal::ErrorCode::invalid_input, "cannot read " + corpus_file);
      corpus = kanal::sandbox::parse_corpus(std::string(std::istreambuf_iterator<char>(in), {}));
    }
    kanal::sandbox::SandboxState state(max_characters, accounts, tokens);
    state.set_extensions(!plain_mastodon);
    state.set_idempotency_window(std::chrono::seconds(idempotency_window_s));
    kanal::sandbox::FaultPlan faults;
    kanal::sandbox::Audience audience(state, std::move(corpus), seed);
    kanal::sandbox::SandboxServer server(state, faults, audience, logger);
    server.start(address.host, address.port, auto_approve);
    audience.run(audience_speed);
    if (!port_file.empty()) std::ofstream(port_file) << server.port() << "\n";
    logger.information("kanal-sandbox listening on http://%s:%hu", address.host, server.port());
    int signal = 0;
    sigwait(&stop_signals, &signal);
    audience.stop();
    server.stop();
    return 0;
  } catch (const kanal::Error& e) {
    std::cerr << "kanal-sandbox: " << e.detail() << "\n";
    return 1;
  }
}
