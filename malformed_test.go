package frugal_test

import (
	"errors"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/testtypes"
)

// The malformed-input table through the public API, on the engine that
// FRUGAL_ENGINE selects (CI runs this package under each engine).
func TestMalformedThroughAPI(t *testing.T) {
	for _, c := range testtypes.Malformed(frugal.MaxDepth) {
		if _, err := frugal.DecodeObject(c.Buf, new(testtypes.Everything)); !errors.Is(err, c.Want) {
			t.Errorf("%s: got %v, want %v", c.Name, err, c.Want)
		}
	}
}
