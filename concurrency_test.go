package frugal_test

import (
	"runtime"
	"sync"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/testtypes"
)

// Many goroutines encode and decode while another forces GC; values decoded
// early are checked again after many collections, so memory that the codec
// handed out wrongly (pointer-free chunks holding pointers, a missed write
// barrier) shows up as corruption. Run it with -race and with
// GODEBUG=gccheckmark=1 too.
func TestConcurrentUnderGC(t *testing.T) {
	want := testtypes.NewNesting2()
	buf := make([]byte, frugal.EncodedSize(want))
	if _, err := frugal.EncodeObject(buf, nil, want); err != nil {
		t.Fatal(err)
	}
	stopGC := testtypes.GCLoop()
	iterations := 40
	if testing.Short() {
		iterations = 10
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var kept []*testtypes.Nesting2
			for i := 0; i < iterations; i++ {
				out := new(testtypes.Nesting2)
				if _, err := frugal.DecodeObject(buf, out); err != nil {
					errs <- err.Error()
					return
				}
				kept = append(kept, out)
				enc := make([]byte, frugal.EncodedSize(out))
				if _, err := frugal.EncodeObject(enc, nil, out); err != nil {
					errs <- err.Error()
					return
				}
			}
			runtime.GC()
			for _, v := range kept {
				if !testtypes.Equal(want, v) {
					errs <- "a decoded value changed after GC"
					return
				}
			}
		}()
	}
	wg.Wait()
	stopGC()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}
