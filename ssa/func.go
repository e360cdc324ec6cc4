package ssa

// Func is a function in SSA form.
type Func struct {
	Name   string
	Params []Type // the types of the arguments (OpArg)
	Blocks []*Block
	Entry  *Block

	values []*Value // by ID
	nextB  int
}

// Block is a basic block: values run in order, then control leaves by Kind.
type Block struct {
	ID      int
	Kind    BlockKind
	Values  []*Value
	Control *Value   // BlockIf: the condition; BlockReturn: the result
	Succs   []*Block // BlockPlain: one; BlockIf: then, else
	Preds   []*Block
	Func    *Func
	// Likely marks the successor expected to run (0 or 1). -1: no guess.
	Likely int
	// Cold marks a block that runs only when something failed (a guard's
	// failure path): layout moves it, and what only it leads to, out of line.
	Cold bool
}

// BlockKind is how control leaves a block.
type BlockKind uint8

// The block kinds.
const (
	BlockInvalid BlockKind = iota
	BlockPlain             // goto Succs[0]
	BlockIf                // if Control { goto Succs[0] } else { goto Succs[1] }
	BlockReturn            // return Control
)

func (k BlockKind) String() string {
	return [...]string{"Invalid", "Plain", "If", "Return"}[k]
}

// Value is one SSA value.
type Value struct {
	ID     int
	Op     Op
	Type   Type
	Args   []*Value
	AuxInt int64
	Aux    any // OpExit: what the driver needs beyond AuxInt (e.g. the callee)
	Block  *Block
}

// NewFunc returns an empty function with an entry block.
func NewFunc(name string, params ...Type) *Func {
	f := &Func{Name: name, Params: params}
	f.Entry = f.NewBlock(BlockPlain)
	return f
}

// NewBlock adds a block of the given kind.
func (f *Func) NewBlock(kind BlockKind) *Block {
	b := &Block{ID: f.nextB, Kind: kind, Func: f, Likely: -1}
	f.nextB++
	f.Blocks = append(f.Blocks, b)
	return b
}

// NumValues returns one more than the largest value ID, for dense tables.
func (f *Func) NumValues() int { return len(f.values) }

// Value returns the value with the given ID, or nil if it was removed.
func (f *Func) Value(id int) *Value { return f.values[id] }

// NewValue appends a value to block b.
func (b *Block) NewValue(op Op, t Type, auxInt int64, args ...*Value) *Value {
	f := b.Func
	v := &Value{ID: len(f.values), Op: op, Type: t, AuxInt: auxInt, Args: args, Block: b}
	f.values = append(f.values, v)
	b.Values = append(b.Values, v)
	return v
}

// AddEdge makes c a successor of b.
func (b *Block) AddEdge(c *Block) {
	b.Succs = append(b.Succs, c)
	c.Preds = append(c.Preds, b)
}

// PredIndex returns the position of p among b's predecessors, or -1.
func (b *Block) PredIndex(p *Block) int {
	for i, q := range b.Preds {
		if q == p {
			return i
		}
	}
	return -1
}
