package frugal

import (
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

// typeCodec is what the API needs to know about one dynamic type passed to
// it: T or *T for a struct T.
type typeCodec struct {
	desc   *ir.StructDesc
	ptr    bool // the dynamic type is *T
	direct bool // T is stored in an interface's data word (a one-pointer struct)
	engine Engine
	why    string // why this engine
	err    error  // the type cannot be used
}

// codecs maps an interface's type word to its typeCodec. Readers load the
// map without a lock; writers copy it.
var codecs struct {
	mu sync.Mutex
	m  atomic.Pointer[map[unsafe.Pointer]*typeCodec]
}

// eface is the layout of an empty interface.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// prepare returns the codec for v's dynamic type and a pointer to the
// struct (nil for a nil *T).
func prepare(v any) (*typeCodec, unsafe.Pointer, error) {
	e := (*eface)(unsafe.Pointer(&v))
	var c *typeCodec
	if m := codecs.m.Load(); m != nil {
		c = (*m)[e.typ]
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
		if c := (*old)[key]; c != nil {
			return c
		}
	}
	c := newTypeCodec(rt, o)
	next := make(map[unsafe.Pointer]*typeCodec, 8)
	if old != nil {
		for k, v := range *old {
			next[k] = v
		}
	}
	next[key] = c
	codecs.m.Store(&next)
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
	c.engine, c.why, c.err = resolveEngine(want)
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
