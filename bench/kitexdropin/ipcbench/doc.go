// Package ipcbench measures the latency of an echo call between two parts
// of one program, over each transport of this repository's rpc package and,
// as the reference, over Kitex v0.16.3 on TCP.
//
// The echo service (idl/ipcecho.thrift) sends a 4 KiB payload and an id and
// gets them back. A Transport serves it and connects a client to it; Run
// calls it from a number of concurrent callers (10 by default, one connection
// each) for a fixed time or number of calls, checks every reply, and reports
// the average, median and 99th percentile latency and the calls per second;
// WriteTables prints them as one table per transport, then the ratios between
// transports.
//
// Transports are registered by name (Transports, Lookup): "tcp" and "uds" are
// the rpc package over TCP and Unix sockets, "shmipc" over shared memory (one
// shmipc session, its streams the pool; files under /dev/shm, so it needs
// that, and both ends on one host), "kitex-tcp" a Kitex server and client
// with Kitex's defaults (framed, a long-connection pool, FastCodec). A new
// transport is one more entry in the list.
//
// The command is ../cmd/ipcbench; the generated code in kitex_gen/ comes from
// gen.sh.
package ipcbench
