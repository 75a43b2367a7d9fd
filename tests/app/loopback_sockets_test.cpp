// disable_nagle_on_loopback_connections() (app/loopback_sockets.h): what it changes and what it
// leaves alone, on real sockets of this process.
#include "app/loopback_sockets.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using sovsim::cli::sweep::disable_nagle_on_loopback_connections;

// Closes a descriptor when the test ends, whatever it asserted.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

bool nodelay(int fd) {
  int value = 0;
  socklen_t length = sizeof value;
  EXPECT_EQ(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &value, &length), 0);
  return value != 0;
}

// A TCP connection on the loopback address of `family` (AF_INET or AF_INET6): the listener, the
// client end and the accepted server end, on a port the kernel picks.
struct LoopbackConnection {
  Fd listener{-1}, client{-1}, server{-1};
  bool available = false;  // false when the machine has no loopback of that family
};

void connect_over_loopback(int family, LoopbackConnection& c) {
  sockaddr_storage address{};
  socklen_t length = 0;
  if (family == AF_INET) {
    auto& v4 = reinterpret_cast<sockaddr_in&>(address);
    v4.sin_family = AF_INET;
    v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    length = sizeof v4;
  } else {
    auto& v6 = reinterpret_cast<sockaddr_in6&>(address);
    v6.sin6_family = AF_INET6;
    v6.sin6_addr = in6addr_loopback;
    length = sizeof v6;
  }
  c.listener.fd = socket(family, SOCK_STREAM, 0);
  if (c.listener.fd < 0 || bind(c.listener.fd, reinterpret_cast<sockaddr*>(&address), length) != 0) return;
  c.available = true;
  ASSERT_EQ(listen(c.listener.fd, 1), 0);
  ASSERT_EQ(getsockname(c.listener.fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  c.client.fd = socket(family, SOCK_STREAM, 0);
  ASSERT_EQ(connect(c.client.fd, reinterpret_cast<const sockaddr*>(&address), length), 0);
  c.server.fd = accept(c.listener.fd, nullptr, nullptr);
  ASSERT_GE(c.server.fd, 0);
  // The kernel's default, which the function is there to change.
  ASSERT_FALSE(nodelay(c.client.fd));
  ASSERT_FALSE(nodelay(c.server.fd));
}

TEST(LoopbackSockets, BothEndsOfALoopbackTcpConnectionGetNodelay) {
  LoopbackConnection c;
  ASSERT_NO_FATAL_FAILURE(connect_over_loopback(AF_INET, c));
  ASSERT_TRUE(c.available) << "no IPv4 loopback";

  EXPECT_GE(disable_nagle_on_loopback_connections(), 2);
  EXPECT_TRUE(nodelay(c.client.fd));
  EXPECT_TRUE(nodelay(c.server.fd));
  // A listening socket has no peer: it is not a connection and keeps its options.
  EXPECT_FALSE(nodelay(c.listener.fd));
}

TEST(LoopbackSockets, Ipv6LoopbackConnectionGetsNodelay) {
  LoopbackConnection c;
  ASSERT_NO_FATAL_FAILURE(connect_over_loopback(AF_INET6, c));
  if (!c.available) GTEST_SKIP() << "no IPv6 loopback on this machine";

  EXPECT_GE(disable_nagle_on_loopback_connections(), 2);
  EXPECT_TRUE(nodelay(c.client.fd));
  EXPECT_TRUE(nodelay(c.server.fd));
}

TEST(LoopbackSockets, OtherDescriptorsAreLeftAlone) {
  // Nothing here is a TCP connection: a Unix socket pair, a UDP socket connected to loopback, an
  // unconnected TCP socket and a plain file. None is counted and none fails the call.
  int pair[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
  Fd unix_a(pair[0]), unix_b(pair[1]);
  Fd udp(socket(AF_INET, SOCK_DGRAM, 0));
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  to.sin_port = htons(9);
  ASSERT_EQ(connect(udp.fd, reinterpret_cast<const sockaddr*>(&to), sizeof to), 0);
  Fd unconnected(socket(AF_INET, SOCK_STREAM, 0));
  Fd file(open("/proc/self/status", O_RDONLY));
  ASSERT_GE(file.fd, 0);

  EXPECT_EQ(disable_nagle_on_loopback_connections(), 0);
  EXPECT_FALSE(nodelay(unconnected.fd));
}

}  // namespace
