package frugal

// RaceEnabled is raceEnabled, for the external tests.
const RaceEnabled = raceEnabled

// JITCodeBytes is the size of the machine code of v's type's own programs,
// or -1 when the type does not run on the jit.
func JITCodeBytes(v any) int {
	c, _, err := prepare(v)
	if err != nil || c.jit == nil {
		return -1
	}
	return c.jit.CodeBytes()
}
