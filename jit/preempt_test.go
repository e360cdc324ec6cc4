package jit

import (
	"reflect"
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	rcodec "github.com/frugaljit/frugal/reflect"
)

// Generated code cannot be preempted, so it polls at every backward jump
// and returns to Go when the runtime asks. Encoding a list of 50 million
// elements (a loop of 50 million iterations) while another goroutine
// forces GC in a loop must not hold any stop-the-world pause beyond 100 ms.
func TestLongEncodeLetsGCStop(t *testing.T) {
	v := &testtypes.Everything{ReqStruct: testtypes.NewSimple(), ListBool: make([]bool, 50_000_000)}
	for i := range v.ListBool {
		v.ListBool[i] = i%3 == 0
	}
	c := prepared(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	buf := make([]byte, c.Size(p))
	noLongPause(t, func() {
		if n, err := c.Encode(buf, nil, p); err != nil || n != len(buf) {
			t.Fatalf("wrote %d of %d: %v", n, len(buf), err)
		}
	})
	runtime.KeepAlive(v)
}

// The same for decoding a list of 50 million elements.
func TestLongDecodeLetsGCStop(t *testing.T) {
	v := &testtypes.Everything{ReqStruct: testtypes.NewSimple(), ListBool: make([]bool, 50_000_000)}
	for i := range v.ListBool {
		v.ListBool[i] = i%3 == 0
	}
	buf := reflectEncode(t, v)
	c := prepared(t, v)
	noLongPause(t, func() {
		out := new(testtypes.Everything)
		if n, err := c.Decode(buf, reflect.ValueOf(out).UnsafePointer()); err != nil || n != len(buf) {
			t.Fatalf("read %d of %d: %v", n, len(buf), err)
		}
		if len(out.ListBool) != len(v.ListBool) {
			t.Fatalf("%d elements decoded, want %d (%+v)", len(out.ListBool), len(v.ListBool), *out)
		}
		for i, b := range out.ListBool {
			if b != v.ListBool[i] {
				t.Fatalf("element %d decoded as %v", i, b)
			}
		}
	})
}

// noLongPause runs call three times while another goroutine forces GC in
// a loop, and fails if the generated code never yielded or a
// stop-the-world pause (runtime/metrics) reached 100 ms. Code that does
// not yield holds every pause for as long as it runs, each time; a machine
// too busy to schedule the runtime promptly can hold one now and then. So
// a long pause is measured again, once, before it counts as a failure.
func noLongPause(t *testing.T, call func()) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		longest := pausesDuring(t, call)
		if raceEnabled {
			// The race runtime clears its shadow of a large allocation
			// (the 50 MB list) inside the allocator, where nothing can
			// stop: pauses measure that, not the generated code. The
			// yields are asserted; the bound is asserted without -race.
			t.Logf("race detector on: longest stop-the-world pause %.3f s, not bounded", longest)
			return
		}
		if longest <= 0.1 {
			return
		}
		if attempt == 2 {
			t.Fatalf("a stop-the-world pause of at least %.3f s while generated code ran, in two runs", longest)
		}
		t.Logf("a stop-the-world pause of at least %.3f s; measuring again", longest)
	}
}

// pausesDuring runs call three times under a GC loop and returns the lower
// bound of the longest stop-the-world pause meanwhile.
func pausesDuring(t *testing.T, call func()) float64 {
	t.Helper()
	const pauses = "/sched/pauses/total/gc:seconds"
	sample := []metrics.Sample{{Name: pauses}}
	metrics.Read(sample)
	beforeCounts := append([]uint64(nil), sample[0].Value.Float64Histogram().Counts...)

	stop := testtypes.GCLoop()
	yielded := yields.Load()
	for i := 0; i < 3; i++ {
		call()
	}
	stop()
	if yields.Load() == yielded {
		t.Fatal("the generated code never stopped for the runtime while GC ran in a loop")
	}

	metrics.Read(sample)
	after := sample[0].Value.Float64Histogram()
	collected, longest := false, 0.0
	for i, n := range after.Counts {
		if n != beforeCounts[i] {
			collected = true
			longest = max(longest, after.Buckets[i])
		}
	}
	if !collected {
		t.Fatal("no GC pause was recorded: the test did not exercise anything")
	}
	return longest
}

// onlyStrings has a size program with a loop and no exit of its own: its
// preemption polls are its only exits.
type onlyStrings struct {
	L []string `frugal:"1,default,list<string>"`
}

// A function whose only exits are its polls still needs the context's
// exit area: without it, a yield saved registers over the context's header
// and the size came out wrong.
func TestYieldWithoutOtherExits(t *testing.T) {
	v := &onlyStrings{L: make([]string, 2_000_000)}
	for i := range v.L {
		v.L[i] = "ab"
	}
	c := prepared(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	want := rcodec.Size(c.desc, p)
	stop := testtypes.GCLoop()
	defer stop()
	yielded := yields.Load()
	for i := 0; i < 200 && yields.Load() == yielded; i++ {
		if n := c.Size(p); n != want {
			t.Fatalf("size %d, want %d", n, want)
		}
	}
	if yields.Load() == yielded {
		t.Fatal("the size program never yielded: the test did not exercise anything")
	}
}
