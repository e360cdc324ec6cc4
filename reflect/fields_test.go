package reflect_test

import (
	"bytes"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/internal/testtypes"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/wire"
)

// A struct that knows fewer fields skips the others; one with
// _unknownFields keeps them, in order, and writes them back.
func TestUnknownFields(t *testing.T) {
	full := testtypes.NewSimple()
	buf := encode(t, full)
	var part testtypes.PartialSimple
	decode(t, buf, &part)
	if part.ByteField != full.ByteField || part.DoubleField != full.DoubleField || !bytes.Equal(part.BinaryField, full.BinaryField) {
		t.Fatalf("PartialSimple got %+v", part)
	}

	extra := Msg{}.
		Field(wire.I64, 100).I64(5).
		Field(wire.List, 101).List(wire.Map, 1).Map(wire.String, wire.Struct, 1).Str("k").Field(wire.Bool, 1).B(1).Stop().
		Field(wire.I32, 18).I32(3). // known id, wrong wire type: skipped like an unknown field
		Field(wire.I64, 18).I64(9).
		Field(wire.Struct, 17).Stop().
		Stop()
	var e testtypes.Everything
	decode(t, extra, &e)
	if e.ReqI64 != 9 {
		t.Fatalf("ReqI64 = %d, want 9", e.ReqI64)
	}
	wantUnknown := extra[:len(extra)-1-3-8-3-1]
	if !bytes.Equal(e.UnknownFields(), wantUnknown) {
		t.Fatalf("unknown fields:\n got %x\nwant %x", e.UnknownFields(), wantUnknown)
	}
	// Encoding writes them back before the stop byte.
	again := encode(t, &e)
	if !bytes.Equal(again[len(again)-1-len(wantUnknown):len(again)-1], wantUnknown) {
		t.Fatalf("unknown fields not written back: %x", again)
	}
}

// Optional fields are left out as thriftgo's IsSet says: nil pointers,
// containers and binaries; inline values equal to their defaults.
func TestOptionalOmission(t *testing.T) {
	base := func() *testtypes.Everything {
		v := &testtypes.Everything{ReqStruct: &testtypes.Simple{}}
		v.InitDefault()
		return v
	}
	size := func(v *testtypes.Everything) int { return len(encode(t, v)) }
	unset := size(base())
	cases := []struct {
		name  string
		set   func(*testtypes.Everything)
		extra int
	}{
		{"OptI32", func(v *testtypes.Everything) { x := int32(0); v.OptI32 = &x }, 3 + 4},
		{"OptString", func(v *testtypes.Everything) { s := ""; v.OptString = &s }, 3 + 4},
		{"OptBinary empty", func(v *testtypes.Everything) { v.OptBinary = []byte{} }, 3 + 4},
		{"OptList empty", func(v *testtypes.Everything) { v.OptList = []int32{} }, 3 + 5},
		{"OptMap empty", func(v *testtypes.Everything) { v.OptMap = map[string]string{} }, 3 + 6},
		{"OptStruct", func(v *testtypes.Everything) { v.OptStruct = &testtypes.Simple{} }, 3 + 55},
		{"DefI32 other", func(v *testtypes.Everything) { v.DefI32 = 0 }, 3 + 4},
		{"DefString other", func(v *testtypes.Everything) { v.DefString = "" }, 3 + 4},
	}
	for _, c := range cases {
		v := base()
		c.set(v)
		if got := size(v) - unset; got != c.extra {
			t.Errorf("%s: adds %d bytes, want %d", c.name, got, c.extra)
		}
	}
}

// Decoding a nested struct starts from its defaults, as NewT() would.
func TestNestedDefaults(t *testing.T) {
	buf := Msg{}.Field(wire.Struct, 45).Field(wire.I64, 18).I64(1).Field(wire.Struct, 17).Stop().Stop().
		Field(wire.I64, 18).I64(2).Field(wire.Struct, 17).Stop().Stop()
	var e testtypes.Everything
	decode(t, buf, &e)
	if e.Next == nil || e.Next.DefI32 != 7 || e.Next.DefString != "hi" {
		t.Fatalf("nested struct lacks defaults: %+v", e.Next)
	}
}

// Empty containers and binaries decode as empty, not nil, so an optional
// one stays set through a round trip.
func TestEmptyIsNotNil(t *testing.T) {
	v := &testtypes.Everything{ReqStruct: &testtypes.Simple{}, OptBinary: []byte{}, OptList: []int32{}, OptMap: map[string]string{}}
	out := new(testtypes.Everything)
	decode(t, encode(t, v), out)
	if out.OptBinary == nil || out.OptList == nil || out.OptMap == nil || out.Binary == nil || out.ListI16 == nil {
		t.Fatalf("empty values decoded as nil: %+v", out)
	}
}

// Any bool byte other than 1 reads as false, as Apache Thrift reads it, and
// the Go bool holds a valid value.
func TestBoolBytes(t *testing.T) {
	for _, b := range []byte{0, 1, 2, 0xff} {
		buf := Msg{}.Field(wire.Bool, 1).B(b).Field(wire.I64, 18).I64(0).Field(wire.Struct, 17).Stop().
			Field(wire.List, 19).List(wire.Bool, 1).B(b).Stop()
		var e testtypes.Everything
		decode(t, buf, &e)
		want := b == 1
		if e.Bool != want || e.ListBool[0] != want || (e.Bool && *(*byte)(ptr(&e.Bool)) != 1) {
			t.Fatalf("bool byte %d decoded as %v/%v", b, e.Bool, e.ListBool)
		}
	}
}

// nocopy strings and binaries alias the input; the others do not.
func TestNoCopy(t *testing.T) {
	v := &testtypes.Everything{ReqStruct: &testtypes.Simple{}, NoCopyString: "alias me", NoCopyBinary: []byte("me too"), String: "copy me"}
	buf := encode(t, v)
	out := new(testtypes.Everything)
	decode(t, buf, out)
	lo, hi := uintptr(ptr(&buf[0])), uintptr(ptr(&buf[len(buf)-1]))
	in := func(p *byte) bool { return uintptr(unsafe.Pointer(p)) >= lo && uintptr(unsafe.Pointer(p)) <= hi }
	if !in(&out.NoCopyBinary[0]) || !in(unsafe.StringData(out.NoCopyString)) {
		t.Fatal("nocopy values do not alias the input")
	}
	if in(unsafe.StringData(out.String)) {
		t.Fatal("a copied string aliases the input")
	}
}

// recordingWriter is a NocopyWriter that records what it was handed.
type recordingWriter struct {
	chunks    [][]byte
	remaining []int
}

func (w *recordingWriter) WriteDirect(b []byte, remainCap int) error {
	w.chunks = append(w.chunks, b)
	w.remaining = append(w.remaining, remainCap)
	return nil
}

// Strings and binaries of 4096 bytes or more go to the NocopyWriter with the
// room left after their length; smaller ones are copied.
func TestNocopyWriter(t *testing.T) {
	big := bytes.Repeat([]byte{'x'}, wire.NocopyThreshold)
	v := &testtypes.Simple{StringField: string(big[:wire.NocopyThreshold-1]), BinaryField: big}
	d := desc(t, v)
	n := codec.Size(d, ptr(v))
	buf := make([]byte, n)
	var w recordingWriter
	written, err := codec.Encode(buf, &w, d, ptr(v))
	if err != nil {
		t.Fatal(err)
	}
	if written != n-len(big) {
		t.Fatalf("wrote %d bytes into buf, want %d", written, n-len(big))
	}
	if len(w.chunks) != 1 || &w.chunks[0][0] != &big[0] {
		t.Fatalf("WriteDirect got %d chunks, want the binary alone", len(w.chunks))
	}
	// After the binary's length prefix come field 7 (7 bytes) and the stop byte.
	if w.remaining[0] != n-(written-8) {
		t.Fatalf("remainCap %d, want %d", w.remaining[0], n-(written-8))
	}
}
