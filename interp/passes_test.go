package interp

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
)

// Interpreting a function after each pass gives what it gave before any:
// the same size, the same bytes, the same decoded value.
func TestEachPassKeepsMeaning(t *testing.T) {
	g := testtypes.NewRandom(21)
	values := []*testtypes.Everything{}
	for i := 0; i < 30; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		v.MapDoubleString, v.MapI32Set, v.MapStructStruct = nil, nil, nil // one entry order: bytes compare
		v.MapEnumDouble, v.MapBoolByte, v.MapStringList, v.MapI16Map, v.MapValueStruct = nil, nil, nil, nil, nil
		v.ListMap, v.ThriftMap, v.OptMap, v.Next = nil, nil, nil, nil
		values = append(values, v)
	}
	d := descOf(t, &testtypes.Everything{})
	lower := func(m ir.Mode) *ir.Program { return ir.Lower(d, m, ir.DefaultInlineDepth) }
	size, enc := ssa.BuildSize(lower(ir.ModeSize)), ssa.BuildEncode(lower(ir.ModeEncode))
	dec, err := ssa.BuildDecode(lower(ir.ModeDecode))
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		size int
		enc  []byte
		dec  *testtypes.Everything
	}
	run := func(v *testtypes.Everything) result {
		p := reflect.ValueOf(v).UnsafePointer()
		dr := &driver{}
		r := result{size: int(Run(size, []uint64{uint64(uintptr(p))}, dr))}
		dr.out = make([]byte, r.size)
		n := dr.encodeWith(enc, p)
		r.enc = dr.out[:n]
		r.dec = new(testtypes.Everything)
		r.dec.InitDefault()
		dd := &driver{in: r.enc}
		if got := dd.decodeWith(dec, reflect.ValueOf(r.dec).UnsafePointer(), 0, 0); int(got) != len(r.enc) {
			t.Fatalf("decode read %d of %d bytes: %v", int64(got), len(r.enc), dd.err)
		}
		return r
	}
	want := make([]result, len(values))
	for i, v := range values {
		want[i] = run(v)
	}
	for k, name := range ssa.PassNames() {
		for _, f := range []*ssa.Func{size, enc, dec} {
			ssa.RunPass(f, k)
			if err := ssa.Verify(f); err != nil {
				t.Fatalf("after %s: %v", name, err)
			}
		}
		for i, v := range values {
			got := run(v)
			if got.size != want[i].size || !bytes.Equal(got.enc, want[i].enc) || !testtypes.Equal(got.dec, want[i].dec) {
				t.Fatalf("after %s, value %d codes differently", name, i)
			}
		}
	}
}
