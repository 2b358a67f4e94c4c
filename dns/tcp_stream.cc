#include "dns/tcp_stream.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cutover::dns::detail {
namespace {

using Clock = std::chrono::steady_clock;

std::string errno_text() { return std::strerror(errno); }

}  // namespace

Result<TcpStream> TcpStream::connect(const ServerAddress& server, Deadline deadline) {
  auto address = to_socket_address(server);
  if (!address) return std::unexpected(address.error());
  Fd fd(::socket(address->storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) return fail(ErrorCode::Network, "cannot open a TCP socket: " + errno_text());
  TcpStream stream(std::move(fd), to_string(server), deadline);
  if (::connect(stream.fd_.get(), reinterpret_cast<const sockaddr*>(&address->storage), address->length) != 0) {
    if (errno != EINPROGRESS) return fail(ErrorCode::Network, "cannot connect to " + stream.peer_ + " over TCP: " + errno_text());
    if (auto ok = stream.wait(POLLOUT, "connecting"); !ok) return std::unexpected(ok.error());
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(stream.fd_.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) return fail(ErrorCode::Network, "cannot connect to " + stream.peer_ + " over TCP: " + std::strerror(error));
  }
  return stream;
}

Result<void> TcpStream::wait(short events, const char* doing) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    if (left.count() <= 0) return fail(ErrorCode::Timeout, "timed out " + std::string(doing) + " " + peer_ + " over TCP");
    pollfd p{.fd = fd_.get(), .events = events, .revents = 0};
    int n = ::poll(&p, 1, static_cast<int>(left.count()) + 1);
    if (n > 0) return {};
    if (n < 0 && errno != EINTR) return fail(ErrorCode::Network, std::string(doing) + " " + peer_ + ": " + errno_text());
  }
}

Result<void> TcpStream::send(std::span<const std::uint8_t> message) {
  std::vector<std::uint8_t> framed;
  framed.reserve(message.size() + 2);
  framed.push_back(static_cast<std::uint8_t>(message.size() >> 8));
  framed.push_back(static_cast<std::uint8_t>(message.size() & 0xff));
  framed.insert(framed.end(), message.begin(), message.end());
  std::size_t sent = 0;
  while (sent < framed.size()) {
    if (auto ok = wait(POLLOUT, "sending to"); !ok) return ok;
    ssize_t n = ::send(fd_.get(), framed.data() + sent, framed.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EINTR) return fail(ErrorCode::Network, "sending to " + peer_ + ": " + errno_text());
    if (n > 0) sent += static_cast<std::size_t>(n);
  }
  return {};
}

Result<void> TcpStream::read_exact(std::span<std::uint8_t> out) {
  std::size_t got = 0;
  while (got < out.size()) {
    if (auto ok = wait(POLLIN, "reading from"); !ok) return ok;
    ssize_t n = ::recv(fd_.get(), out.data() + got, out.size() - got, 0);
    if (n == 0) return fail(ErrorCode::Network, peer_ + " closed the TCP connection");
    if (n < 0 && errno != EAGAIN && errno != EINTR) return fail(ErrorCode::Network, "reading from " + peer_ + ": " + errno_text());
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  return {};
}

Result<std::vector<std::uint8_t>> TcpStream::receive() {
  std::uint8_t prefix[2] = {};
  if (auto ok = read_exact(prefix); !ok) return std::unexpected(ok.error());
  std::vector<std::uint8_t> message(static_cast<std::size_t>((prefix[0] << 8) | prefix[1]));
  if (auto ok = read_exact(message); !ok) {
    if (ok.error().code == ErrorCode::Network) return fail(ErrorCode::Corrupt, peer_ + " closed the TCP connection mid-message");
    return std::unexpected(ok.error());
  }
  return message;
}

}  // namespace cutover::dns::detail
