package jit

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// perfMapProbe is a type no other test compiles, so Prepare loads its
// programs here.
type perfMapProbe struct {
	A int64  `frugal:"1,default,i64"`
	B string `frugal:"2,default,string"`
}

// With FRUGAL_PERFMAP=1, every loaded program gets a line in
// /tmp/perf-PID.map: its address, its length and its name.
func TestPerfMap(t *testing.T) {
	t.Setenv(perfMapEnv, "1")
	path := fmt.Sprintf("/tmp/perf-%d.map", os.Getpid())
	perfMap.Lock()
	perfMap.done, perfMap.f = false, nil
	perfMap.Unlock()
	t.Cleanup(func() {
		perfMap.Lock()
		if perfMap.f != nil {
			perfMap.f.Close()
		}
		perfMap.done, perfMap.f = true, nil // no more lines from later tests
		perfMap.Unlock()
		os.Remove(path)
	})
	c := prepared(t, &perfMapProbe{})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*compiled{c.size, c.encode, c.decode} {
		line := fmt.Sprintf("%x %x frugal-jit:%s\n", p.addr, len(p.fn.Code), p.fn.Name)
		if !strings.Contains(string(data), line) {
			t.Errorf("no line %q in\n%s", line, data)
		}
	}
}
