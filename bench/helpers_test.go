package bench

import "fmt"

// protect runs f and turns a panic into an error, so one broken contender
// fails its own cases instead of the whole test binary.
func protect(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

// encode encodes v with c into a new buffer of c.EncodedSize(v) bytes and
// checks that exactly that many bytes were written.
func encode(c Contender, v any) ([]byte, error) {
	var buf []byte
	err := protect(func() error {
		size := c.EncodedSize(v)
		buf = make([]byte, size)
		n, err := c.Encode(buf, v)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		if n != size {
			return fmt.Errorf("encode wrote %d bytes, EncodedSize said %d", n, size)
		}
		return nil
	})
	return buf, err
}

// decode decodes data with c into a new zero value of m and checks that all
// of data was read.
func decode(c Contender, m Message, data []byte) (any, error) {
	v := m.New()
	err := protect(func() error {
		n, err := c.Decode(data, v)
		if err != nil {
			return fmt.Errorf("decode: %w", err)
		}
		if n != len(data) {
			return fmt.Errorf("decode read %d of %d bytes", n, len(data))
		}
		return nil
	})
	return v, err
}
