// Package gorelease says whether the running Go is a release whose runtime
// internals this module's generated code and SSA programs are checked
// against: g's stack guard and the write barrier flag (the jit), the tables
// of large maps (gomap).
package gorelease

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
)

// The Go releases whose runtime the generated code is checked against
// (scripts/jit-go-versions.sh runs the jit's tests on each). Generated code
// reads runtime words no API promises (g's stack guard, the write barrier
// flag, map tables); on a release outside these, auto runs the reflect
// codec, and programs leave large maps to the driver, until this range is
// widened after the tests pass there.
const (
	minGoMinor = 24
	maxGoMinor = 27
)

// Check reports whether version (runtime.Version()'s form) is a release
// this module is checked on. Development builds ("devel ...") are not.
func Check(version string) error {
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
	return fmt.Errorf("%s is not a Go release this module is checked on (go1.%d to go1.%d)", version, minGoMinor, maxGoMinor)
}

// Running is Check of the running binary's release.
func Running() error { return Check(runtime.Version()) }
