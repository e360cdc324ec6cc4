package frugal_test

import (
	"errors"
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/testtypes"
)

func roundTrip(t *testing.T, v any) any {
	t.Helper()
	n := frugal.EncodedSize(v)
	buf := make([]byte, n)
	w, err := frugal.EncodeObject(buf, nil, v)
	if err != nil || w != n {
		t.Fatalf("%T: encoded %d of %d bytes: %v", v, w, n, err)
	}
	out := reflect.New(reflect.TypeOf(v)).Interface()
	if reflect.TypeOf(v).Kind() == reflect.Pointer {
		out = reflect.New(reflect.TypeOf(v).Elem()).Interface()
	}
	r, err := frugal.DecodeObject(buf, out)
	if err != nil || r != n {
		t.Fatalf("%T: decoded %d of %d bytes: %v", v, r, n, err)
	}
	return out
}

func TestAPIRoundTrip(t *testing.T) {
	for _, v := range []any{testtypes.NewSimple(), testtypes.NewNesting(), testtypes.NewNesting2()} {
		if out := roundTrip(t, v); !testtypes.Equal(v, out) {
			t.Fatalf("%T differs after a round trip", v)
		}
	}
	// A struct passed by value encodes like a pointer to it.
	s := testtypes.NewSimple()
	if out := roundTrip(t, *s); !testtypes.Equal(s, out) {
		t.Fatal("Simple by value differs after a round trip")
	}
	// So does a struct stored directly in the interface word.
	type onePointer struct {
		P *testtypes.Simple `frugal:"1,optional,Simple"`
	}
	one := onePointer{P: s}
	if out := roundTrip(t, one).(*onePointer); !testtypes.Equal(one.P, out.P) {
		t.Fatal("one-pointer struct differs after a round trip")
	}
	// A nil pointer encodes as an empty struct.
	if n := frugal.EncodedSize((*testtypes.Simple)(nil)); n != 1 {
		t.Fatalf("nil *Simple has size %d, want 1", n)
	}
}

func TestAPIErrors(t *testing.T) {
	if n := frugal.EncodedSize(42); n != 0 {
		t.Errorf("EncodedSize(int) = %d", n)
	}
	if _, err := frugal.EncodeObject(nil, nil, 42); !errors.Is(err, frugal.ErrInvalidSchema) {
		t.Errorf("EncodeObject(int): %v", err)
	}
	if _, err := frugal.EncodeObject(nil, nil, nil); !errors.Is(err, frugal.ErrInvalidValue) {
		t.Errorf("EncodeObject(nil): %v", err)
	}
	if _, err := frugal.DecodeObject([]byte{0}, testtypes.Simple{}); !errors.Is(err, frugal.ErrInvalidValue) {
		t.Errorf("DecodeObject(struct value): %v", err)
	}
	if _, err := frugal.DecodeObject([]byte{0}, (*testtypes.Simple)(nil)); !errors.Is(err, frugal.ErrInvalidValue) {
		t.Errorf("DecodeObject(nil pointer): %v", err)
	}
	var e *frugal.Error
	_, err := frugal.DecodeObject([]byte{11, 0, 5, 0xff, 0xff, 0xff, 0xff}, new(testtypes.Simple))
	if !errors.Is(err, frugal.ErrNegativeSize) || !errors.As(err, &e) || e.Path != "testtypes.Simple.StringField" || e.TypeId() != 2 {
		t.Errorf("negative length: %v", err)
	}
	_, err = frugal.EncodeObject(make([]byte, 3), nil, testtypes.NewSimple())
	if !errors.Is(err, frugal.ErrShortBuffer) {
		t.Errorf("short buffer: %v", err)
	}
}

func TestPretouchAndEngine(t *testing.T) {
	if err := frugal.Pretouch(reflect.TypeOf(testtypes.Nesting2{})); err != nil {
		t.Fatal(err)
	}
	if err := frugal.Pretouch(&testtypes.Everything{}, frugal.WithMaxInlineDepth(2)); err != nil {
		t.Fatal(err)
	}
	type bad struct {
		A uint8 `frugal:"1,default,byte"`
	}
	if err := frugal.Pretouch(bad{}); !errors.Is(err, frugal.ErrInvalidSchema) {
		t.Fatalf("Pretouch(bad): %v", err)
	}
	wantEngine := frugal.EngineReflect // what auto picks where the jit cannot run, or under the race detector
	if jitHere && !frugal.RaceEnabled {
		wantEngine = frugal.EngineJIT
	}
	if env, err := frugal.ParseEngine(os.Getenv("FRUGAL_ENGINE")); err == nil && env != frugal.EngineAuto {
		wantEngine = env
	}
	e, why, err := frugal.EngineOf(&testtypes.Simple{})
	if err != nil || e != wantEngine || why == "" {
		t.Fatalf("EngineOf: %v %q %v", e, why, err)
	}
	type forced struct {
		A int32 `frugal:"1,default,i32"`
	}
	err = frugal.Pretouch(forced{}, frugal.WithEngine(frugal.EngineJIT))
	if jitHere {
		if err != nil {
			t.Fatalf("forcing jit: %v", err)
		}
		if e, _, err := frugal.EngineOf(&forced{}); e != frugal.EngineJIT || err != nil {
			t.Fatalf("EngineOf after forcing jit: %v, %v", e, err)
		}
		if n, err := frugal.EncodeObject(make([]byte, 8), nil, &forced{A: 7}); n != 8 || err != nil {
			t.Fatalf("encoding on jit: %d, %v", n, err)
		}
	} else {
		if !errors.Is(err, frugal.ErrEngineUnavailable) {
			t.Fatalf("forcing jit: %v", err)
		}
		if _, err := frugal.EncodeObject(make([]byte, 8), nil, &forced{}); !errors.Is(err, frugal.ErrEngineUnavailable) {
			t.Fatalf("encoding on an unavailable engine: %v", err)
		}
	}
	for _, name := range []string{"reflect", "interp", "jit", "auto", " JIT "} {
		if _, err := frugal.ParseEngine(name); err != nil {
			t.Errorf("ParseEngine(%q): %v", name, err)
		}
	}
	if _, err := frugal.ParseEngine("fast"); err == nil {
		t.Error("ParseEngine(fast) succeeded")
	}
}

// jitHere reports whether this platform runs generated code.
const jitHere = runtime.GOARCH == "amd64" && (runtime.GOOS == "linux" || runtime.GOOS == "darwin")

// FRUGAL_ENGINE is read at start-up: run this test binary again with it set.
func TestEngineEnvironment(t *testing.T) {
	if want := os.Getenv("FRUGAL_ENGINE_TEST_WANT"); want != "" {
		_, err := frugal.EncodeObject(make([]byte, 1024), nil, testtypes.NewSimple())
		if got := errors.Is(err, frugal.ErrEngineUnavailable); got != (want == "unavailable") {
			t.Fatalf("FRUGAL_ENGINE=%s: %v", os.Getenv("FRUGAL_ENGINE"), err)
		}
		return
	}
	jitWant := "unavailable"
	if jitHere {
		jitWant = "ok"
	}
	for env, want := range map[string]string{"reflect": "ok", "auto": "ok", "interp": "ok", "jit": jitWant, "bogus": "unavailable"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestEngineEnvironment$")
		cmd.Env = append(os.Environ(), "FRUGAL_ENGINE="+env, "FRUGAL_ENGINE_TEST_WANT="+want)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("FRUGAL_ENGINE=%s: %v\n%s", env, err, out)
		}
	}
}
