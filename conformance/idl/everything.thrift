// Conformance IDL: every base type, enums, typedefs, each requiredness for
// each kind, default values, recursive types, nested containers and empty
// structs. Field ids are deliberately sparse and out of order in places.

namespace go everything

enum Color {
    Red = 1,
    Green = 2,
    Blue = 3,
    Negative = -7,
    Max = 2147483647,
}

typedef i32 MyInt
typedef i64 MyI64
typedef string MyString
typedef binary MyBinary
typedef double MyDouble
typedef Color MyColor
typedef Scalars ScalarsAlias
typedef list<string> StringList
typedef map<string, i64> StringI64Map
typedef set<i32> I32Set
typedef list<Scalars> ScalarsList

struct Empty {}

struct Scalars {
    1: bool Bool
    2: byte Byte
    3: i8 I8
    4: i16 I16
    5: i32 I32
    6: i64 I64
    7: double Double
    8: string String
    9: binary Binary
    10: Color Color
}

struct Required {
    1: required bool Bool
    2: required byte Byte
    3: required i8 I8
    4: required i16 I16
    5: required i32 I32
    6: required i64 I64
    7: required double Double
    8: required string String
    9: required binary Binary
    10: required Color Color
    11: required Scalars Struct
    12: required list<i32> List
    13: required set<string> Set
    14: required map<string, i32> Map
    15: required Empty Empty
}

struct Optional {
    1: optional bool Bool
    2: optional byte Byte
    3: optional i8 I8
    4: optional i16 I16
    5: optional i32 I32
    6: optional i64 I64
    7: optional double Double
    8: optional string String
    9: optional binary Binary
    10: optional Color Color
    11: optional Scalars Struct
    12: optional list<i32> List
    13: optional set<string> Set
    14: optional map<string, i32> Map
    15: optional Empty Empty
}

// Default holds default-requiredness fields of every kind (scalars are
// covered by Scalars).
struct Default {
    1: Scalars Struct
    2: list<i32> List
    3: set<string> Set
    4: map<string, i32> Map
    5: Empty Empty
}

// Mixed interleaves requirednesses, with field ids out of declaration order.
struct Mixed {
    30: required i32 ReqI32
    2: optional string OptString
    17: i64 DefI64
    1: required string ReqString
    9: optional i16 OptI16
    100: list<Scalars> DefList
    5: optional Default OptStruct
    32767: required double MaxID
}

struct Defaults {
    1: bool Bool = true
    2: byte Byte = -3
    3: i8 I8 = 127
    4: i16 I16 = -32768
    5: i32 I32 = 2147483647
    6: i64 I64 = -9223372036854775808
    7: double Double = 3.25
    8: string String = "héllo \"wörld\""
    9: binary Binary = "bin"
    10: Color Color = Color.Blue
    11: list<i32> List = [1, 2, 3]
    12: map<string, i32> Map = {"a": 1, "b": 2}
    13: set<string> Set = ["x", "y"]
    14: list<Color> Colors = [Color.Red, Color.Negative]
    15: Scalars Struct = {"I32": 42, "String": "s"}
}

struct OptionalDefaults {
    1: optional bool Bool = true
    2: optional i32 I32 = -1
    3: optional i64 I64 = 1099511627776
    4: optional double Double = -0.5
    5: optional string String = "opt"
    6: optional Color Color = Color.Green
    7: optional list<string> List = ["p", "q"]
    8: optional map<i32, string> Map = {7: "seven"}
    9: required i16 ReqI16 = 12
    10: required string ReqString = "req"
}

struct Typedefs {
    1: MyInt Int
    2: MyI64 I64
    3: MyString String
    4: MyBinary Binary
    5: MyDouble Double
    6: MyColor Color
    7: ScalarsAlias Struct
    8: StringList Strings
    9: StringI64Map Map
    10: I32Set Set
    11: ScalarsList Structs
    12: optional MyInt OptInt
    13: optional MyString OptString
    14: optional ScalarsAlias OptStruct
    15: list<MyInt> ListOfAlias
    16: map<MyString, MyColor> MapOfAlias
    17: required MyInt ReqInt
    18: optional StringList OptStrings
}

struct Enums {
    1: Color Color
    2: optional Color OptColor
    3: required Color ReqColor
    4: list<Color> List
    5: set<Color> Set
    6: map<Color, string> KeyMap
    7: map<string, Color> ValueMap
    8: map<Color, list<Color>> Both
}

// ListNode is a singly linked list.
struct ListNode {
    1: i32 Value
    2: optional ListNode Next
}

// Tree has a list of children of its own type.
struct Tree {
    1: string Label
    2: list<Tree> Children
    3: optional Tree Parent
    4: map<string, Tree> Named
}

// MutualA and MutualB refer to each other.
struct MutualA {
    1: i64 ID
    2: optional MutualB B
    3: list<MutualB> Bs
}

struct MutualB {
    1: string Name
    2: optional MutualA A
    3: map<string, MutualA> As
}

struct Containers {
    1: list<map<string, list<i64>>> ListMapList
    2: map<i32, set<string>> MapSet
    3: set<i64> SetI64
    4: map<Scalars, Scalars> MapStructStruct
    5: list<list<binary>> ListListBinary
    6: map<string, list<Scalars>> MapStringListStruct
    7: list<bool> ListBool
    8: list<byte> ListByte
    9: list<i8> ListI8
    10: list<i16> ListI16
    11: list<double> ListDouble
    12: map<double, bool> MapDoubleBool
    13: map<i16, binary> MapI16Binary
    14: set<Scalars> SetStruct
    15: list<Empty> ListEmpty
    16: map<i64, Empty> MapEmpty
    17: list<set<string>> ListSet
    18: set<list<i32>> SetList
    19: map<string, map<string, string>> MapMap
    20: list<list<list<i8>>> ListListList
    21: map<bool, byte> MapBoolByte
    22: set<binary> SetBinary
    23: map<binary, binary> MapBinaryBinary
    24: list<Scalars> ListStruct
    25: map<Empty, Empty> MapEmptyEmpty
}

struct Holder {
    1: Empty Empty
    2: optional Empty OptEmpty
    3: list<Empty> Empties
    4: required Empty ReqEmpty
}

// Nested holds structs with default values inside other structs, lists and
// maps, so that decoders must initialise defaults in nested structs too.
struct Nested {
    1: Defaults Defaults
    2: list<OptionalDefaults> List
    3: map<string, Defaults> Map
    4: optional OptionalDefaults Opt
    5: list<Mixed> Mixed
}
