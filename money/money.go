// Package money holds exact amounts of US dollars as int64 cents, with
// parsing and formatting through shopspring/decimal at the edges and exact
// pro-rata arithmetic (128-bit intermediates) in the engine.
//
// Nothing here uses float64 for dollars: a Cents value is the number of cents,
// and every product or quotient is computed exactly and then rounded once, the
// way the IRS forms say (half-up to the cent unless a form says otherwise).
package money

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Cents is an amount of money in US cents.
type Cents int64

// Common amounts.
const (
	Zero   Cents = 0
	Cent   Cents = 1
	Dollar Cents = 100
)

// MaxAmount bounds every amount the engine accepts from input: one hundred
// billion dollars. Products of two such amounts fit comfortably in 128 bits, and
// sums of thousands of them fit in int64.
const MaxAmount Cents = 100_000_000_000 * 100

// Errors returned by the parsers; FieldError-style wrappers add the field.
var (
	ErrSyntax      = errors.New("money: not a plain decimal number")
	ErrPrecision   = errors.New("money: more than two decimal places")
	ErrExponent    = errors.New("money: exponent form is not allowed")
	ErrRange       = errors.New("money: amount out of range")
	ErrNegative    = errors.New("money: negative amount")
	ErrNotANumber  = errors.New("money: not a number")
	errDivByZeroPR = "money: pro-rata over a zero whole"
)

// Dollars returns whole dollars as Cents.
func Dollars(d int64) Cents { return Cents(d * 100) }

// Parse reads a plain decimal string such as "350000", "350000.5" or
// "-12.34". It rejects exponents, more than two decimals, thousands
// separators and anything outside ±MaxAmount. Parsing is exact.
func Parse(s string) (Cents, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, ErrSyntax
	}
	if l := strings.ToLower(t); strings.Contains(l, "nan") || strings.Contains(l, "inf") {
		return 0, ErrNotANumber
	}
	if strings.ContainsAny(t, "eE") {
		return 0, ErrExponent
	}
	neg := false
	switch t[0] {
	case '-':
		neg = true
		t = t[1:]
	case '+':
		t = t[1:]
	}
	intPart, frac, hasDot := strings.Cut(t, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, ErrSyntax
	}
	if hasDot && frac == "" {
		return 0, ErrSyntax
	}
	var v int64
	for _, r := range intPart {
		if r < '0' || r > '9' {
			return 0, ErrSyntax
		}
		v = v*10 + int64(r-'0')
		if v > int64(MaxAmount/100) {
			return 0, ErrRange
		}
	}
	v *= 100
	if len(frac) > 2 {
		// Trailing zeros beyond the cent are harmless ("1.500").
		if strings.Trim(frac[2:], "0") != "" {
			for _, r := range frac {
				if r < '0' || r > '9' {
					return 0, ErrSyntax
				}
			}
			return 0, ErrPrecision
		}
		frac = frac[:2]
	}
	for i, r := range frac {
		if r < '0' || r > '9' {
			return 0, ErrSyntax
		}
		d := int64(r - '0')
		if i == 0 {
			v += d * 10
		} else {
			v += d
		}
	}
	if v > int64(MaxAmount) {
		return 0, ErrRange
	}
	if neg {
		v = -v
	}
	return Cents(v), nil
}

// MustParse is Parse for constants in tests and examples; it panics on error.
func MustParse(s string) Cents {
	c, err := Parse(s)
	if err != nil {
		panic(fmt.Sprintf("money.MustParse(%q): %v", s, err))
	}
	return c
}

// FromDecimal converts a decimal with at most two places exactly.
func FromDecimal(d decimal.Decimal) (Cents, error) {
	if !d.Equal(d.Round(2)) {
		return 0, ErrPrecision
	}
	if d.Abs().GreaterThan(decimal.New(int64(MaxAmount), -2)) {
		return 0, ErrRange
	}
	return Cents(d.Shift(2).IntPart()), nil
}

// Decimal returns the exact decimal value in dollars.
func (c Cents) Decimal() decimal.Decimal { return decimal.New(int64(c), -2) }

// String formats as dollars with exactly two decimals and no separators:
// "24014.00", "-0.05".
func (c Cents) String() string {
	v := int64(c)
	sign := ""
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Grouped formats with thousands separators and a dollar sign for people:
// "$350,000.00", "-$5.00".
func (c Cents) Grouped() string {
	s := c.String()
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + "$" + b.String() + "." + frac
}

// Min returns the smaller amount.
func Min(a, b Cents) Cents {
	if a < b {
		return a
	}
	return b
}

// Max returns the larger amount.
func Max(a, b Cents) Cents {
	if a > b {
		return a
	}
	return b
}
