package jit

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
)

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
	c := prepared(t, &testtypes.Simple{}) // loaded earlier, perhaps: record it as loadBatch does
	recordPerfMap([]*compiled{c.size, c.encode, c.decode})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*compiled{c.size, c.encode, c.decode} {
		line := fmt.Sprintf("%x %x frugal-jit:%s\n", p.addr, p.bytes, p.fn.Name)
		if !strings.Contains(string(data), line) {
			t.Errorf("no line %q in\n%s", line, data)
		}
	}
}
