//go:build linux || darwin

package jit

import (
	"sync"
	"syscall"
	"unsafe"
)

// Code is a batch of functions in executable memory. It is never unmapped:
// functions are compiled once per type and live as long as the process.
type Code struct {
	mem []byte // the mapping, read-execute once loaded
}

// Addr returns the address of the byte at offset off of the batch.
func (c *Code) Addr(off int) uintptr {
	return uintptr(unsafe.Pointer(unsafe.SliceData(c.mem))) + uintptr(off)
}

// Size returns the bytes the batch maps (whole pages).
func (c *Code) Size() int { return len(c.mem) }

var stats struct {
	sync.Mutex
	mapped, used int
}

// Load copies machine code into new executable memory: it maps whole pages
// read-write, copies, then makes them read-execute. The functions of one
// batch share pages; batches do not, so no page is ever writable while
// another goroutine may be running code on it.
func Load(code []byte) (*Code, error) {
	if len(code) == 0 {
		return nil, syscall.EINVAL
	}
	page := syscall.Getpagesize()
	size := (len(code) + page - 1) / page * page
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil, err
	}
	copy(mem, code)
	if err := syscall.Mprotect(mem, syscall.PROT_READ|syscall.PROT_EXEC); err != nil {
		_ = syscall.Munmap(mem)
		return nil, err
	}
	stats.Lock()
	stats.mapped += size
	stats.used += len(code)
	stats.Unlock()
	return &Code{mem: mem}, nil
}

// MemoryUse reports the bytes of executable memory mapped and the bytes of
// code in them.
func MemoryUse() (mapped, used int) {
	stats.Lock()
	defer stats.Unlock()
	return stats.mapped, stats.used
}
