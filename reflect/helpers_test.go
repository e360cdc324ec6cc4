package reflect_test

import (
	"encoding/binary"
	"math"
	stdreflect "reflect"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/wire"
)

// msg builds binary-protocol bytes by hand, independently of the codec, so
// that tests state the expected encoding directly.
type msg []byte

func (m msg) b(v ...byte) msg               { return append(m, v...) }
func (m msg) i16(v int16) msg               { return binary.BigEndian.AppendUint16(m, uint16(v)) }
func (m msg) i32(v int32) msg               { return binary.BigEndian.AppendUint32(m, uint32(v)) }
func (m msg) i64(v int64) msg               { return binary.BigEndian.AppendUint64(m, uint64(v)) }
func (m msg) f64(v float64) msg             { return m.i64(int64(math.Float64bits(v))) }
func (m msg) str(s string) msg              { return append(m.i32(int32(len(s))), s...) }
func (m msg) stop() msg                     { return append(m, 0) }
func (m msg) list(t wire.Type, n int32) msg { return m.b(byte(t)).i32(n) }
func (m msg) mapHdr(k, v wire.Type, n int32) msg {
	return m.b(byte(k), byte(v)).i32(n)
}
func (m msg) field(t wire.Type, id int16) msg { return m.b(byte(t)).i16(id) }

// desc resolves the schema of *T.
func desc(t testing.TB, v any) *ir.StructDesc {
	t.Helper()
	d, err := ir.Resolve(stdreflect.TypeOf(v))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ptr(v any) unsafe.Pointer { return stdreflect.ValueOf(v).UnsafePointer() }

// encode encodes v (a pointer to a struct) and checks Size against it.
func encode(t testing.TB, v any) []byte {
	t.Helper()
	d := desc(t, v)
	n := codec.Size(d, ptr(v))
	buf := make([]byte, n)
	w, err := codec.Encode(buf, nil, d, ptr(v))
	if err != nil {
		t.Fatalf("encode %T: %v", v, err)
	}
	if w != n {
		t.Fatalf("encode %T wrote %d bytes, Size said %d", v, w, n)
	}
	return buf
}

// decode decodes buf into out (a pointer to a struct) and checks that it
// read all of buf.
func decode(t testing.TB, buf []byte, out any) {
	t.Helper()
	n, err := codec.Decode(buf, desc(t, out), ptr(out))
	if err != nil {
		t.Fatalf("decode %T: %v", out, err)
	}
	if n != len(buf) {
		t.Fatalf("decode %T read %d of %d bytes", out, n, len(buf))
	}
}

// decodeErr decodes buf into a new value of out's type and returns the error.
func decodeErr(t testing.TB, buf []byte, out any) error {
	t.Helper()
	_, err := codec.Decode(buf, desc(t, out), ptr(out))
	return err
}

// newLike returns a pointer to a new zero value of the struct v points to.
func newLike(v any) any { return stdreflect.New(stdreflect.TypeOf(v).Elem()).Interface() }
