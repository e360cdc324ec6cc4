package reflect

import (
	"strconv"

	"github.com/frugaljit/frugal/wire"
)

// skip is wire.Skip at this codec's depth limit.
func skip(buf []byte, i int, t wire.Type, depth int) (int, error) {
	return wire.Skip(buf, i, t, depth, MaxDepth)
}

func depthError() error {
	return wire.Errorf(wire.ErrDepthLimit, "nesting deeper than "+strconv.Itoa(MaxDepth))
}
