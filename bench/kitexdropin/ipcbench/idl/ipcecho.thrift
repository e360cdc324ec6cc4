// The service of the IPC latency benchmark (ipcbench): Echo returns its
// request, a 4 KiB payload and the id of the call, as its response. The same
// generated structs serve both sides of every run: this repository's rpc
// package encodes them with frugal (their frugal tags), Kitex with the
// FastCodec methods the kitex tool generates.

namespace go ipcecho

struct EchoRequest {
    1: i64 id
    2: binary payload
}

struct EchoResponse {
    1: i64 id
    2: binary payload
}

service IPCEchoService {
    EchoResponse Echo(1: EchoRequest req)
}
