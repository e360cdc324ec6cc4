package fuzz

import (
	"encoding/binary"
	"math"
	"reflect"
)

// valueGen fills values of a generated schema from the fuzz input's bytes
// (zeros once they run out), within a budget of nodes so that one input
// stays small. Values survive a round trip: default and required structs
// and containers are never nil, struct pointers in containers never nil,
// enums fit in an i32.
type valueGen struct {
	b      []byte
	budget int
}

func (g *valueGen) byte() byte {
	if len(g.b) == 0 {
		return 0
	}
	c := g.b[0]
	g.b = g.b[1:]
	return c
}

func (g *valueGen) bytes(n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = g.byte()
	}
	return out
}

func (g *valueGen) uint64() uint64 { return binary.BigEndian.Uint64(g.bytes(8)) }

// count draws a container length, 0 to 3, and 0 once the budget is spent.
func (g *valueGen) count() int {
	if g.budget <= 0 {
		return 0
	}
	return int(g.byte() % 4)
}

func (g *valueGen) fillStruct(v reflect.Value, st *structNode) {
	for _, f := range st.fields {
		fv := v.Field(f.index)
		if f.req == "optional" && (g.budget <= 0 || g.byte()%3 == 0) {
			continue // left unset
		}
		if f.optPtr {
			p := reflect.New(fv.Type().Elem())
			g.fill(p.Elem(), f.t)
			fv.Set(p)
			continue
		}
		g.fill(fv, f.t)
		if f.req == "optional" && fv.Kind() == reflect.Float64 && fv.Float() == 0 {
			// -0 == 0: an optional double held by value is omitted when it
			// equals its default by ==, so -0 reads back as 0.
			fv.SetFloat(0)
		}
	}
}

func (g *valueGen) fill(v reflect.Value, n *node) {
	g.budget--
	switch n.kind {
	case kBool:
		v.SetBool(g.byte()&1 == 1)
	case kByte, kI16, kI32, kI64:
		v.SetInt(int64(g.uint64()) >> (64 - v.Type().Bits()))
	case kEnum:
		bits := min(v.Type().Bits(), 32)
		v.SetInt(int64(g.uint64()) >> (64 - bits))
	case kDouble:
		v.SetFloat(math.Float64frombits(g.uint64()))
	case kString:
		v.SetString(string(g.bytes(int(g.byte() % 12))))
	case kBinary:
		v.SetBytes(g.bytes(int(g.byte() % 12)))
	case kList, kSet:
		c := g.count()
		s := reflect.MakeSlice(v.Type(), c, c)
		for i := 0; i < c; i++ {
			g.fill(s.Index(i), n.elem)
		}
		v.Set(s)
	case kMap:
		c := g.count()
		m := reflect.MakeMapWithSize(v.Type(), c)
		for i := 0; i < c; i++ {
			k := reflect.New(v.Type().Key()).Elem()
			g.fill(k, n.key)
			e := reflect.New(v.Type().Elem()).Elem()
			g.fill(e, n.elem)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case kStruct:
		if n.ptr {
			p := reflect.New(n.st.goT)
			g.fillStruct(p.Elem(), n.st)
			v.Set(p)
			return
		}
		g.fillStruct(v, n.st)
	}
}
