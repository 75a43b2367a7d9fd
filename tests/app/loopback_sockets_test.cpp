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

#include <cstdlib>

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

// A TCP listener on 127.0.0.1 with a port the kernel picks, and its address.
struct Listener {
  Fd socket{::socket(AF_INET, SOCK_STREAM, 0)};
  sockaddr_in address{};
  Listener() {
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(socket.fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(socket.fd, 4) != 0 ||
        getsockname(socket.fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      std::abort();
  }
};

TEST(LoopbackSockets, BothEndsOfALoopbackTcpConnectionGetNodelay) {
  Listener listener;
  Fd client(socket(AF_INET, SOCK_STREAM, 0));
  ASSERT_EQ(connect(client.fd, reinterpret_cast<const sockaddr*>(&listener.address), sizeof listener.address),
            0);
  Fd server(accept(listener.socket.fd, nullptr, nullptr));
  ASSERT_GE(server.fd, 0);
  ASSERT_FALSE(nodelay(client.fd));  // the kernel's default, which the function is there to change
  ASSERT_FALSE(nodelay(server.fd));

  EXPECT_GE(disable_nagle_on_loopback_connections(), 2);
  EXPECT_TRUE(nodelay(client.fd));
  EXPECT_TRUE(nodelay(server.fd));
  // A listening socket has no peer: it is not a connection and keeps its options.
  EXPECT_FALSE(nodelay(listener.socket.fd));
}

TEST(LoopbackSockets, Ipv6LoopbackConnectionGetsNodelay) {
  Fd listening(socket(AF_INET6, SOCK_STREAM, 0));
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  socklen_t length = sizeof address;
  if (listening.fd < 0 || bind(listening.fd, reinterpret_cast<sockaddr*>(&address), length) != 0)
    GTEST_SKIP() << "no IPv6 loopback on this machine";
  ASSERT_EQ(listen(listening.fd, 1), 0);
  ASSERT_EQ(getsockname(listening.fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  Fd client(socket(AF_INET6, SOCK_STREAM, 0));
  ASSERT_EQ(connect(client.fd, reinterpret_cast<const sockaddr*>(&address), length), 0);
  Fd server(accept(listening.fd, nullptr, nullptr));

  EXPECT_GE(disable_nagle_on_loopback_connections(), 2);
  EXPECT_TRUE(nodelay(client.fd));
  EXPECT_TRUE(nodelay(server.fd));
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
