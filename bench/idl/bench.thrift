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
