#pragma once
// Turns off Nagle's algorithm on this process's TCP connections to its own machine.
//
// Open MPI 4.1 talks to its local PMIx server (mpirun, orted or slurmstepd) over a loopback TCP
// socket that PMIx 4.2 leaves with Nagle's algorithm on. MPI_Finalize sends several small
// messages in a row there, so the second one waits for the server's delayed ACK: every rank spends
// about 40 ms in MPI_Finalize doing nothing (measured: 45-47 ms with 2 ranks, 4 ms with
// TCP_NODELAY, whatever the work before it). On a 3-second sweep that is 1.5 % of the wall time.
// TCP_NODELAY changes only when small writes leave, never what is sent.

namespace sovsim::cli::sweep {

// Sets TCP_NODELAY on every open TCP socket of this process whose peer is a loopback address
// (127.0.0.0/8 or ::1) and returns how many it set. Sockets of other kinds, other peers and
// descriptors that are not sockets are left as they are. Linux (/proc/self/fd); elsewhere 0.
int disable_nagle_on_loopback_connections();

}  // namespace sovsim::cli::sweep
