package interp

import (
	"fmt"
	"sync"
	"unsafe"
)

// CheckMapHeader verifies, once, what SSA programs assume of this Go
// runtime's maps: a map's length is the first word of its header, read
// there as Go's compiler reads it for len (ssa's mapLen). Engines that run
// SSA programs are unavailable where it fails.
var CheckMapHeader = sync.OnceValue(func() error {
	m := map[int64]string{}
	for i := range int64(40) { // past the first group, into a table
		m[i] = ""
		if i%3 == 0 {
			delete(m, i/2)
		}
		if got := *(*int)(*(*unsafe.Pointer)(unsafe.Pointer(&m))); got != len(m) {
			return fmt.Errorf("a map of %d entries has %d in its header's first word", len(m), got)
		}
	}
	return nil
})
