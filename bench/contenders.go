package bench

import (
	cwfrugal "github.com/cloudwego/frugal"
	fjfrugal "github.com/frugaljit/frugal"
)

// Contenders lists every codec the benchmarks and the correctness test run,
// in column order: the first is the baseline that benchstat compares the
// others against. Adding a codec is one entry here.
var Contenders = []Contender{
	{
		Name:        "cloudwego-frugal",
		EncodedSize: cwfrugal.EncodedSize,
		Encode:      func(buf []byte, v any) (int, error) { return cwfrugal.EncodeObject(buf, nil, v) },
		Decode:      cwfrugal.DecodeObject,
	},
	{
		Name:        "frugaljit-reflect",
		EncodedSize: fjfrugal.EncodedSize,
		Encode:      func(buf []byte, v any) (int, error) { return fjfrugal.EncodeObject(buf, nil, v) },
		Decode:      fjfrugal.DecodeObject,
	},
}
