package jit

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
)

// The Go releases whose runtime the generated code is checked against
// (scripts/jit-go-versions.sh runs the jit's tests on each). Generated code
// reads runtime words no API promises (g's stack guard, the write barrier
// flag); on a release outside these, auto runs the reflect codec until this
// range is widened after the tests pass there.
const (
	minGoMinor = 24
	maxGoMinor = 27
)

// checkGoRelease reports whether version (runtime.Version()'s form) is a
// release the jit is checked on. Development builds ("devel ...") are not.
func checkGoRelease(version string) error {
	rest, ok := strings.CutPrefix(version, "go1.")
	if ok {
		minor := rest
		if i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
			minor = rest[:i]
		}
		if n, err := strconv.Atoi(minor); err == nil && n >= minGoMinor && n <= maxGoMinor {
			return nil
		}
	}
	return fmt.Errorf("jit self-check: %s is not a Go release the jit is checked on (go1.%d to go1.%d)", version, minGoMinor, maxGoMinor)
}

// goRelease is checkGoRelease of the running binary's release.
func goRelease() error { return checkGoRelease(runtime.Version()) }
