package ir

import "fmt"

// typeExpr is the parsed type part of a frugal tag: a keyword or a name,
// with arguments for list<T>, set<T> and map<K:V>.
type typeExpr struct {
	name string      // "i32", "list", "Simple", ...
	args []*typeExpr // element, or key and value
}

func (e *typeExpr) String() string {
	switch len(e.args) {
	case 1:
		return e.name + "<" + e.args[0].String() + ">"
	case 2:
		return e.name + "<" + e.args[0].String() + ":" + e.args[1].String() + ">"
	}
	return e.name
}

// parseTypeExpr parses a whole type expression such as
// "list<map<string:list<i64>>>".
func parseTypeExpr(src string) (*typeExpr, error) {
	p := typeParser{src: src}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if tok := p.next(); tok != "" {
		return nil, p.errorf("unexpected %q after the type", tok)
	}
	return e, nil
}

type typeParser struct {
	src string
	pos int
}

func (p *typeParser) errorf(format string, args ...any) error {
	return fmt.Errorf("type %q at offset %d: %s", p.src, p.pos, fmt.Sprintf(format, args...))
}

// next returns the next token: an identifier, or one of < > :, or "" at the end.
func (p *typeParser) next() string {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
	if p.pos == len(p.src) {
		return ""
	}
	start := p.pos
	if isIdentByte(p.src[p.pos]) {
		for p.pos < len(p.src) && (isIdentByte(p.src[p.pos]) || p.src[p.pos] == '.') {
			p.pos++
		}
	} else {
		p.pos++
	}
	return p.src[start:p.pos]
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *typeParser) expect(tok string) error {
	if got := p.next(); got != tok {
		if got == "" {
			got = "end of tag"
		}
		return p.errorf("expected %q, found %q", tok, got)
	}
	return nil
}

func (p *typeParser) expr() (*typeExpr, error) {
	tok := p.next()
	if tok == "" || !isIdentByte(tok[0]) {
		if tok == "" {
			tok = "end of tag"
		}
		return nil, p.errorf("expected a type, found %q", tok)
	}
	e := &typeExpr{name: tok}
	arity := map[string]int{"list": 1, "set": 1, "map": 2}[tok]
	if arity == 0 {
		return e, nil
	}
	if err := p.expect("<"); err != nil {
		return nil, err
	}
	for i := 0; i < arity; i++ {
		if i > 0 {
			if err := p.expect(":"); err != nil {
				return nil, err
			}
		}
		arg, err := p.expr()
		if err != nil {
			return nil, err
		}
		e.args = append(e.args, arg)
	}
	return e, p.expect(">")
}

// isKeyword reports whether name is a Thrift base-type or container keyword
// (anything else in a tag names an enum or a struct).
func isKeyword(name string) bool {
	switch name {
	case "bool", "byte", "i8", "i16", "i32", "i64", "double", "string", "binary", "list", "set", "map":
		return true
	}
	return false
}
