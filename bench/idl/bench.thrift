// Benchmark-only messages that are not part of the shared baseline IDL.
// Populate ListOfSmall with 1000 Small entries: it measures per-element
// overhead (struct headers, field dispatch, list handling) rather than bulk
// copying of strings and binaries.

namespace go benchmsg

struct Small {
    1: i64 ID
    2: i32 Count
    3: bool Flag
    4: string Name
}

struct ListOfSmall {
    1: list<Small> Items
}

// Request is what a Kitex service receives most: a few scalars and
// strings, a list of ids, and the optional Base that Kitex IDLs end with
// (the shape of Kitex's base.thrift): a nested struct pointer and a map,
// so that a decode allocates a struct and builds a map.
struct TrafficEnv {
    1: bool Open = false
    2: string Env = ""
}

struct Base {
    1: string LogID = ""
    2: string Caller = ""
    3: string Addr = ""
    4: string Client = ""
    5: optional TrafficEnv TrafficEnv
    6: optional map<string, string> Extra
}

struct Request {
    1: i64 UserID
    2: string Query
    3: list<i64> ItemIDs
    4: i32 Limit
    255: optional Base Base
}
