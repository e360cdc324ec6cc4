package conformance

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
)

// Gen generates random values of thriftgo-generated struct types from a
// seed: the same seed always gives the same value. Values are always
// encodable by Apache (required struct pointers are set, set elements are
// unique), and cover nil and non-nil optional fields, nil, empty and
// non-empty containers, default values, unicode and invalid UTF-8 strings,
// and extreme numbers.
type Gen struct {
	r *rand.Rand
	// MaxDepth bounds struct nesting: below it, optional and default struct
	// fields are nil and containers of structs empty.
	MaxDepth int
	// MaxLen bounds list and set lengths, MaxMapLen map sizes.
	MaxLen, MaxMapLen int
	// budget bounds the number of structs and container elements of one
	// value, so that recursive types stay small.
	budget int
}

// NewGen returns a generator with the given seed and default bounds.
func NewGen(seed uint64) *Gen {
	return &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), MaxDepth: 4, MaxLen: 5, MaxMapLen: 4}
}

// Struct returns a new random *T for struct type t.
func (g *Gen) Struct(t reflect.Type) any {
	g.budget = 120
	return g.structPtr(t, 0).Interface()
}

// NewTarget returns a new *T for struct type t with its defaults set (via
// thriftgo's InitDefault), ready to decode into.
func NewTarget(t reflect.Type) any {
	v := reflect.New(t).Interface()
	if d, ok := v.(interface{ InitDefault() }); ok {
		d.InitDefault()
	}
	return v
}

func (g *Gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *Gen) structPtr(t reflect.Type, depth int) reflect.Value {
	g.budget--
	v := reflect.ValueOf(NewTarget(t))
	fields, err := Fields(t)
	if err != nil {
		panic(err)
	}
	for _, f := range fields {
		fv := v.Elem().Field(f.Index)
		// Sometimes keep the default (or zero) value, unless that would be
		// a nil required struct, which Apache cannot encode meaningfully.
		if g.chance(0.15) && !(f.Req == Required && fv.Kind() == reflect.Pointer && fv.IsNil()) {
			continue
		}
		fv.Set(g.value(fv.Type(), f.Type, f.Req, depth, false))
	}
	return v
}

// value returns a random value of Go type t and Thrift type tt. key is true
// for map keys and set elements (no NaN there).
func (g *Gen) value(t reflect.Type, tt *TType, req Requiredness, depth int, key bool) reflect.Value {
	switch t.Kind() {
	case reflect.Pointer:
		if t.Elem().Kind() == reflect.Struct {
			return g.structField(t, req, depth)
		}
		if req == Optional && g.chance(0.35) {
			return reflect.Zero(t)
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(g.value(t.Elem(), tt, Required, depth, key))
		return p
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return g.bytes(t, req)
		}
		return g.slice(t, tt, req, depth)
	case reflect.Map:
		return g.mapValue(t, tt, req, depth)
	case reflect.Bool:
		return reflect.ValueOf(g.r.IntN(2) == 1).Convert(t)
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return reflect.ValueOf(g.int(t.Bits())).Convert(t)
	case reflect.Int64:
		if t.PkgPath() != "" { // a named int64: a thriftgo enum, an i32 on the wire
			return reflect.ValueOf(g.enum()).Convert(t)
		}
		return reflect.ValueOf(g.int(64)).Convert(t)
	case reflect.Float64:
		return reflect.ValueOf(g.float(key)).Convert(t)
	case reflect.String:
		return reflect.ValueOf(g.string()).Convert(t)
	}
	panic(fmt.Sprintf("conformance: cannot generate %s", t))
}

func (g *Gen) structField(t reflect.Type, req Requiredness, depth int) reflect.Value {
	exhausted := depth >= g.MaxDepth || g.budget <= 0
	switch {
	case req == Required:
		if depth > g.MaxDepth+8 {
			panic(fmt.Sprintf("conformance: required recursion through %s", t))
		}
	case exhausted,
		req == Optional && g.chance(0.3),
		req == Default && g.chance(0.1):
		return reflect.Zero(t)
	}
	return g.structPtr(t.Elem(), depth+1)
}

// length picks a container length: sometimes 0, never above max, and 0 once
// the budget is spent or the depth reached.
func (g *Gen) length(max, depth int) int {
	if g.budget <= 0 || depth >= g.MaxDepth || max <= 0 || g.chance(0.2) {
		return 0
	}
	return 1 + g.r.IntN(max)
}

func (g *Gen) slice(t reflect.Type, tt *TType, req Requiredness, depth int) reflect.Value {
	if g.chance(0.15) || (req == Optional && g.chance(0.2)) {
		return reflect.Zero(t) // nil
	}
	n := g.length(g.MaxLen, depth)
	s := reflect.MakeSlice(t, 0, n)
	for i := 0; i < n; i++ {
		g.budget--
		e := g.value(t.Elem(), tt.Elem, Required, depth, tt.IsSet())
		if tt.IsSet() && containsDeepEqual(s, e) {
			continue // Apache rejects sets with reflect.DeepEqual duplicates
		}
		s = reflect.Append(s, e)
	}
	return s
}

func containsDeepEqual(s, e reflect.Value) bool {
	for i := 0; i < s.Len(); i++ {
		if reflect.DeepEqual(s.Index(i).Interface(), e.Interface()) {
			return true
		}
	}
	return false
}

func (g *Gen) mapValue(t reflect.Type, tt *TType, req Requiredness, depth int) reflect.Value {
	if g.chance(0.15) || (req == Optional && g.chance(0.2)) {
		return reflect.Zero(t) // nil
	}
	n := g.length(g.MaxMapLen, depth)
	m := reflect.MakeMapWithSize(t, n)
	// Sometimes entries put in first and deleted after leave holes where
	// Go keeps the map, so that its slots are not filled in order.
	var gone []reflect.Value
	if n > 0 && g.chance(0.3) {
		for range 1 + g.r.IntN(3) {
			k := g.value(t.Key(), tt.Key, Required, depth, true)
			m.SetMapIndex(k, g.value(t.Elem(), tt.Elem, Required, depth, false))
			gone = append(gone, k)
		}
	}
	for i := 0; i < n; i++ {
		g.budget--
		k := g.value(t.Key(), tt.Key, Required, depth, true)
		v := g.value(t.Elem(), tt.Elem, Required, depth, false)
		m.SetMapIndex(k, v)
	}
	for _, k := range gone {
		m.SetMapIndex(k, reflect.Value{})
	}
	return m
}

func (g *Gen) bytes(t reflect.Type, req Requiredness) reflect.Value {
	switch {
	case g.chance(0.1), req == Optional && g.chance(0.25):
		return reflect.Zero(t) // nil
	case g.chance(0.1):
		return reflect.MakeSlice(t, 0, 0)
	}
	n := g.r.IntN(40)
	if g.chance(0.02) {
		n = 4096 + g.r.IntN(600)
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	return reflect.ValueOf(b).Convert(t)
}

// int returns a random signed integer of the given width, often an extreme.
func (g *Gen) int(bits int) int64 {
	lo, hi := int64(-1)<<(bits-1), int64(1)<<(bits-1)-1
	switch {
	case g.chance(0.3):
		edges := []int64{0, 1, -1, lo, hi, lo + 1, hi - 1}
		return edges[g.r.IntN(len(edges))]
	case g.chance(0.3):
		return int64(g.r.IntN(201)) - 100
	}
	return int64(g.r.Uint64()<<(64-bits)) >> (64 - bits)
}

// enum returns an enum value: mostly a defined one, sometimes any i32.
func (g *Gen) enum() int64 {
	defined := []int64{0, 1, 2, 3, -7, math.MaxInt32}
	if g.chance(0.8) {
		return defined[g.r.IntN(len(defined))]
	}
	return g.int(32)
}

func (g *Gen) float(key bool) float64 {
	edges := []float64{0, math.Copysign(0, -1), 1, -1.5, math.MaxFloat64, -math.MaxFloat64,
		math.SmallestNonzeroFloat64, math.Inf(1), math.Inf(-1), 0.1, 1e300}
	if !key {
		edges = append(edges, math.NaN(), math.Float64frombits(0x7ff8dead00000001))
	}
	switch {
	case g.chance(0.3):
		return edges[g.r.IntN(len(edges))]
	case g.chance(0.5):
		return g.r.NormFloat64() * 1e6
	}
	f := math.Float64frombits(g.r.Uint64())
	if key && math.IsNaN(f) {
		return 2.5
	}
	return f
}

// stringParts are the pieces random strings are made of: ASCII, control
// characters, 2-, 3- and 4-byte UTF-8, a NUL and invalid UTF-8.
var stringParts = []string{"a", "Thrift", " ", "你好", "世界", "\b\n\r\t", ",", "\x00", "é", "😀", "\u2028", "\xff\xfe", "\"'\\", "Ω"}

func (g *Gen) string() string {
	if g.chance(0.15) {
		return ""
	}
	var sb strings.Builder
	n := 1 + g.r.IntN(8)
	if g.chance(0.02) {
		n = 1200 // > 4096 bytes with multi-byte parts
	}
	for i := 0; i < n; i++ {
		sb.WriteString(stringParts[g.r.IntN(len(stringParts))])
	}
	return sb.String()
}
