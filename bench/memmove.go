package bench

import "fmt"

// Raw is the memmove contender's message: the encoded bytes themselves.
// Encoding copies them into the buffer; decoding copies the input into a
// new slice (one allocation, not zeroed first), the least work any decoder
// that keeps its result can do.
type Raw struct {
	Bytes []byte
}

func rawOf(v any) (*Raw, error) {
	r, ok := v.(*Raw)
	if !ok {
		return nil, fmt.Errorf("memmove works on *bench.Raw, not %T", v)
	}
	return r, nil
}

func memmoveSize(v any) int {
	r, err := rawOf(v)
	if err != nil {
		return 0
	}
	return len(r.Bytes)
}

func memmoveEncode(buf []byte, v any) (int, error) {
	r, err := rawOf(v)
	if err != nil {
		return 0, err
	}
	if len(buf) < len(r.Bytes) {
		return 0, ErrShortBuffer
	}
	return copy(buf, r.Bytes), nil
}

func memmoveDecode(buf []byte, v any) (int, error) {
	r, err := rawOf(v)
	if err != nil {
		return 0, err
	}
	r.Bytes = append([]byte(nil), buf...) // allocates without zeroing first
	return len(r.Bytes), nil
}

// adaptRaw returns m as memmove's Raw bytes: Value and Source encoded by
// Apache Thrift. The bytes of Raw values compare by what they decode to
// (see CanonicalValue), since map order and field order vary by encoder.
func adaptRaw(m Message) Message {
	raw := func(v any) any {
		data, err := encodeWith(apacheContender, v)
		if err != nil {
			panic(fmt.Sprintf("memmove: encoding %s with Apache Thrift: %v", m.Name, err))
		}
		return &Raw{Bytes: data}
	}
	out := Message{Name: m.Name, Value: raw(m.Value), New: func() any { return new(Raw) }}
	if m.Source != nil {
		out.Source = raw(m.Source)
	}
	return out
}
