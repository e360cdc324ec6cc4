package jit

import (
	"bytes"
	"strings"
	"testing"
	"unsafe"

	codec "github.com/frugaljit/frugal/reflect"
)

// copied is a struct whose encode and decode are mostly copies of bytes.
type copied struct {
	S string `frugal:"1,default,string"`
	B []byte `frugal:"2,default,binary"`
}

// Every copy length up to past the widest loop's reach, and around where
// REP MOVSB takes over, to and from every alignment within a cache line,
// gives the reflect codec's bytes and writes nothing outside the buffer;
// decoding them gives the strings back.
func TestCopyEveryLengthAndAlignment(t *testing.T) {
	withEachCopyMachine(t, copyEveryLengthAndAlignment)
}

func copyEveryLengthAndAlignment(t *testing.T) {
	c := prepared(t, &copied{})
	const guard = 0xa5
	src := strings.Repeat("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?", 80)
	var lengths []int
	for n := 0; n <= 300; n++ {
		lengths = append(lengths, n)
	}
	lengths = append(lengths, 511, 512, 513, 4095, 4096, 4097)
	mem := make([]byte, 2*4096+64+64)
	for _, n := range lengths {
		for align := 0; align < 64; align++ {
			// The string starts align bytes into its cache line and the
			// binary at another offset, so both copies see every alignment.
			v := &copied{S: src[align : align+n], B: []byte(src[64-align : 64-align+n])}
			p := unsafe.Pointer(v)
			size := codec.Size(c.desc, p)
			want := make([]byte, size)
			if _, err := codec.Encode(want, nil, c.desc, p); err != nil {
				t.Fatal(err)
			}
			for i := range mem {
				mem[i] = guard
			}
			buf := mem[align : align+size]
			if got, err := c.Encode(buf, nil, p); err != nil || got != size {
				t.Fatalf("length %d, output at %d: wrote %d of %d: %v", n, align, got, size, err)
			}
			if !bytes.Equal(buf, want) {
				t.Fatalf("length %d, output at %d: bytes differ from the reflect codec's", n, align)
			}
			for i, b := range mem {
				if (i < align || i >= align+size) && b != guard {
					t.Fatalf("length %d, output at %d: byte %d outside the buffer written", n, align, i)
				}
			}
			var back copied
			if got, err := c.Decode(buf, unsafe.Pointer(&back)); err != nil || got != size {
				t.Fatalf("length %d: decoded %d of %d bytes: %v", n, got, size, err)
			}
			if back.S != v.S || !bytes.Equal(back.B, v.B) {
				t.Fatalf("length %d, input at %d: decoded strings differ", n, align)
			}
		}
	}
}
