package conformance

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/conformance/gen/baseline"
	"github.com/frugaljit/frugal/conformance/gen/everything"
)

// spliceWriter is a thrift.NocopyWriter that records WriteDirect calls the
// way a Kitex linked buffer does: each call inserts b at the point of buf
// that has remainCap bytes after it.
type spliceWriter struct {
	cuts  []int // len(buf) - remainCap of each call
	parts [][]byte
	size  int
}

// WriteDirect records b and where in the buffer it goes.
func (w *spliceWriter) WriteDirect(b []byte, remainCap int) error {
	w.cuts = append(w.cuts, w.size-remainCap)
	w.parts = append(w.parts, b)
	return nil
}

// output returns buf[:n] with the recorded parts spliced in.
func (w *spliceWriter) output(buf []byte, n int) ([]byte, error) {
	var out []byte
	pos := 0
	for i, cut := range w.cuts {
		if cut < pos || cut > n {
			return nil, fmt.Errorf("WriteDirect %d at buffer offset %d, outside [%d, %d]", i, cut, pos, n)
		}
		out = append(append(out, buf[pos:cut]...), w.parts[i]...)
		pos = cut
	}
	return append(out, buf[pos:n]...), nil
}

// TestNocopyWriter encodes values holding strings and binaries above and
// below the 4096-byte threshold with a NocopyWriter: the spliced output must
// equal Apache's bytes, and only the long values go to WriteDirect.
func TestNocopyWriter(t *testing.T) {
	long, short := strings.Repeat("世界!", 1400), strings.Repeat("x", 4095)
	values := []any{
		&everything.Scalars{String_: long, Binary: []byte(long)},
		&everything.Scalars{String_: short, Binary: []byte(short)},
		&everything.Containers{ListListBinary: [][][]byte{{[]byte(long), nil, []byte(short)}, {[]byte(long)}},
			MapStringListStruct: map[string][]*everything.Scalars{long: {{String_: long}}}},
		&baseline.Nesting{String_: long, ListString: []string{long, short, long}, Binary: []byte(long + "!")},
	}
	for i := 0; i < 40; i++ { // random values, some with strings > 4096 bytes
		values = append(values, NewGen(valueSeed(2000, i)).Struct(reflect.TypeFor[everything.Containers]()))
	}
	for i, v := range values {
		ab, err := ApacheEncode(v.(ApacheStruct))
		if err != nil {
			t.Fatal(err)
		}
		size := frugal.EncodedSize(v)
		w := &spliceWriter{size: size}
		buf := make([]byte, size)
		var n int
		if err := Protect(func() (err error) { n, err = frugal.EncodeObject(buf, w, v); return }); err != nil {
			t.Errorf("value %d (%T): EncodeObject: %v", i, v, err)
			continue
		}
		out, err := w.output(buf, n)
		if err != nil {
			t.Errorf("value %d (%T): %v", i, v, err)
			continue
		}
		if msg := CompareEncodings(ab, out); msg != "" {
			t.Errorf("value %d (%T) with a NocopyWriter: %s", i, v, msg)
		}
		for _, p := range w.parts {
			if len(p) < 4096 {
				t.Errorf("value %d (%T): WriteDirect got %d bytes, below the 4096 threshold", i, v, len(p))
			}
		}
		if i == 0 && len(w.parts) != 2 || i == 1 && len(w.parts) != 0 {
			t.Errorf("value %d (%T): %d WriteDirect calls", i, v, len(w.parts))
		}
	}
}
