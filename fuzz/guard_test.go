package fuzz

import (
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/frugaljit/frugal"
)

// classes are the error classes decoding may return, in the order classOf
// tests them.
var classes = []struct {
	name string
	err  error
}{
	{"ErrTruncated", frugal.ErrTruncated},
	{"ErrNegativeSize", frugal.ErrNegativeSize},
	{"ErrDepthLimit", frugal.ErrDepthLimit},
	{"ErrTypeMismatch", frugal.ErrTypeMismatch},
	{"ErrUnknownType", frugal.ErrUnknownType},
	{"ErrMissingRequired", frugal.ErrMissingRequired},
	{"ErrNilRequired", frugal.ErrNilRequired},
	{"ErrShortBuffer", frugal.ErrShortBuffer},
	{"ErrInvalidValue", frugal.ErrInvalidValue},
}

// classOf names the class of a codec error: "ok" for nil, an error class
// name, or "unclassified: ..." for an error that is not a *frugal.Error
// wrapping one of the classes (always a bug).
func classOf(err error) string {
	if err == nil {
		return "ok"
	}
	var fe *frugal.Error
	if !errors.As(err, &fe) {
		return fmt.Sprintf("unclassified: %T %v", err, err)
	}
	for _, c := range classes {
		if errors.Is(err, c.err) {
			return c.name
		}
	}
	return "unclassified: " + err.Error()
}

// protect runs f and turns a panic into an error carrying the stack, so
// that a failure names the engine and type that crashed.
func protect(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	return f()
}

// hangLimit is how long one fuzz input may run. It is far above the
// milliseconds an input takes, even on a loaded machine: only a hang (an
// endless loop) reaches it.
const hangLimit = 30 * time.Second

// watchdog crashes the process when the returned stop function has not
// been called within hangLimit, so that a hang is reported, with the
// input, like any other crash.
func watchdog(what string) (stop func()) {
	t := time.AfterFunc(hangLimit, func() {
		panic(fmt.Sprintf("hang: %s ran for more than %v", what, hangLimit))
	})
	return func() { t.Stop() }
}
