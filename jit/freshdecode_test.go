package jit

import (
	"fmt"
	"math/rand"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/internal/testtypes"
)

// smallMsg decodes with no exit but the arena's refill: the kind of
// message a top-level decode runs on CallFresh's context with a P's arena.
type smallMsg struct {
	ID    int64  `frugal:"1,default,i64"`
	Count int32  `frugal:"2,default,i32"`
	Flag  bool   `frugal:"3,default,bool"`
	Name  string `frugal:"4,default,string"`
	Bin   []byte `frugal:"5,optional,binary"`
}

// listMsg's decode allocates its list's backing array through an exit.
type listMsg struct {
	Names []string `frugal:"1,default,list<string>"`
}

// nestedMsg's decode exits to allocate Sub, which needs no driver, and to
// build Tags, which does: without Tags it runs on a checked-out arena and
// a stack context (compiled.light).
type nestedMsg struct {
	ID   int64             `frugal:"1,default,i64"`
	Name string            `frugal:"2,default,string"`
	Sub  *smallMsg         `frugal:"3,optional,smallMsg"`
	Tags map[string]string `frugal:"4,optional,map<string:string>"`
}

func randomNested(r *rand.Rand, maxName int, tags bool) *nestedMsg {
	m := &nestedMsg{ID: r.Int63(), Name: strings.Repeat("m", r.Intn(maxName)), Sub: randomSmall(r, maxName)}
	if tags {
		m.Tags = map[string]string{"env": "prod", fmt.Sprint(r.Int()): "x"}
	}
	return m
}

func randomSmall(r *rand.Rand, maxName int) *smallMsg {
	m := &smallMsg{ID: r.Int63(), Count: r.Int31(), Flag: r.Intn(2) == 0, Name: strings.Repeat("n", r.Intn(maxName))}
	if r.Intn(2) == 0 {
		m.Bin = []byte(fmt.Sprint(r.Int()))
	}
	return m
}

// oneP runs the test on one P, so that the arena decodeFresh uses is P 0's.
func oneP(t *testing.T) {
	t.Cleanup(func(n int) func() { return func() { runtime.GOMAXPROCS(n) } }(runtime.GOMAXPROCS(1)))
}

// p0Arena returns P 0's arena's free span.
func p0Arena(t *testing.T) (next, end uint64) {
	arenas := freshArenas.p.Load()
	if arenas == nil || len(*arenas) == 0 || (*arenas)[0].a == nil {
		t.Fatal("no arena for P 0")
	}
	return (*arenas)[0].a.Free()
}

// A small message decodes on CallFresh's context: its string is the last
// thing carved from P 0's arena, and the type keeps the fast path.
func TestDecodeFreshCarvesFromPArena(t *testing.T) {
	if raceEnabled {
		t.Skip("decodes take no per-P arena under the race detector")
	}
	oneP(t)
	v := &smallMsg{ID: 1, Name: "hello, arena"}
	buf := reflectEncode(t, v)
	c := prepared(t, v)
	for range 3 { // the first decodes may make the arenas and fill P 0's
		decodeBoth(t, buf, v, "smallMsg")
	}
	got := decodeBoth(t, buf, v, "smallMsg").(*smallMsg)
	next, end := p0Arena(t)
	if carved := uint64(uintptr(unsafe.Pointer(unsafe.StringData(got.Name)))) + uint64(len(got.Name)); carved != next || next > end {
		t.Errorf("the string ends at %#x; P 0's arena is free from %#x to %#x", carved, next, end)
	}
	if c.decode.fresh.Load() == 0 {
		t.Error("the fast path was turned off")
	}
}

// Thousands of small messages refill P 0's arena many times; every value
// equals the reflect codec's, and those kept still do after many
// collections: no chunk was freed while the arena or a string pointed
// into it. Messages too large for a chunk
// to hold twice, and truncated ones, take the driver and keep the fast
// path on for the type; a type whose decode exits turns it off.
func TestDecodeFreshRefills(t *testing.T) {
	oneP(t)
	defer testtypes.GCLoop()()
	r := rand.New(rand.NewSource(5))
	var kept []*smallMsg
	var wants []*smallMsg
	chunks := map[uint64]bool{}
	for i := range 10000 {
		maxName := 300
		if i%100 == 0 {
			maxName = 3 * freshChunk // more than a chunk's half
		}
		v := randomSmall(r, maxName)
		buf := reflectEncode(t, v)
		// Most values are dropped at once: the arena's chunk must stay
		// alive without the strings carved from it.
		if got := decodeBoth(t, buf, v, "smallMsg").(*smallMsg); i%10 == 0 {
			kept = append(kept, got)
			wants = append(wants, v)
		}
		if i%7 == 0 && len(buf) > 1 { // truncated: the reflect codec's error class
			decodeBoth(t, buf[:r.Intn(len(buf))], v, "truncated smallMsg")
		}
		if !raceEnabled {
			_, end := p0Arena(t)
			chunks[end] = true
		}
		if i%200 == 0 { // a chunk freed too early is reused by the next
			runtime.GC()
		}
	}
	for range 3 {
		runtime.GC()
	}
	for i, got := range kept {
		if !testtypes.Equal(wants[i], got) {
			t.Fatalf("value %d changed after collections: %s", i, testtypes.Difference(wants[i], got))
		}
	}
	c := prepared(t, &smallMsg{})
	if !raceEnabled && (c.decode.fresh.Load() == 0 || len(chunks) < 50) {
		t.Errorf("fast path on: %v; P 0's arena had %d chunks", c.decode.fresh.Load() != 0, len(chunks))
	}
	l := &listMsg{Names: []string{"a", "b"}}
	decodeBoth(t, reflectEncode(t, l), l, "listMsg")
	if !raceEnabled && prepared(t, l).decode.fresh.Load() != 0 {
		t.Error("a type whose decode exits keeps the fast path")
	}
}

// Goroutines decode at once, on the fast path and on checked-out arenas,
// while GOMAXPROCS changes (the arenas grow by P id) and the GC runs:
// every value is the one encoded.
func TestDecodeFreshConcurrent(t *testing.T) {
	defer testtypes.GCLoop()()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			runtime.GOMAXPROCS(1 + i%4)
			runtime.Gosched()
		}
	}()
	errs := make(chan error, 8)
	var workers sync.WaitGroup
	for w := range 8 {
		workers.Add(1)
		go func() {
			defer workers.Done()
			r := rand.New(rand.NewSource(int64(w)))
			c, cn := prepared(t, &smallMsg{}), prepared(t, &nestedMsg{})
			for range 1000 {
				v := randomSmall(r, 200)
				buf := reflectEncode(t, v)
				got := new(smallMsg)
				if _, err := c.Decode(buf, reflect.ValueOf(got).UnsafePointer()); err != nil || !testtypes.Equal(v, got) {
					errs <- fmt.Errorf("decoded %+v (%v), want %+v", got, err, v)
					return
				}
				nv := randomNested(r, 200, r.Intn(4) == 0)
				nbuf := reflectEncode(t, nv)
				ngot := new(nestedMsg)
				if _, err := cn.Decode(nbuf, reflect.ValueOf(ngot).UnsafePointer()); err != nil || !testtypes.Equal(nv, ngot) {
					errs <- fmt.Errorf("decoded %+v (%v), want %+v", ngot, err, nv)
					return
				}
			}
		}()
	}
	workers.Wait()
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A decode on the fast path runs pinned to its P, so it must stop for the
// runtime as any generated code does: a message of ten million unknown
// fields, skipped in the field loop, decodes while another goroutine
// forces GC with no stop-the-world pause beyond 100 ms.
func TestLongFreshDecodeLetsGCStop(t *testing.T) {
	v := &smallMsg{ID: 7, Name: "long"}
	known := reflectEncode(t, v)
	const unknown = 10_000_000
	buf := make([]byte, 0, 4*unknown+len(known))
	for range unknown {
		buf = append(buf, 2, 0, 99, 1) // field 99, a bool
	}
	buf = append(buf, known...)
	c := prepared(t, v)
	noLongPause(t, func() {
		got := new(smallMsg)
		if n, err := c.Decode(buf, reflect.ValueOf(got).UnsafePointer()); err != nil || n != len(buf) || !testtypes.Equal(v, got) {
			t.Fatalf("read %d of %d bytes into %+v: %v", n, len(buf), got, err)
		}
	})
	if !raceEnabled && c.decode.fresh.Load() == 0 {
		t.Error("stopping for the runtime turned the fast path off")
	}
}

// A type whose exits are only new structs decodes without a driver once a
// call has shown it needs none, and goes back to taking the driver at
// once after a call that needed one (a map): the choice follows the
// traffic. Thousands of such decodes refill the checked-out arenas, and
// the values kept survive collections.
func TestDecodeLightFollowsTraffic(t *testing.T) {
	oneP(t)
	defer testtypes.GCLoop()()
	r := rand.New(rand.NewSource(8))
	c := prepared(t, &nestedMsg{})
	light := func() bool { return c.decode.light.Load() }
	var kept, wants []*nestedMsg
	for i := range 10000 {
		tags := i%1000 == 500
		maxName := 300
		if i%100 == 0 {
			maxName = 3 * freshChunk // a run of bytes of its own: the driver keeps it
		}
		v := randomNested(r, maxName, tags)
		buf := reflectEncode(t, v)
		got := decodeBoth(t, buf, v, "nestedMsg").(*nestedMsg)
		if i%10 == 0 {
			kept, wants = append(kept, got), append(wants, v)
		}
		if raceEnabled {
			continue
		}
		switch {
		case tags && light():
			t.Fatalf("call %d: a map was decoded, and the next call does not take the driver at once", i)
		case !tags && maxName < freshChunk && !light():
			t.Fatalf("call %d: no exit needed the driver, and the next call takes it at once", i)
		}
		if i%200 == 0 {
			runtime.GC()
		}
	}
	for range 3 {
		runtime.GC()
	}
	for i, got := range kept {
		if !testtypes.Equal(wants[i], got) {
			t.Fatalf("value %d changed after collections: %s", i, testtypes.Difference(wants[i], got))
		}
	}
}
