// The service of the Kitex drop-in test. Echo returns its argument, so a call
// round-trips a Nesting2 through Kitex's frugal codec both ways. BreakRequest
// and BreakResponse exist only so that a test can break the codec of their
// request or response type (Pretouch with an engine that cannot run) and see
// the call fail on the client or on the server.

include "baseline.thrift"

namespace go echo

service EchoService {
    baseline.Nesting2 Echo(1: baseline.Nesting2 req)
    baseline.Simple BreakRequest(1: baseline.Simple req)
    baseline.Simple BreakResponse(1: baseline.Simple req)
}
