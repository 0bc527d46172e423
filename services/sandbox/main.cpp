// kanal-sandbox: a training network that speaks the part of Mastodon's
// client API Kanal uses. Nothing posted to it leaves this machine.
//   kanal-sandbox [--listen 127.0.0.1:PORT] [--max-characters N] [--port-file FILE] [--auto-approve]
//                 [--accounts N]
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Logger.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
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
  int accounts = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    try {
      if (arg == "--version") {
        std::cout << "kanal-sandbox " << kanal::kVersion << "\n";
        return 0;
      } else if (arg == "--listen") {
        listen = value();
      } else if (arg == "--max-characters") {
        max_characters = std::stoul(value());
      } else if (arg == "--accounts") {
        accounts = std::stoi(value());
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
    kanal::sandbox::SandboxState state(max_characters, accounts);
    kanal::sandbox::FaultPlan faults;
    kanal::sandbox::SandboxServer server(state, faults, logger);
    server.start(address.host, address.port, auto_approve);
    if (!port_file.empty()) std::ofstream(port_file) << server.port() << "\n";
    logger.information("kanal-sandbox listening on http://%s:%hu", address.host, server.port());
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
    return 0;
  } catch (const kanal::Error& e) {
    std::cerr << "kanal-sandbox: " << e.detail() << "\n";
    return 1;
  }
}
