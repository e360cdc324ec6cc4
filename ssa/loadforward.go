package ssa

// loadForward lets a load skip back over stores and moves that write
// another object than the one it reads (the output buffer, when the load
// reads the value being encoded), so that it takes an earlier memory state
// and CSE can share it with an earlier load of the same address. Exits stop
// the walk: the driver may write anything.
func loadForward(f *Func) {
	for _, b := range f.Blocks {
		for _, v := range b.Values {
			if v.Op != OpLoad {
				continue
			}
			root := addrRoot(v.Args[0])
			mem := v.Args[1]
			for {
				var dst *Value
				switch mem.Op {
				case OpStore, OpMove:
					dst = mem.Args[0]
				}
				if dst == nil || addrRoot(dst) == root || !distinctRoots(addrRoot(dst), root) {
					break
				}
				mem = mem.Args[len(mem.Args)-1]
			}
			v.Args[1] = mem
		}
	}
}

// distinctRoots reports whether two address roots are known to point into
// different objects: in codec programs, different function arguments do
// (the value and the buffer), and so does a loaded pointer against the
// output or input argument (nothing in a Go value points into them, unless
// nocopy decoding aliased the input, which is only read).
func distinctRoots(a, b *Value) bool {
	if a == b {
		return false
	}
	arg := func(v *Value) bool { return v.Op == OpArg }
	return arg(a) || arg(b)
}
