package ir

import "unsafe"

// FlatSize is a size program without branches or loops: a constant plus the
// lengths of strings and byte slices at fixed offsets in the struct. Its
// result is a few loads, which Go computes in less time than a call into
// generated code takes to start.
type FlatSize struct {
	Base int       // the constant: every fixed-size field and header, and each length prefix
	Lens []uintptr // offsets of the string and slice headers whose lengths add to it
}

// Flat returns the size program p as a FlatSize, or nil when its result
// depends on more than lengths at fixed offsets (optional fields, nested
// pointers, containers, calls).
func (p *Program) Flat() *FlatSize {
	if p.Mode != ModeSize {
		return nil
	}
	f := &FlatSize{}
	for _, in := range p.Body {
		switch in.Op {
		case OpSizeConst:
			f.Base += in.N
		case OpSizeBytes:
			f.Base += 4
			f.Lens = append(f.Lens, in.Off)
		case OpSizeUnknown:
			f.Lens = append(f.Lens, in.Off)
		default:
			return nil
		}
	}
	return f
}

// Of returns the encoded size of the struct at base.
func (f *FlatSize) Of(base unsafe.Pointer) int {
	n := f.Base
	for _, off := range f.Lens {
		n += *(*int)(unsafe.Add(base, off+unsafe.Sizeof(uintptr(0)))) // a string's or a slice's length follows its data pointer
	}
	return n
}
