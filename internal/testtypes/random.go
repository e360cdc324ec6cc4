package testtypes

import (
	"math"
	"math/rand"
	"reflect"
	"strings"
)

// Random fills tagged structs with random values that survive a round trip
// unchanged under reflect.DeepEqual: containers of default fields are never
// nil (they decode as empty), doubles are never NaN, optional fields are
// randomly unset, and recursion stops at MaxDepth.
type Random struct {
	R        *rand.Rand
	MaxDepth int
}

// NewRandom returns a generator with a fixed seed.
func NewRandom(seed int64) *Random {
	return &Random{R: rand.New(rand.NewSource(seed)), MaxDepth: 3}
}

// Fill sets every tagged field of the struct v points to.
func (g *Random) Fill(v any) {
	g.fillStruct(reflect.ValueOf(v).Elem(), 0)
}

func (g *Random) fillStruct(v reflect.Value, depth int) {
	if m := v.Addr().MethodByName("InitDefault"); m.IsValid() {
		m.Call(nil)
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("frugal")
		if !ok {
			tag, ok = sf.Tag.Lookup("thrift")
		}
		if !ok || !sf.IsExported() {
			continue
		}
		optional := strings.Contains(tag, "optional")
		if optional && (depth >= g.MaxDepth || g.R.Intn(3) == 0) {
			v.Field(i).SetZero()
			continue
		}
		if !optional && sf.Type.Kind() == reflect.Pointer && sf.Type.Elem() == t {
			continue
		}
		g.fill(v.Field(i), depth+1)
	}
}

func (g *Random) fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		g.fill(p.Elem(), depth)
		v.Set(p)
	case reflect.Bool:
		v.SetBool(g.R.Intn(2) == 1)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		bits := v.Type().Bits()
		if v.Type().PkgPath() != "" && bits > 32 { // a named integer is an enum: i32 on the wire
			bits = 32
		}
		v.SetInt(g.int(bits))
	case reflect.Float64:
		v.SetFloat([]float64{0, -0.5, math.Inf(1), math.MaxFloat64, g.R.NormFloat64()}[g.R.Intn(5)])
	case reflect.String:
		v.SetString(g.string())
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			v.SetBytes(append([]byte{}, g.string()...))
			return
		}
		n := g.count(depth)
		s := reflect.MakeSlice(v.Type(), n, n)
		for j := 0; j < n; j++ {
			g.fill(s.Index(j), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		n := g.count(depth)
		m := reflect.MakeMapWithSize(v.Type(), n)
		for j := 0; j < n; j++ {
			k := reflect.New(v.Type().Key()).Elem()
			g.fill(k, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			g.fill(e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		g.fillStruct(v, depth)
	}
}

func (g *Random) int(bits int) int64 {
	switch g.R.Intn(4) {
	case 0:
		return 0
	case 1:
		return -1 << (bits - 1) // the minimum
	case 2:
		return 1<<(bits-1) - 1 // the maximum
	}
	return g.R.Int63() >> (64 - bits)
}

func (g *Random) count(depth int) int {
	if depth > 2*g.MaxDepth {
		return 0
	}
	return g.R.Intn(4)
}

var alphabet = []string{"a", "Z", "0", " ", "é", "世界", "\x00", "\n", "🙂"}

func (g *Random) string() string {
	var b strings.Builder
	for n := g.R.Intn(12); n > 0; n-- {
		b.WriteString(alphabet[g.R.Intn(len(alphabet))])
	}
	return b.String()
}
