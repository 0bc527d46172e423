#include <csignal>

#include "daemon/kanald_app.h"

int main(int argc, char** argv) {
  // Block the stop signals in every thread before any is started, so that
  // they reach waitForTerminationRequest() and not a worker thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  kanal::daemon::KanaldApp app;
  return app.run(argc, argv);
}
