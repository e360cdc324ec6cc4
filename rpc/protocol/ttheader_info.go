package protocol

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
)

// maxInfoString is the longest string and the largest count an info block
// can hold: both are uint16 fields.
const maxInfoString = 0xffff

// infoBlocksSize is the unpadded size of h's info blocks, in the order
// putInfoBlocks writes them.
func infoBlocksSize(h *TTHeader) int {
	n := 0
	if h.ACLToken != "" {
		n += 1 + 2 + len(h.ACLToken)
	}
	if len(h.StrInfo) > 0 {
		n += 1 + 2
		for k, v := range h.StrInfo {
			n += 2 + len(k) + 2 + len(v)
		}
	}
	if len(h.IntInfo) > 0 {
		n += 1 + 2
		for _, v := range h.IntInfo {
			n += 2 + 2 + len(v)
		}
	}
	return n
}

// checkInfo reports the first part of h's info that does not fit its 16-bit
// length or count field.
func checkInfo(h *TTHeader) error {
	if len(h.ACLToken) > maxInfoString {
		return fmt.Errorf("%w: ACL token of %d bytes, at most %d", ErrBadTTHeader, len(h.ACLToken), maxInfoString)
	}
	if len(h.StrInfo) > maxInfoString || len(h.IntInfo) > maxInfoString {
		return fmt.Errorf("%w: %d string and %d int info entries, at most %d each",
			ErrBadTTHeader, len(h.StrInfo), len(h.IntInfo), maxInfoString)
	}
	for k, v := range h.StrInfo {
		if len(k) > maxInfoString || len(v) > maxInfoString {
			return fmt.Errorf("%w: info %q has a key or value over %d bytes", ErrBadTTHeader, truncate(k), maxInfoString)
		}
	}
	for k, v := range h.IntInfo {
		if len(v) > maxInfoString {
			return fmt.Errorf("%w: int info %d has a value over %d bytes", ErrBadTTHeader, k, maxInfoString)
		}
	}
	return nil
}

// putInfoBlocks writes h's info blocks the way Kitex orders them (ACL token,
// string pairs, int pairs), with keys sorted so the bytes are deterministic,
// and returns the number of bytes written. checkInfo must have passed.
func putInfoBlocks(buf []byte, h *TTHeader) int {
	n := 0
	if h.ACLToken != "" {
		buf[n] = ttInfoACLToken
		n += 1 + putString16(buf[n+1:], h.ACLToken)
	}
	if len(h.StrInfo) > 0 {
		buf[n] = ttInfoKeyValue
		binary.BigEndian.PutUint16(buf[n+1:], uint16(len(h.StrInfo)))
		n += 3
		for _, k := range slices.Sorted(maps.Keys(h.StrInfo)) {
			n += putString16(buf[n:], k)
			n += putString16(buf[n:], h.StrInfo[k])
		}
	}
	if len(h.IntInfo) > 0 {
		buf[n] = ttInfoIntKeyValue
		binary.BigEndian.PutUint16(buf[n+1:], uint16(len(h.IntInfo)))
		n += 3
		for _, k := range slices.Sorted(maps.Keys(h.IntInfo)) {
			binary.BigEndian.PutUint16(buf[n:], k)
			n += 2 + putString16(buf[n+2:], h.IntInfo[k])
		}
	}
	return n
}

func putString16(buf []byte, s string) int {
	binary.BigEndian.PutUint16(buf, uint16(len(s)))
	return 2 + copy(buf[2:], s)
}

// readInfoBlocks reads the info blocks in info (the header after its protocol
// id and transforms) into h. Zero bytes are padding and may come anywhere, as
// Kitex reads them. Maps are sized by the bytes left, never by a count alone,
// so a count of 65535 in a short header allocates nothing large.
func readInfoBlocks(info []byte, h *TTHeader) error {
	r := infoReader{buf: info}
	for r.more() {
		id := r.byte()
		switch id {
		case ttInfoPadding:
		case ttInfoKeyValue:
			count := int(r.uint16())
			if h.StrInfo == nil {
				h.StrInfo = make(map[string]string, min(count, r.left()/4))
			}
			for range count {
				k := r.string16()
				v := r.string16()
				if r.err != nil {
					break
				}
				h.StrInfo[k] = v
			}
		case ttInfoIntKeyValue:
			count := int(r.uint16())
			if h.IntInfo == nil {
				h.IntInfo = make(map[uint16]string, min(count, r.left()/4))
			}
			for range count {
				k := r.uint16()
				v := r.string16()
				if r.err != nil {
					break
				}
				h.IntInfo[k] = v
			}
		case ttInfoACLToken:
			h.ACLToken = r.string16()
		default:
			return fmt.Errorf("%w: unknown info block id %#02x at header byte %d", ErrBadTTHeader, id, 2+r.pos-1)
		}
		if r.err != nil {
			return fmt.Errorf("%w: info block %#02x: %v", ErrBadTTHeader, id, r.err)
		}
	}
	return nil
}

// infoReader reads big-endian fields from a header, recording the first read
// past its end in err (reads after that return zero values).
type infoReader struct {
	buf []byte
	pos int
	err error
}

func (r *infoReader) more() bool { return r.err == nil && r.pos < len(r.buf) }

func (r *infoReader) left() int { return len(r.buf) - r.pos }

func (r *infoReader) need(n int) bool {
	if r.err != nil {
		return false
	}
	if n > r.left() {
		r.err = fmt.Errorf("needs %d bytes at header byte %d, %d left", n, 2+r.pos, r.left())
		return false
	}
	return true
}

func (r *infoReader) byte() byte {
	if !r.need(1) {
		return 0
	}
	r.pos++
	return r.buf[r.pos-1]
}

func (r *infoReader) uint16() uint16 {
	if !r.need(2) {
		return 0
	}
	r.pos += 2
	return binary.BigEndian.Uint16(r.buf[r.pos-2:])
}

func (r *infoReader) string16() string {
	n := int(r.uint16())
	if !r.need(n) {
		return ""
	}
	r.pos += n
	return string(r.buf[r.pos-n : r.pos])
}

// truncate shortens s for an error message.
func truncate(s string) string {
	if len(s) > 32 {
		return s[:32] + "..."
	}
	return s
}
