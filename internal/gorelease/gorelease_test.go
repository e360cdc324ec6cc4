package gorelease

import "testing"

func TestCheck(t *testing.T) {
	for v, ok := range map[string]bool{
		"go1.24": true, "go1.24.13": true, "go1.25.0": true, "go1.26.8": true, "go1.27.4": true, "go1.27rc1": true,
		"go1.23.9": false, "go1.28": false, "go1.28.1": false, "go2.0": false, "devel go1.27-abc": false, "": false,
	} {
		if err := Check(v); (err == nil) != ok {
			t.Errorf("Check(%q) = %v, want ok %v", v, err, ok)
		}
	}
	if err := Running(); err != nil {
		t.Errorf("the running release: %v", err)
	}
}
