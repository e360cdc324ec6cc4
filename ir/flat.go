package ir

import "unsafe"

// MaxFlatLens is the most string and slice lengths a FlatSize adds. Held
// in an array rather than a slice, the offsets sit next to the constant,
// and the sum costs no load of a slice's backing store; a struct with more
// such fields is sized by its program.
const MaxFlatLens = 6

// FlatSize is a size program without branches or loops: a constant plus the
// lengths of strings and byte slices at fixed offsets in the struct. Its
// result is a few loads, which Go computes in less time than a call into
// generated code takes to start.
type FlatSize struct {
	Base int                  // the constant: every fixed-size field and header, and each length prefix
	N    int                  // how many lengths add to it: Lens[:N]
	Lens [MaxFlatLens]uintptr // offsets of the string and slice headers whose lengths add to it
}

// Flat returns the size program p as a FlatSize, and false when its result
// depends on more than MaxFlatLens lengths at fixed offsets (optional
// fields, nested pointers, containers, calls).
func (p *Program) Flat() (FlatSize, bool) {
	var f FlatSize
	if p.Mode != ModeSize {
		return f, false
	}
	for _, in := range p.Body {
		switch in.Op {
		case OpSizeConst:
			f.Base += in.N
			continue
		case OpSizeBytes:
			f.Base += 4
		case OpSizeUnknown:
		default:
			return FlatSize{}, false
		}
		if f.N == MaxFlatLens {
			return FlatSize{}, false
		}
		f.Lens[f.N] = in.Off
		f.N++
	}
	return f, true
}

// Of returns the encoded size of the struct at base.
func (f *FlatSize) Of(base unsafe.Pointer) int {
	n := f.Base
	for _, off := range f.Lens[:f.N] {
		n += *(*int)(unsafe.Add(base, off+unsafe.Sizeof(uintptr(0)))) // a string's or a slice's length follows its data pointer
	}
	return n
}
