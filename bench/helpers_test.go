package bench

import "fmt"

// encode encodes v with c into a new buffer of exactly the encoded length.
func encode(c Contender, v any) ([]byte, error) { return encodeWith(c, v) }

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
