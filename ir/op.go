package ir

// Op is an instruction of a codec program. Programs are structured: an
// instruction may hold nested instruction lists (Body, Else, and for maps
// Key and Value), run with the base pointer an instruction's meaning names.
// Offsets (Off) are from the current base: the struct being coded, or the
// element, key or value a loop body is on.
type Op uint8

// The ops. Each comment is the op's meaning in pseudo-C, where base is the
// current base pointer, out the output, in the input and size the size
// accumulator.
const (
	OpInvalid Op = iota

	// Control, shared by all modes.

	OpIfSet   // if (field at base+Off is set: Field.Omit rule) { Body }
	OpDeref   // p = *(void**)(base+Off); if (p) { Body with base = p } else { Else }
	OpEach    // for (e in slice at base+Off, stride N) { Body with base = &e }
	OpMapEach // for ((k, v) in entries of map at base+Off, from the driver) { Key with base = &k; Value with base = &v }
	OpCall    // run the program of Callee on base+Off (a driver exit: recursion, depth limit)

	// Size.

	OpSizeConst   // size += N
	OpSizeBytes   // size += 4 + len(string or []byte at base+Off)
	OpSizeList    // size += 5 + len(slice at base+Off) * N
	OpSizeMap     // size += 6 + len(map at base+Off) * N (N = 0: entries sized by OpMapEach)
	OpSizeUnknown // size += len(_unknownFields at base+Off)

	// Encode.

	OpWriteHeader     // out += [Wire, ID>>8, ID]
	OpWriteFixed      // out += big-endian Type at base+Off (bool as 0/1, enum as i32)
	OpWriteBytes      // out += i32 len, bytes of string or []byte at base+Off (NocopyWriter from 4096 bytes)
	OpWriteListHeader // out += [Wire], i32 len(slice at base+Off)
	OpWriteMapHeader  // out += [Key wire, Value wire], i32 len(map at base+Off)
	OpWriteUnknown    // out += _unknownFields at base+Off
	OpWriteStop       // out += [0]
	OpFailNil         // error ErrNilRequired for Field (a required pointer at base+Off is nil)

	// Decode.

	OpReadFields    // loop { t = in[0]; stop: break; id = in[1:3]; switch id { Body: OpCase } ; else skip(t) }
	OpCase          // case ID with wire type Wire: Body; a wire type mismatch skips like an unknown id
	OpReadFixed     // Type at base+Off = big-endian value from in (bool: byte == 1)
	OpReadBytes     // string or []byte at base+Off = i32 length-prefixed bytes of in (copied, or aliased when NoCopy)
	OpReadList      // header: element wire must be Wire; n checked against bytes left; slice at base+Off = new [n]; Body per element
	OpReadMap       // header: wires must match; n checked; map at base+Off = new map; per entry Key, Value into scratch, then insert
	OpNew           // *(void**)(base+Off) = new Type (with InitDefault); Body with base = that pointer
	OpResetStruct   // zero the inline struct at base+Off and run its InitDefault
	OpMarkRequired  // seen |= 1 << N (N: index in StructDesc.Required)
	OpCheckRequired // if (seen != all required) error ErrMissingRequired for the first missing one
	OpKeepUnknown   // the skipped fields' bytes go to _unknownFields at base+Off
)

var opNames = [...]string{
	OpInvalid: "invalid", OpIfSet: "if_set", OpDeref: "deref", OpEach: "each", OpMapEach: "map_each", OpCall: "call",
	OpSizeConst: "size_const", OpSizeBytes: "size_bytes", OpSizeList: "size_list", OpSizeMap: "size_map",
	OpSizeUnknown: "size_unknown",
	OpWriteHeader: "write_header", OpWriteFixed: "write_fixed", OpWriteBytes: "write_bytes",
	OpWriteListHeader: "write_list_header", OpWriteMapHeader: "write_map_header", OpWriteUnknown: "write_unknown",
	OpWriteStop: "write_stop", OpFailNil: "fail_nil",
	OpReadFields: "read_fields", OpCase: "case", OpReadFixed: "read_fixed", OpReadBytes: "read_bytes",
	OpReadList: "read_list", OpReadMap: "read_map", OpNew: "new", OpResetStruct: "reset_struct",
	OpMarkRequired: "mark_required", OpCheckRequired: "check_required", OpKeepUnknown: "keep_unknown",
}

// String returns the op's name as the printer writes it.
func (o Op) String() string {
	if int(o) < len(opNames) && opNames[o] != "" {
		return opNames[o]
	}
	return "op(?)"
}
