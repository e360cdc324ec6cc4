package interp

import "testing"

func TestCheckMapHeader(t *testing.T) {
	if err := CheckMapHeader(); err != nil {
		t.Fatal(err)
	}
}
