// Typedefs, optional fields and includes for the explain tests.
include "baseline.thrift"

typedef baseline.Simple Alias
typedef list<i64> Numbers

struct Extras {
    1: required Alias simple
    2: optional i32 maybe
    3: Numbers numbers
    4: optional map<string, baseline.Enums> byName
}
