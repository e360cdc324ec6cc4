package testtypes

import (
	"runtime"
	"sync"
)

// GCLoop starts a goroutine that forces garbage collection in a loop, for
// tests of code that must stay correct while the GC runs; the returned
// function stops it and waits for it to end.
func GCLoop() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
				runtime.GC()
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
