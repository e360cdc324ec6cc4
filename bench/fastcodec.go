package bench

import (
	"fmt"

	"github.com/cloudwego/gopkg/protocol/thrift"
)

// fastCodec is the method set that Kitex's generated FastCodec and
// thriftgo's fastgo backend both give a struct.
type fastCodec interface {
	BLength() int
	FastWriteNocopy(buf []byte, w thrift.NocopyWriter) int
	FastRead(buf []byte) (int, error)
}

func asFastCodec(v any) (fastCodec, error) {
	f, ok := v.(fastCodec)
	if !ok {
		return nil, fmt.Errorf("%T has no generated BLength/FastWriteNocopy/FastRead", v)
	}
	return f, nil
}

// fastSize is BLength.
func fastSize(v any) int {
	f, err := asFastCodec(v)
	if err != nil {
		return 0
	}
	return f.BLength()
}

// fastEncode is FastWriteNocopy with no NocopyWriter, so every byte is
// written into buf, as the other contenders do.
func fastEncode(buf []byte, v any) (int, error) {
	f, err := asFastCodec(v)
	if err != nil {
		return 0, err
	}
	return f.FastWriteNocopy(buf, nil), nil
}

// fastDecode is FastRead.
func fastDecode(buf []byte, v any) (int, error) {
	f, err := asFastCodec(v)
	if err != nil {
		return 0, err
	}
	return f.FastRead(buf)
}
