package jit

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/backend/amd64"
	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/wire"
	"golang.org/x/sys/cpu"
)

// prepared returns v's descriptor with its programs compiled; it skips the
// test where generated code cannot run (the reason is in the skip).
func prepared(t *testing.T, v any) *Codec {
	t.Helper()
	d, err := ir.Resolve(reflect.TypeOf(v).Elem())
	if err != nil {
		t.Fatal(err)
	}
	c, err := Prepare(d)
	if err != nil {
		if errors.Is(err, ErrUnsupported) && !runnable {
			t.Skipf("no generated code here: %v", err)
		}
		t.Fatalf("Prepare(%T): %v", v, err)
	}
	return c
}

// encodeBoth encodes v with the compiled code and the reflect codec, and
// checks that both sizes agree with the bytes written.
func encodeBoth(t *testing.T, v any) (got, want []byte) {
	t.Helper()
	c := prepared(t, v)
	d := c.desc
	p := reflect.ValueOf(v).UnsafePointer()
	n := codec.Size(d, p)
	if s := c.Size(p); s != n {
		t.Fatalf("%T: compiled size %d, reflect codec %d", v, s, n)
	}
	want = make([]byte, n)
	if _, err := codec.Encode(want, nil, d, p); err != nil {
		t.Fatalf("%T: reflect codec: %v", v, err)
	}
	got = make([]byte, n)
	w, err := c.Encode(got, nil, p)
	if err != nil || w != n {
		t.Fatalf("%T: compiled code wrote %d of %d bytes: %v", v, w, n, err)
	}
	return got, want
}

// decodesTo checks that b decodes (by the reflect codec) to a value equal
// to v.
func decodesTo(t *testing.T, b []byte, v any) {
	t.Helper()
	out := reflect.New(reflect.TypeOf(v).Elem()).Interface()
	if i, ok := out.(interface{ InitDefault() }); ok {
		i.InitDefault()
	}
	d, _ := ir.Resolve(reflect.TypeOf(v).Elem())
	if _, err := codec.Decode(b, d, reflect.ValueOf(out).UnsafePointer()); err != nil {
		t.Fatalf("%T: decoding the compiled code's bytes: %v", v, err)
	}
	if !testtypes.Equal(v, out) {
		t.Fatalf("%T: the compiled code's bytes decode to another value", v)
	}
}

// Without maps the bytes are the reflect codec's; with maps they decode to
// the same value.
func TestEncodeMatchesReflect(t *testing.T) {
	if got, want := encodeBoth(t, testtypes.NewSimple()); !bytes.Equal(got, want) {
		t.Fatalf("Simple:\n got %x\nwant %x", got, want)
	}
	g := testtypes.NewRandom(5)
	for i := 0; i < 2000; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		got, want := encodeBoth(t, v)
		if len(got) != len(want) {
			t.Fatalf("value %d: %d bytes, reflect codec %d", i, len(got), len(want))
		}
		decodesTo(t, got, v)
	}
	for _, v := range []any{testtypes.NewNesting(), testtypes.NewNesting2()} {
		got, _ := encodeBoth(t, v)
		decodesTo(t, got, v)
	}
	for i := 0; i < 200; i++ {
		for _, v := range []any{new(testtypes.Simple), new(testtypes.PartialSimple)} {
			g.Fill(v)
			if got, want := encodeBoth(t, v); !bytes.Equal(got, want) {
				t.Fatalf("%T %d:\n got %x\nwant %x", v, i, got, want)
			}
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	c := prepared(t, &testtypes.Everything{})
	nilReq := &testtypes.Everything{}
	_, err := c.Encode(make([]byte, 4096), nil, reflect.ValueOf(nilReq).UnsafePointer())
	var e *wire.Error
	if !errors.Is(err, wire.ErrNilRequired) || !errors.As(err, &e) || e.Path != "testtypes.Everything.ReqStruct" {
		t.Fatalf("nil required: %v", err)
	}
	cycle := &testtypes.Everything{ReqStruct: &testtypes.Simple{}}
	cycle.Next = cycle
	if _, err := c.Encode(make([]byte, 1<<20), nil, reflect.ValueOf(cycle).UnsafePointer()); !errors.Is(err, wire.ErrDepthLimit) {
		t.Fatalf("cycle: %v", err)
	}
	v := testtypes.NewNesting()
	nc := prepared(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	shortBuffersFail(t, nc, p, 97)
}

// shortBuffersFail encodes the value at p into every step-th buffer
// shorter than it needs and checks each is ErrShortBuffer with nothing
// written past the buffer's end.
func shortBuffersFail(t *testing.T, c *Codec, p unsafe.Pointer, step int) {
	t.Helper()
	n := codec.Size(c.desc, p)
	for short := 0; short < n; short += step {
		backing := bytes.Repeat([]byte{0xAA}, n+16)
		if _, err := c.Encode(backing[:short], nil, p); !errors.Is(err, wire.ErrShortBuffer) {
			t.Fatalf("buffer of %d/%d: %v", short, n, err)
		}
		if !bytes.Equal(backing[short:], bytes.Repeat([]byte{0xAA}, n+16-short)) {
			t.Fatalf("buffer of %d/%d: wrote past the end", short, n)
		}
	}
}

type recorder struct{ chunks [][]byte }

func (r *recorder) WriteDirect(b []byte, _ int) error {
	r.chunks = append(r.chunks, b)
	return nil
}

// With a NocopyWriter, a string one byte short of wire.NocopyThreshold is
// copied and a binary of the threshold goes to the writer, unwritten in the
// buffer, as the reflect codec does; without one, both are copied.
func TestEncodeNocopyWriter(t *testing.T) {
	big := bytes.Repeat([]byte{'x'}, wire.NocopyThreshold)
	v := &testtypes.Simple{StringField: strings.Repeat("s", wire.NocopyThreshold-1), BinaryField: big}
	c := prepared(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	size := codec.Size(c.desc, p)
	want := make([]byte, size)
	var rw recorder
	wn, err := codec.Encode(want, &rw, c.desc, p)
	if err != nil {
		t.Fatalf("reflect codec: %v", err)
	}
	got := make([]byte, size)
	var r recorder
	n, err := c.Encode(got, &r, p)
	if err != nil || n != size-len(big) || len(r.chunks) != 1 || &r.chunks[0][0] != &big[0] {
		t.Fatalf("wrote %d of %d, %d chunks: %v", n, size-len(big), len(r.chunks), err)
	}
	if n != wn || len(rw.chunks) != 1 || !bytes.Equal(got[:n], want[:wn]) {
		t.Fatalf("compiled code wrote %x\nreflect codec %x (%d chunks)", got[:n], want[:wn], len(rw.chunks))
	}
	if got, want := encodeBoth(t, v); !bytes.Equal(got, want) {
		t.Fatalf("without a writer:\n got %x\nwant %x", got, want)
	}
}

// Strings and binaries of every short length, and a few long ones, encode
// and decode exactly (short copies move overlapping head and tail chunks,
// longer ones loop), with the copies of 16-byte registers and, where the
// processor has AVX2, of 32-byte ones.
func TestEveryLength(t *testing.T) {
	withEachCopyMachine(t, func(t *testing.T) {
		for n := 0; n <= 9000; n++ {
			if n > 200 && n%37 != 0 && (n < 4090 || n > 4100) {
				continue
			}
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(i*7 + n)
			}
			v := testtypes.NewSimple()
			v.StringField, v.BinaryField = string(b), b[:n/2]
			got, want := encodeBoth(t, v)
			if !bytes.Equal(got, want) {
				t.Fatalf("length %d:\n got %x\nwant %x", n, got, want)
			}
			decodeBoth(t, want, v, fmt.Sprintf("length %d", n))
		}
	})
}

// withEachCopyMachine runs test with the code's copies in 16-byte
// registers and, where the processor has AVX2, in 32-byte ones.
func withEachCopyMachine(t *testing.T, test func(t *testing.T)) {
	for _, avx2 := range []bool{false, true} {
		if avx2 && !cpu.X86.HasAVX2 {
			continue
		}
		t.Run(fmt.Sprintf("avx2=%v", avx2), func(t *testing.T) {
			withMachine(t, func(m *amd64.Machine) { m.AVX2 = avx2 }, func() { test(t) })
		})
	}
}

// Contexts reused from the driver (those too large for the stack) start
// afresh after a call that failed mid-way.
func TestHeapContextReuse(t *testing.T) {
	defer func(n int) { stackLimit = n }(stackLimit)
	stackLimit = 0
	v := testtypes.NewNesting()
	c := prepared(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	n := codec.Size(c.desc, p)
	for i := 0; i < 3; i++ {
		if _, err := c.Encode(make([]byte, n/2), nil, p); !errors.Is(err, wire.ErrShortBuffer) {
			t.Fatalf("short buffer: %v", err)
		}
		got, want := encodeBoth(t, v)
		if len(got) != len(want) {
			t.Fatalf("after a failed call: %d bytes, want %d", len(got), len(want))
		}
	}
}

// A warm encode allocates nothing, maps included (their entries go through
// buffers the pooled driver keeps).
func TestEncodeAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector; asserted in the run without it")
	}
	for _, v := range []any{testtypes.NewSimple(), testtypes.NewNesting(), testtypes.NewNesting2()} {
		c := prepared(t, v)
		p := reflect.ValueOf(v).UnsafePointer()
		buf := make([]byte, c.Size(p))
		allocs := testing.AllocsPerRun(100, func() {
			if n := c.Size(p); n != len(buf) {
				t.Fatalf("%T: size %d, want %d", v, n, len(buf))
			}
			if _, err := c.Encode(buf, nil, p); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("%T: %v allocations per size and encode", v, allocs)
		}
	}
}

// mapProbe has maps that engines encode whole in Go (ir.DirectMap).
type mapProbe struct {
	S map[string]string  `frugal:"1,default,map<string:string>"`
	I map[int32]int64    `frugal:"2,default,map<i32:i64>"`
	B map[string][]byte  `frugal:"3,default,map<string:binary>"`
	D map[float64]bool   `frugal:"4,default,map<double:bool>"`
	E map[int16]float64  `frugal:"5,default,map<i16:double>"`
	Y map[int8]int16     `frugal:"6,default,map<byte:i16>"`
	N map[int64][]string `frugal:"7,default,map<i64:list<string>>"` // not direct: lists go entry by entry
}

// Maps encoded whole give the reflect codec's bytes (one entry each, so
// that the order is fixed), hand large strings to the NocopyWriter as the
// reflect codec does, and fail short buffers without writing past them.
func TestEncodeDirectMaps(t *testing.T) {
	big := string(bytes.Repeat([]byte{'m'}, wire.NocopyThreshold+3))
	v := &mapProbe{S: map[string]string{"k": big}, I: map[int32]int64{-7: 1 << 40}, B: map[string][]byte{"b": {1, 2}},
		D: map[float64]bool{-0.5: true}, E: map[int16]float64{3: 2.25}, Y: map[int8]int16{-1: -300}, N: map[int64][]string{9: {"x"}}}
	if got, want := encodeBoth(t, v); !bytes.Equal(got, want) {
		t.Fatalf("one entry each:\n got %x\nwant %x", got, want)
	}
	c := prepared(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	n := codec.Size(c.desc, p)
	var got, want recorder
	gotBuf, wantBuf := make([]byte, n), make([]byte, n)
	gn, gerr := c.Encode(gotBuf, &got, p)
	wn, werr := codec.Encode(wantBuf, &want, c.desc, p)
	if gerr != nil || werr != nil || gn != wn || gn != n-len(big) || len(got.chunks) != 1 || len(want.chunks) != 1 ||
		!bytes.Equal(gotBuf[:gn], wantBuf[:wn]) || unsafe.StringData(big) != &got.chunks[0][0] {
		t.Fatalf("with a NocopyWriter: wrote %d (%v, %d chunks), reflect codec %d (%v, %d chunks)", gn, gerr, len(got.chunks), wn, werr, len(want.chunks))
	}
	v.S["k"] = "short"
	shortBuffersFail(t, c, p, 1)
	// Many entries: any order, the same value back.
	for i := 0; i < 50; i++ {
		v.S[strconv.Itoa(i)] = strings.Repeat("v", i)
		v.I[int32(i)] = int64(-i)
		v.D[float64(i)/3] = i%2 == 0
	}
	b, _ := encodeBoth(t, v)
	decodesTo(t, b, v)
}

// Generated code reads a map's length from its header inline (nil maps
// as 0): maps nil, empty, of one group, of many groups and of several
// tables, and after deletions, size and encode as the reflect codec does
// and decode back equal.
func TestMapLengthsInline(t *testing.T) {
	for _, n := range []int{-1, 0, 1, 7, 8, 9, 100, 1100} {
		v := &mapProbe{}
		if n >= 0 {
			v.S, v.I, v.N = map[string]string{}, map[int32]int64{}, map[int64][]string{}
			v.B, v.D, v.E, v.Y = map[string][]byte{}, map[float64]bool{}, map[int16]float64{}, map[int8]int16{}
		}
		for i := range n {
			v.S[strconv.Itoa(i)], v.I[int32(i)], v.N[int64(i)] = "v", int64(i), []string{"x"}
		}
		check := func(what string) {
			t.Helper()
			got, want := encodeBoth(t, v)
			switch {
			case len(v.I) <= 1 && !bytes.Equal(got, want): // one order only
				t.Fatalf("%d entries %s:\n got %x\nwant %x", n, what, got, want)
			case len(got) != len(want):
				t.Fatalf("%d entries %s: %d bytes, reflect codec %d", n, what, len(got), len(want))
			case v.I != nil: // nil maps decode as empty ones
				decodesTo(t, got, v)
			}
		}
		check("")
		for i := 0; i < n; i += 2 {
			delete(v.S, strconv.Itoa(i))
			delete(v.I, int32(i))
			delete(v.N, int64(i))
		}
		check("after deleting half")
	}
}
