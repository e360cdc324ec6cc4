package bench

import (
	"reflect"

	cwfrugal "github.com/cloudwego/frugal"
	fjfrugal "github.com/frugaljit/frugal"

	"github.com/frugaljit/frugal/bench/gen/baseline"
	"github.com/frugaljit/frugal/bench/gen/benchmsg"
	fgbaseline "github.com/frugaljit/frugal/bench/gen/fastgo/baseline"
	fgbenchmsg "github.com/frugaljit/frugal/bench/gen/fastgo/benchmsg"
	kxbaseline "github.com/frugaljit/frugal/bench/gen/kitex/baseline"
	kxbenchmsg "github.com/frugaljit/frugal/bench/gen/kitex/benchmsg"
)

// Contenders lists every codec the benchmarks and the correctness test run,
// in column order: the first is the baseline that benchstat compares the
// others against. Adding a codec is one entry here.
var Contenders = []Contender{
	{
		Name:        "cloudwego-frugal",
		Role:        Peer,
		EncodedSize: cwfrugal.EncodedSize,
		Encode:      func(buf []byte, v any) (int, error) { return cwfrugal.EncodeObject(buf, nil, v) },
		Decode:      cwfrugal.DecodeObject,
	},
	{
		Name:        "frugaljit-reflect",
		Role:        Ours,
		EncodedSize: fjfrugal.EncodedSize,
		Encode:      func(buf []byte, v any) (int, error) { return fjfrugal.EncodeObject(buf, nil, v) },
		Decode:      fjfrugal.DecodeObject,
	},
	apacheContender,
	{
		// Kitex v0.16.3's generated FastCodec (gen/kitex, by the kitex tool).
		Name:        "kitex-fastcodec",
		Role:        Peer,
		EncodedSize: fastSize,
		Encode:      fastEncode,
		Decode:      fastDecode,
		Adapt: adaptTo(map[reflect.Type]target{
			reflect.TypeFor[*baseline.Simple]():        targetOf[kxbaseline.Simple](),
			reflect.TypeFor[*baseline.PartialSimple](): targetOf[kxbaseline.PartialSimple](),
			reflect.TypeFor[*baseline.Nesting]():       targetOf[kxbaseline.Nesting](),
			reflect.TypeFor[*baseline.Nesting2]():      targetOf[kxbaseline.Nesting2](),
			reflect.TypeFor[*benchmsg.ListOfSmall]():   targetOf[kxbenchmsg.ListOfSmall](),
			reflect.TypeFor[*benchmsg.Small]():         targetOf[kxbenchmsg.Small](),
			reflect.TypeFor[*benchmsg.Request]():       targetOf[kxbenchmsg.Request](),
		}),
	},
	{
		// thriftgo v0.4.5's fastgo backend (gen/fastgo).
		Name:        "thriftgo-fastgo",
		Role:        Peer,
		EncodedSize: fastSize,
		Encode:      fastEncode,
		Decode:      fastDecode,
		Adapt: adaptTo(map[reflect.Type]target{
			reflect.TypeFor[*baseline.Simple]():        targetOf[fgbaseline.Simple](),
			reflect.TypeFor[*baseline.PartialSimple](): targetOf[fgbaseline.PartialSimple](),
			reflect.TypeFor[*baseline.Nesting]():       targetOf[fgbaseline.Nesting](),
			reflect.TypeFor[*baseline.Nesting2]():      targetOf[fgbaseline.Nesting2](),
			reflect.TypeFor[*benchmsg.ListOfSmall]():   targetOf[fgbenchmsg.ListOfSmall](),
			reflect.TypeFor[*benchmsg.Small]():         targetOf[fgbenchmsg.Small](),
			reflect.TypeFor[*benchmsg.Request]():       targetOf[fgbenchmsg.Request](),
		}),
	},
	{
		// A copy of the encoded bytes: the physical floor.
		Name:        "memmove",
		Role:        Reference,
		EncodedSize: memmoveSize,
		Encode:      memmoveEncode,
		Decode:      memmoveDecode,
		Adapt:       adaptRaw,
	},
}

// apacheContender is Apache Thrift v0.13.0: the Read/Write methods thriftgo
// generates by default (in gen/), TBinaryProtocol over a TMemoryBuffer. It
// has no size pass. memmove's bytes are made with it.
var apacheContender = Contender{
	Name:   "apache-thrift",
	Role:   Peer,
	Encode: apacheEncode,
	Decode: apacheDecode,
}
