package reflect

import (
	"reflect"
	"strings"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
)

// chunkSize is the size of the pointer-free blocks that decoded strings and
// scalar slices are carved from: one allocation serves many values, at the
// price of a block staying alive while any value carved from it does.
const chunkSize = 4 << 10

// noscan returns n bytes of zeroed pointer-free memory aligned to align
// (a power of two, at most 8), carved from the decoder's current chunk.
func (d *decoder) noscan(n int, align int) unsafe.Pointer {
	if n > chunkSize/4 {
		return unsafe.Pointer(unsafe.SliceData(make([]uint64, (n+7)/8)))
	}
	off := (d.off + align - 1) &^ (align - 1)
	if off+n > len(d.chunk) {
		d.chunk = make([]byte, chunkSize)
		off = 0
	}
	d.off = off + n
	return unsafe.Pointer(&d.chunk[off])
}

// copyBytes copies src into pointer-free memory and returns its address.
// String and binary bytes are overwritten at once, so they come from
// memory that is not zeroed first: strings.Builder grows without zeroing,
// and append zeroes only what it does not copy.
func (d *decoder) copyBytes(src []byte) unsafe.Pointer {
	n := len(src)
	if n > chunkSize/4 {
		return unsafe.Pointer(unsafe.SliceData(append([]byte(nil), src...)))
	}
	if d.text.Cap()-d.text.Len() < n {
		d.text = strings.Builder{}
		d.text.Grow(chunkSize)
	}
	off := d.text.Len()
	d.text.Write(src)
	return unsafe.Add(unsafe.Pointer(unsafe.StringData(d.text.String())), off)
}

// typedSlice allocates a zeroed backing array for n values of the slice
// type st (whose elements hold pointers) and returns its data pointer and
// capacity. It goes through the decoder's scratch header so that reflect
// sees an addressable slice and allocates only the array.
func (d *decoder) typedSlice(st reflect.Type, n int) (unsafe.Pointer, int) {
	d.scratch = sliceHeader{}
	v := reflect.NewAt(st, unsafe.Pointer(&d.scratch)).Elem()
	v.Grow(n)
	data, c := d.scratch.Data, d.scratch.Cap
	d.scratch = sliceHeader{}
	return data, c
}

// emptyData is the data pointer of decoded empty slices: not nil, so that an
// empty list or binary stays distinguishable from an absent one.
var emptyData [8]byte

// noescape hides p from escape analysis. Map entries are sized, encoded
// and decoded through pointers to locals, and the paths they take reach
// indirect calls and package reflect, which escape analysis must assume keep
// their arguments: without this every entry would move to the heap. The
// codec never keeps such a pointer past the call that receives it.
//
// Between taking p as an integer and reading it back as a pointer there
// must be no call: a stack that grew in one would leave the pointer aimed
// at the freed stack, as the integer is not adjusted. Under -race the
// compiler put checkptr's call there (TestConcurrentUnderGC caught a
// pointer into a freed stack); nocheckptr and norace keep this function
// free of instrumentation, and from being inlined where it would get it.
//
//go:nocheckptr
//go:norace
func noescape(p unsafe.Pointer) unsafe.Pointer {
	x := uintptr(p)
	return *(*unsafe.Pointer)(unsafe.Pointer(&x))
}

const ptrSize = unsafe.Sizeof(uintptr(0))

// newStruct allocates a zeroed struct of type t.Value.
func newStruct(t *ir.Type) unsafe.Pointer {
	return reflect.New(t.Value).UnsafePointer()
}

// resetStruct zeroes the inline struct at p and sets its defaults, so that
// decoding into it starts from what a new struct would hold.
func resetStruct(t *ir.Type, p unsafe.Pointer) {
	reflect.NewAt(t.Value, noescape(p)).Elem().SetZero()
	if t.Struct.InitDefault != nil {
		t.Struct.CallInitDefault(noescape(p))
	}
}
