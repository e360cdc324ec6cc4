//go:build !linux && !darwin

package jit

// Code is a batch of functions in executable memory.
type Code struct{}

// Addr returns the address of the byte at offset off of the batch.
func (c *Code) Addr(off int) uintptr { return 0 }

// Size returns the bytes the batch maps.
func (c *Code) Size() int { return 0 }

// Load is not available on this platform.
func Load(code []byte) (*Code, error) { return nil, ErrUnsupported }

// MemoryUse reports the bytes of executable memory mapped and used.
func MemoryUse() (mapped, used int) { return 0, 0 }
