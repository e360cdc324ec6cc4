package amd64

// Reg is a general-purpose register, numbered as the hardware numbers it.
type Reg uint8

// The general-purpose registers.
const (
	RAX Reg = iota
	RCX
	RDX
	RBX
	RSP
	RBP
	RSI
	RDI
	R8
	R9
	R10
	R11
	R12
	R13
	R14
	R15
)

var regNames = [...]string{"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"}

// String returns the register's 64-bit name.
func (r Reg) String() string { return regNames[r&15] }

func (r Reg) low() byte { return byte(r) & 7 }
func (r Reg) ext() bool { return r >= R8 }

// Mem is a memory operand: [Base + Index*Scale + Disp]. Scale 0 means no
// index.
type Mem struct {
	Base  Reg
	Index Reg
	Scale uint8 // 0 (no index), 1, 2, 4 or 8
	Disp  int32
}

// At returns the operand [base+disp].
func At(base Reg, disp int32) Mem { return Mem{Base: base, Disp: disp} }

// Cond is a condition code, as Jcc and SETcc encode it.
type Cond uint8

// The condition codes.
const (
	CondO  Cond = 0x0
	CondNO Cond = 0x1
	CondB  Cond = 0x2 // below: unsigned <
	CondAE Cond = 0x3 // unsigned >=
	CondE  Cond = 0x4
	CondNE Cond = 0x5
	CondBE Cond = 0x6 // unsigned <=
	CondA  Cond = 0x7 // unsigned >
	CondS  Cond = 0x8
	CondNS Cond = 0x9
	CondP  Cond = 0xa // parity: an unordered float comparison
	CondNP Cond = 0xb
	CondL  Cond = 0xc // signed <
	CondGE Cond = 0xd
	CondLE Cond = 0xe
	CondG  Cond = 0xf
)

// Alu is a two-operand integer operation of the 0x01/0x81 family: its
// value is the /digit of the immediate form, and op<<3|1 the opcode of the
// register form.
type Alu uint8

// The ALU operations.
const (
	Add Alu = 0
	Or  Alu = 1
	And Alu = 4
	Sub Alu = 5
	Xor Alu = 6
	Cmp Alu = 7
)
