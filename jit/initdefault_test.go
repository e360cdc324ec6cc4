package jit

import (
	"reflect"
	"sync/atomic"
	"testing"
)

// countedInit's InitDefault sets no field, as thriftgo writes for a struct
// without default values; it only counts its calls.
type countedInit struct {
	ID   int64  `frugal:"1,default,i64"`
	Name string `frugal:"2,default,string"`
}

var countedInitCalls atomic.Int64

func (*countedInit) InitDefault() { countedInitCalls.Add(1) }

// withDefault's InitDefault sets Count, which is written only when it
// differs from 7: a decoder that skipped the call would leave 0.
type withDefault struct {
	Count int32  `frugal:"1,optional,i32"`
	Name  string `frugal:"2,default,string"`
}

func (p *withDefault) InitDefault() { p.Count = 7 }

type countedInits struct {
	Items  []*countedInit          `frugal:"1,default,list<countedInit>"`
	One    *countedInit            `frugal:"2,optional,countedInit"`
	ByName map[string]*countedInit `frugal:"3,default,map<string:countedInit>"`
	Set    []*withDefault          `frugal:"4,default,list<withDefault>"`
	OneSet *withDefault            `frugal:"5,optional,withDefault"`
}

// Structs whose InitDefault sets nothing are allocated without calling it,
// one call per struct saved (ir.StructDesc.NeedsInitDefault), and decode
// as the reflect codec decodes them, which calls it; structs with default
// values still get them.
func TestDecodeSkipsEmptyInitDefault(t *testing.T) {
	v := &countedInits{One: &countedInit{ID: 1}, ByName: map[string]*countedInit{"a": {Name: "a"}}, OneSet: &withDefault{Count: 7}}
	for i := range 50 {
		v.Items = append(v.Items, &countedInit{ID: int64(i)})
		v.Set = append(v.Set, &withDefault{Count: int32(i % 9), Name: "x"})
	}
	buf := reflectEncode(t, v)
	c := prepared(t, v)
	before := countedInitCalls.Load()
	decodeBoth(t, buf, v, "countedInits")
	if n := countedInitCalls.Load() - before; n != 52 {
		t.Errorf("InitDefault ran %d times, want 52: once per struct by the reflect codec only", n)
	}
	got := new(countedInits)
	before = countedInitCalls.Load()
	if _, err := c.Decode(buf, reflect.ValueOf(got).UnsafePointer()); err != nil {
		t.Fatal(err)
	}
	if n := countedInitCalls.Load() - before; n != 0 {
		t.Errorf("the compiled decode ran an InitDefault that sets nothing %d times", n)
	}
	if got.OneSet.Count != 7 || got.Set[7].Count != 7 || got.Set[8].Count != 8 {
		t.Errorf("defaults lost: %d, %d, %d; want 7, 7, 8", got.OneSet.Count, got.Set[7].Count, got.Set[8].Count)
	}
}
