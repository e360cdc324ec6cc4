package ssa

// Op is what a value computes.
type Op uint8

// The ops. Each comment gives the meaning in pseudo-C; the value's Type is
// the result type, AuxInt its constant operand.
const (
	OpInvalid Op = iota

	OpInitMem // the memory at function entry
	OpArg     // the AuxInt-th argument of the function
	OpConst   // AuxInt, of the value's type (a pointer constant is an address in Go memory)
	OpCopy    // args[0]
	OpPhi     // args[i] when control came from the block's i-th predecessor

	OpAdd    // args[0] + args[1]
	OpSub    // args[0] - args[1]
	OpMul    // args[0] * args[1]
	OpAnd    // args[0] & args[1]
	OpOr     // args[0] | args[1]
	OpAddPtr // (ptr)args[0] + (i64)args[1]
	OpShr    // args[0] >> args[1], unsigned (the builders and passes shift by constants only)

	OpBswap   // args[0] with its bytes reversed (i16, i32, i64): big-endian <-> little-endian
	OpSignExt // sign-extend args[0] to the value's type
	OpZeroExt // zero-extend args[0] to the value's type
	OpTrunc   // the low bytes of args[0]

	OpEq  // args[0] == args[1]
	OpNe  // args[0] != args[1]
	OpLtU // args[0] < args[1], unsigned
	OpLt  // args[0] < args[1], signed
	OpEqF // (double)args[0] == (double)args[1], on i64 bit patterns (NaN != NaN, -0 == 0)

	OpLoad  // *(T*)args[0], memory args[1]
	OpStore // *(T*)args[0] = args[1], memory args[2]; the result is the new memory
	OpMove  // copy args[2] bytes from args[1] to args[0], memory args[3]; the result is the new memory

	OpExit        // hand control to the driver for exit AuxInt with args[:n-1], memory args[n-1]; the result is a tuple
	OpSelectValue // the value of the tuple args[0]
	OpSelectMem   // the memory of the tuple args[0]
)

// opInfo describes an op for the verifier and the printer.
type opInfo struct {
	name string
	args int // number of arguments, -1 for any
}

var opTable = [...]opInfo{
	OpInvalid:     {"Invalid", 0},
	OpInitMem:     {"InitMem", 0},
	OpArg:         {"Arg", 0},
	OpConst:       {"Const", 0},
	OpCopy:        {"Copy", 1},
	OpPhi:         {"Phi", -1},
	OpAdd:         {"Add", 2},
	OpSub:         {"Sub", 2},
	OpMul:         {"Mul", 2},
	OpAnd:         {"And", 2},
	OpOr:          {"Or", 2},
	OpAddPtr:      {"AddPtr", 2},
	OpShr:         {"Shr", 2},
	OpBswap:       {"Bswap", 1},
	OpSignExt:     {"SignExt", 1},
	OpZeroExt:     {"ZeroExt", 1},
	OpTrunc:       {"Trunc", 1},
	OpEq:          {"Eq", 2},
	OpNe:          {"Ne", 2},
	OpLtU:         {"LtU", 2},
	OpLt:          {"Lt", 2},
	OpEqF:         {"EqF", 2},
	OpLoad:        {"Load", 2},
	OpStore:       {"Store", 3},
	OpMove:        {"Move", 4},
	OpExit:        {"Exit", -1},
	OpSelectValue: {"SelectValue", 1},
	OpSelectMem:   {"SelectMem", 1},
}

// String returns the op's name.
func (o Op) String() string {
	if int(o) < len(opTable) && opTable[o].name != "" {
		return opTable[o].name
	}
	return "Op(?)"
}

// ExitKind names what the driver does at an OpExit. The same codes serve
// the interpreter and the machine-code engines.
type ExitKind int64

// The exit kinds.
const (
	ExitMapEntries      ExitKind = iota + 1 // (map slot) -> address of [2]ptr{&key, &value} pairs, kept alive by the driver
	ExitCallSize                            // (struct address) -> encoded size, by the program of Aux (*ir.StructDesc)
	ExitBytesEqual                          // (data, data, length) -> 1 if equal, 0 if not
	ExitCallEncode                          // (struct address, position) -> new position, or -1 after an error, by the program of Aux
	ExitNocopy                              // (data, length, room after the data's position) -> 0, or -1 after an error: the NocopyWriter takes the bytes
	ExitFail                                // (offset) -> never returns normally: the driver records the error Aux (a *wire.Error template) and the function returns -1
	ExitSkip                                // (position, wire type, nesting level of the value) -> the position after the value, or -1 after an error
	ExitUnknownMark                         // () -> a mark for the unknown fields this struct skips
	ExitUnknownField                        // (start, end) -> 0: the input's bytes [start, end) are an unknown field to keep
	ExitKeepUnknown                         // (mark, slot) -> 0: the unknown fields since mark go to the []byte at slot
	ExitAllocBytes                          // (n) -> address of n pointer-free bytes the driver keeps alive: the start of a fresh chunk that becomes the arena (its rest free), or bytes of their own when n is large
	ExitAllocSlice                          // (n) -> address of a zeroed backing array of n elements of the list type Aux
	ExitNew                                 // (slot) -> address of a new value of the pointer type Aux, with its defaults, stored at slot
	ExitResetStruct                         // (address) -> 0: the inline struct of type Aux is zeroed and given its defaults
	ExitMapScratch                          // (n) -> address of zeroed scratch for n keys then n values of the map type Aux
	ExitMapInsert                           // (slot, n) -> 0: a new map of the scratch's n entries is stored at slot
	ExitCallDecode                          // (struct address, position, nesting level of the struct) -> new position, or -1 after an error, by the program of Aux
	ExitMissingRequired                     // (seen mask) -> never returns normally: ErrMissingRequired for the first required field of Aux not in the mask
	ExitYield                               // () -> 0: machine code only, at a loop back-edge when the runtime asked the goroutine to stop; returning to Go lets it
	ExitWriteBarrier                        // (slot, pointer) -> 0: machine code only, a pointer store while the runtime's write barrier is on: Go stores it, with the barrier
	ExitNewBatch                            // (n) -> address of n consecutive new structs of the type Aux, each with its defaults: the elements of one container
	ExitMapSize                             // (map slot) -> the encoded size of the entries of the map of type Aux (ir.DirectMap)
	ExitMapEncode                           // (map slot, position) -> the position after the map's entries, written whole (ir.DirectMap), or -1 after an error
)

var exitNames = [...]string{ExitMapEntries: "MapEntries", ExitCallSize: "CallSize",
	ExitBytesEqual: "BytesEqual", ExitCallEncode: "CallEncode", ExitNocopy: "Nocopy", ExitFail: "Fail",
	ExitSkip: "Skip", ExitUnknownMark: "UnknownMark", ExitUnknownField: "UnknownField", ExitKeepUnknown: "KeepUnknown",
	ExitAllocBytes: "AllocBytes", ExitAllocSlice: "AllocSlice", ExitNew: "New", ExitResetStruct: "ResetStruct",
	ExitMapScratch: "MapScratch", ExitMapInsert: "MapInsert", ExitCallDecode: "CallDecode", ExitMissingRequired: "MissingRequired", ExitYield: "Yield", ExitWriteBarrier: "WriteBarrier", ExitNewBatch: "NewBatch", ExitMapSize: "MapSize", ExitMapEncode: "MapEncode"}

// String returns the exit's name.
func (k ExitKind) String() string {
	if k > 0 && int(k) < len(exitNames) {
		return exitNames[k]
	}
	return "Exit(?)"
}
