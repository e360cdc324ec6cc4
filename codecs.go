package frugal

import (
	"math/bits"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/jit"
	"github.com/frugaljit/frugal/wire"
)

// typeCodec is what the API needs to know about one dynamic type passed to
// it: T or *T for a struct T.
type typeCodec struct {
	desc   *ir.StructDesc
	ptr    bool // the dynamic type is *T
	direct bool // T is stored in an interface's data word (a one-pointer struct)
	engine Engine
	jit    *jit.Codec // the compiled codec, when engine is EngineJIT
	why    string     // why this engine
	err    error      // the type cannot be used
	plain  bool       // no err, and not direct: prepare's fast path takes it
	// flat is the jit's size program summed in Go, when isFlat: kept here,
	// EncodedSize reaches it with no call and no load beyond the slot.
	flat   ir.FlatSize
	isFlat bool
	// freshEncode is jit.Codec.FreshEncode, when engine is EngineJIT: the
	// encode's entry word, one load from here.
	freshEncode *atomic.Uintptr
}

// codecs maps an interface's type word to its typeCodec. Readers load the
// table without a lock; writers copy it.
var codecs struct {
	mu sync.Mutex
	m  atomic.Pointer[codecTable]
}

// codecTable is an open-addressed hash table from type words to codecs,
// immutable once published: a lookup is a multiply, a shift and usually one
// comparison, where a Go map costs several times that on every call. Slots
// hold the codecs themselves, not pointers to them: every call starts with
// this lookup, and each pointer it follows is a load that waits for the one
// before it. Each table picks the multiplier of its hash so that every type
// sits in the slot it hashes to, where one is found (see with): lookup
// checks only that slot, and a type displaced by a collision would take
// prepare's slower path on every call, for the life of the process.
type codecTable struct {
	mul   uint64 // the hash's multiplier, odd
	shift uint   // 64 - log2(len(slots))
	slots []codecSlot
	n     int
}

type codecSlot struct {
	typ   unsafe.Pointer
	codec typeCodec
}

// hashType spreads type pointers (aligned, clustered) over a table of
// 2^(64-shift) slots: the high bits of their product with the odd
// multiplier mul.
func hashType(typ unsafe.Pointer, mul uint64, shift uint) uintptr {
	return uintptr((uint64(uintptr(typ)) * mul) >> (shift & 63))
}

// get returns the codec of typ, or nil. The codec lives in the table;
// tables are never modified, only replaced, so it stays valid.
func (t *codecTable) get(typ unsafe.Pointer) *typeCodec {
	mask := uintptr(len(t.slots) - 1)
	for h := hashType(typ, t.mul, t.shift) & mask; ; h = (h + 1) & mask {
		s := &t.slots[h]
		if s.typ == nil { // first: a nil typ (a nil interface) has no codec
			return nil
		}
		if s.typ == typ {
			return &s.codec
		}
	}
}

// Table shapes with tries: a table is at most half full, and may grow to
// spreadFactor times that size, trying multiplierTries multipliers at
// each size, to put every type in its own slot. With 12 types (the
// benchmarks' count) a table of 32 slots has no collision for about one
// multiplier in eight; beyond a few hundred types no shape is likely to
// be found, and collisions are resolved by probing.
const (
	spreadFactor    = 4
	multiplierTries = 64
)

// with returns a copy of t (nil: empty) holding typ's codec c too.
func (t *codecTable) with(typ unsafe.Pointer, c *typeCodec) *codecTable {
	entries := []codecSlot{{typ, *c}}
	if t != nil {
		for i := range t.slots {
			if s := &t.slots[i]; s.typ != nil && s.typ != typ {
				entries = append(entries, *s)
			}
		}
	}
	base := 16
	for base < 2*len(entries) {
		base *= 2
	}
	var taken []uint64 // by slot: a try's slots already hashed to
	for size := base; size <= spreadFactor*base; size *= 2 {
		for try := range multiplierTries {
			if mul := multiplier(try); spreads(entries, size, mul, &taken) {
				return newCodecTable(size, mul, entries)
			}
		}
	}
	return newCodecTable(base, multiplier(0), entries)
}

// spreads reports whether mul hashes every entry to a slot of its own in
// a table of size slots; taken is scratch space.
func spreads(entries []codecSlot, size int, mul uint64, taken *[]uint64) bool {
	*taken = append((*taken)[:0], make([]uint64, (size+63)/64)...)
	shift := shiftFor(size)
	for i := range entries {
		h := hashType(entries[i].typ, mul, shift)
		w, b := h/64, uint64(1)<<(h%64)
		if (*taken)[w]&b != 0 {
			return false
		}
		(*taken)[w] |= b
	}
	return true
}

// multiplier returns the try'th hash multiplier: the golden ratio's
// (Fibonacci hashing) first, then splitmix64's outputs, made odd.
func multiplier(try int) uint64 {
	if try == 0 {
		return 0x9E3779B97F4A7C15
	}
	z := uint64(try) * 0x9E3779B97F4A7C15
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return (z ^ z>>31) | 1
}

// shiftFor is hashType's shift for a table of size (a power of two) slots.
func shiftFor(size int) uint { return uint(64 - bits.TrailingZeros(uint(size))) }

// newCodecTable returns a table of size slots holding entries, hashed with
// mul; an entry whose slot is taken goes to the next free one.
func newCodecTable(size int, mul uint64, entries []codecSlot) *codecTable {
	t := &codecTable{mul: mul, shift: shiftFor(size), slots: make([]codecSlot, size)}
	mask := uintptr(size - 1)
	for i := range entries {
		e := &entries[i]
		h := hashType(e.typ, mul, t.shift) & mask
		for t.slots[h].typ != nil {
			h = (h + 1) & mask
		}
		t.slots[h] = *e
		t.slots[h].codec.plain = e.codec.err == nil && !e.codec.direct
		t.n++
	}
	return t
}

// eface is the layout of an empty interface.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// lookup is prepare's fast path, small enough for the compiler to inline
// into every API call: the codec of v's dynamic type and a pointer to the
// struct when the type is in the slot it hashes to, usable, and held
// behind a pointer; else nil, and the caller takes prepare.
func lookup(v any) (*typeCodec, unsafe.Pointer) {
	e := (*eface)(unsafe.Pointer(&v))
	t := codecs.m.Load()
	if t == nil {
		return nil, nil
	}
	s := &t.slots[hashType(e.typ, t.mul, t.shift)&uintptr(len(t.slots)-1)]
	if s.typ != e.typ || !s.codec.plain {
		return nil, nil
	}
	return &s.codec, e.data
}

// prepare returns the codec for v's dynamic type and a pointer to the
// struct (nil for a nil *T).
func prepare(v any) (*typeCodec, unsafe.Pointer, error) {
	e := (*eface)(unsafe.Pointer(&v))
	var c *typeCodec
	if m := codecs.m.Load(); m != nil {
		c = m.get(e.typ)
	}
	if c == nil {
		if e.typ == nil {
			return nil, nil, wire.Errorf(ErrInvalidValue, "nil interface, want a struct or a pointer to one")
		}
		c = codecFor(reflect.TypeOf(v), e.typ, nil)
	}
	if c.err != nil {
		return nil, nil, c.err
	}
	p := e.data
	if c.direct { // the struct is the data word itself: give it an address
		cell := new(unsafe.Pointer)
		*cell = p
		p = unsafe.Pointer(cell)
	}
	return c, p, nil
}

// codecFor builds (or rebuilds, when o is not nil) the codec of type rt
// whose interface type word is key.
func codecFor(rt reflect.Type, key unsafe.Pointer, o *options) *typeCodec {
	codecs.mu.Lock()
	defer codecs.mu.Unlock()
	old := codecs.m.Load()
	if old != nil && o == nil {
		if c := old.get(key); c != nil {
			return c
		}
	}
	c := newTypeCodec(rt, o)
	codecs.m.Store(old.with(key, c))
	return c
}

func newTypeCodec(rt reflect.Type, o *options) *typeCodec {
	c := &typeCodec{}
	st := rt
	if rt.Kind() == reflect.Pointer {
		c.ptr = true
		st = rt.Elem()
	}
	if st.Kind() != reflect.Struct {
		c.err = &SchemaError{Path: rt.String(), Problem: "not a struct or a pointer to a struct",
			Hint: "pass the generated struct, e.g. &Req{}"}
		return c
	}
	c.direct = !c.ptr && isDirectIface(st)
	if c.desc, c.err = ir.Resolve(st); c.err != nil {
		return c
	}
	want := defaultEngine
	if envEngineErr != nil {
		c.err = envEngineErr
		return c
	}
	if noJIT.Load() {
		want = EngineReflect
	}
	if o != nil && o.engineSet {
		want = o.engine
	}
	c.engine, c.why, c.jit, c.err = resolveEngine(want, c.desc, o.inlineDepth())
	if c.jit != nil {
		c.flat, c.isFlat = c.jit.FlatSize()
		c.freshEncode = c.jit.FreshEncode()
	}
	return c
}

// isDirectIface reports whether values of t are stored in an interface's
// data word itself rather than behind a pointer.
func isDirectIface(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return true
	case reflect.Struct:
		return t.NumField() == 1 && isDirectIface(t.Field(0).Type)
	case reflect.Array:
		return t.Len() == 1 && isDirectIface(t.Elem())
	}
	return false
}

// typeKey returns the interface type word of values of type rt.
func typeKey(rt reflect.Type) unsafe.Pointer {
	v := reflect.Zero(rt).Interface()
	return (*eface)(unsafe.Pointer(&v)).typ
}
