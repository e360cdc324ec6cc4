// The service of the rpc interop tests with Apache Thrift v0.13.0
// (rpc_apache_*_test.go): a client generated from it calls this repository's
// rpc server, and this repository's rpc client calls a server generated from
// it, both over framed binary transport.
//
// The file stands alone (no include): gen.sh runs thriftgo without a package
// prefix, so an included file's package would be imported by a bare name.
// The namespace puts the generated package two levels under gen/, apart from
// the value types that Types lists (gen/*/*.go): a service package holds
// clients, processors and args and result structs, not values to fuzz.

namespace go services.rpcapache

// Outcome is what the servers of the tests do with an EchoRequest.
enum Outcome {
    Echo = 0,       // reply with the request
    Declared = 1,   // fail with EchoError, the declared exception
    Undeclared = 2, // fail with an error the IDL does not declare
    Panic = 3,      // panic in the handler
}

struct Item {
    1: i64 ID
    2: string Name
    3: binary Blob
    4: double Score
}

// EchoRequest is the echo payload: scalars, strings, binaries, a list, maps
// (one keyed by a struct), a set, a nested struct and an optional field.
struct EchoRequest {
    1: Outcome Outcome
    2: string Text
    3: binary Data
    4: byte Byte
    5: i16 Short
    6: bool Flag
    7: list<Item> Items
    8: map<string, Item> ByName
    9: map<Item, i32> Counts
    10: set<string> Tags
    11: Item Main
    12: optional i32 Limit
}

exception EchoError {
    1: string Message
    2: i32 Code
}

service EchoService {
    // Echo returns req, or fails as req.Outcome says.
    EchoRequest Echo(1: EchoRequest req) throws (1: EchoError err)
    // Notify is oneway: the caller gets no reply.
    oneway void Notify(1: Item item)
    // Unserved is declared but not registered on the rpc server of the
    // tests, so calling it there is an unknown method.
    Item Unserved(1: Item item)
}
