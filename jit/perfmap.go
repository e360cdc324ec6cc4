package jit

import (
	"fmt"
	"os"
	"sync"
)

// perfMapEnv names the environment variable that, set to 1, makes the jit
// append a line per loaded program to /tmp/perf-PID.map, the file Linux
// perf reads to name code that no binary describes. Without it, profiles
// show generated code only as addresses (perf) or runtime._ExternalCode
// (pprof).
const perfMapEnv = "FRUGAL_PERFMAP"

var perfMap struct {
	sync.Mutex
	f    *os.File
	done bool // opened, or failed to: one try per process
}

// recordPerfMap appends the programs of one batch to the perf map, if one
// was asked for. Profiling is best effort: a failure to write is ignored.
func recordPerfMap(cs []*compiled) {
	if os.Getenv(perfMapEnv) != "1" {
		return
	}
	perfMap.Lock()
	defer perfMap.Unlock()
	if !perfMap.done {
		perfMap.done = true
		perfMap.f, _ = os.OpenFile(fmt.Sprintf("/tmp/perf-%d.map", os.Getpid()), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	}
	if perfMap.f == nil {
		return
	}
	for _, c := range cs {
		fmt.Fprintf(perfMap.f, "%x %x frugal-jit:%s\n", c.addr, c.bytes, c.fn.Name)
	}
}
