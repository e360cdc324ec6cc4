package bench

import (
	"errors"
	"fmt"
)

// protect runs f and turns a panic into an error, so one broken contender
// fails its own cases instead of the whole program.
func protect(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

// encodeWith encodes v with c into a new buffer of exactly the encoded
// length. With an EncodedSize it checks that Encode wrote exactly that many
// bytes; without one it doubles a buffer until the encoding fits.
func encodeWith(c Contender, v any) ([]byte, error) {
	var buf []byte
	err := protect(func() error {
		if c.EncodedSize == nil {
			for size := 4096; ; size *= 2 {
				buf = make([]byte, size)
				n, err := c.Encode(buf, v)
				if errors.Is(err, ErrShortBuffer) && size < 1<<30 {
					continue
				}
				if err != nil {
					return fmt.Errorf("encode: %w", err)
				}
				buf = buf[:n:n]
				return nil
			}
		}
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
