package testtypes

// Enums mirrors the baseline IDL's enum.
type Enums int64

// The values of Enums.
const (
	EnumsValueA Enums = 0
	EnumsValueB Enums = 1
	EnumsValueC Enums = 2
)

// Simple mirrors baseline.Simple.
type Simple struct {
	ByteField   int8    `thrift:"ByteField,1" frugal:"1,default,byte"`
	I64Field    int64   `thrift:"I64Field,2" frugal:"2,default,i64"`
	DoubleField float64 `thrift:"DoubleField,3" frugal:"3,default,double"`
	I32Field    int32   `thrift:"I32Field,4" frugal:"4,default,i32"`
	StringField string  `thrift:"StringField,5" frugal:"5,default,string"`
	BinaryField []byte  `thrift:"BinaryField,6" frugal:"6,default,binary"`
	EnumField   Enums   `thrift:"enumField,7" frugal:"7,default,Enums"`
}

// PartialSimple mirrors baseline.PartialSimple: a subset of Simple's fields.
type PartialSimple struct {
	ByteField   int8    `thrift:"ByteField,1" frugal:"1,default,byte"`
	DoubleField float64 `thrift:"DoubleField,3" frugal:"3,default,double"`
	BinaryField []byte  `thrift:"BinaryField,6" frugal:"6,default,binary"`
}

// Nesting mirrors baseline.Nesting.
type Nesting struct {
	String          string             `thrift:"String,1" frugal:"1,default,string"`
	ListSimple      []*Simple          `thrift:"ListSimple,2" frugal:"2,default,list<Simple>"`
	Double          float64            `thrift:"Double,3" frugal:"3,default,double"`
	I32             int32              `thrift:"I32,4" frugal:"4,default,i32"`
	ListI32         []int32            `thrift:"ListI32,5" frugal:"5,default,list<i32>"`
	I64             int64              `thrift:"I64,6" frugal:"6,default,i64"`
	MapStringString map[string]string  `thrift:"MapStringString,7" frugal:"7,default,map<string:string>"`
	SimpleStruct    *Simple            `thrift:"SimpleStruct,8" frugal:"8,default,Simple"`
	MapI32I64       map[int32]int64    `thrift:"MapI32I64,9" frugal:"9,default,map<i32:i64>"`
	ListString      []string           `thrift:"ListString,10" frugal:"10,default,list<string>"`
	Binary          []byte             `thrift:"Binary,11" frugal:"11,default,binary"`
	MapI64String    map[int64]string   `thrift:"MapI64String,12" frugal:"12,default,map<i64:string>"`
	ListI64         []int64            `thrift:"ListI64,13" frugal:"13,default,list<i64>"`
	Byte            int8               `thrift:"Byte,14" frugal:"14,default,byte"`
	MapStringSimple map[string]*Simple `thrift:"MapStringSimple,15" frugal:"15,default,map<string:Simple>"`
}

// Nesting2 mirrors baseline.Nesting2.
type Nesting2 struct {
	MapSimpleNesting map[*Simple]*Nesting `thrift:"MapSimpleNesting,1" frugal:"1,default,map<Simple:Nesting>"`
	SimpleStruct     *Simple              `thrift:"SimpleStruct,2" frugal:"2,default,Simple"`
	Byte             int8                 `thrift:"Byte,3" frugal:"3,default,byte"`
	Double           float64              `thrift:"Double,4" frugal:"4,default,double"`
	ListNesting      []*Nesting           `thrift:"ListNesting,5" frugal:"5,default,list<Nesting>"`
	I64              int64                `thrift:"I64,6" frugal:"6,default,i64"`
	NestingStruct    *Nesting             `thrift:"NestingStruct,7" frugal:"7,default,Nesting"`
	Binary           []byte               `thrift:"Binary,8" frugal:"8,default,binary"`
	String           string               `thrift:"String,9" frugal:"9,default,string"`
	I32              int32                `thrift:"I32,11" frugal:"11,default,i32"`
}
