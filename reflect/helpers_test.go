package reflect_test

import (
	stdreflect "reflect"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	codec "github.com/frugaljit/frugal/reflect"
)

// Msg is the hand-built message type of the tests.
type Msg = testtypes.Msg

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
