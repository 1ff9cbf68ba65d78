package search

import (
	"math/bits"

	"github.com/rothpath/optimize/money"
)

// sourceKind says how a continuous source is taxed.
type sourceKind uint8

const (
	// srcIRA: a traditional IRA conversion, nontaxable share Form 8606
	// line 10 of the year (five decimals).
	srcIRA sourceKind = iota
	// srcIRARollInYear: an IRA conversion in the year the person rolls the
	// IRA's remaining pre-tax money into a plan. Its gross is the pre-tax
	// amount converted; the move converts that plus the basis (den), the
	// roll-in takes every other pre-tax dollar, so line 9 is the conversion
	// and line 10 = basis / conversion.
	srcIRARollInYear
	// srcPlanToRoth: a partial plan distribution sent directly to Roth,
	// pro-rata over the non-Roth balance (IRC 72(e)(8); Notice 2014-54).
	srcPlanToRoth
	// srcInPlanRoth: an in-plan Roth rollover, taxed the same way
	// (IRC 402A(c)(4)).
	srcInPlanRoth
)

// contSource is one continuous source in one year of a probed structure.
type contSource struct {
	kind     sourceKind
	person   int
	plan     int
	num, den int64       // nontaxable share (srcIRARollInYear: den = basis)
	cap      money.Cents // gross available at the fill point
	// deferBasis: an IRA conversion before the person's roll-in year. Its
	// nontaxable part would reach Roth anyway with the basis converted in
	// the roll-in year, so only its taxable part adds to the goal.
	deferBasis bool
}

// nontaxable returns the nontaxable part of gross g from the source, with the
// rounding its form prescribes.
func (c *contSource) nontaxable(g money.Cents) money.Cents {
	switch c.kind {
	case srcIRARollInYear:
		// Form 8606 line 10 = basis / (pre-tax converted + basis), rounded.
		b := money.Cents(c.den)
		return money.RatioOf(b, g+b).Apply(g+b) - b
	case srcIRA:
		return money.Ratio(c.num).Apply(g)
	default:
		return money.ProRata(g, money.Cents(c.num), money.Cents(c.den))
	}
}

// moreNontaxable orders sources for the fill: a larger nontaxable share
// first, then by kind, person and plan so that the order is fixed.
func (c *contSource) moreNontaxable(o *contSource) bool {
	cn, cd := c.shareFrac()
	on, od := o.shareFrac()
	lh, ll := bits.Mul64(uint64(cn), uint64(od))
	rh, rl := bits.Mul64(uint64(on), uint64(cd))
	if lh != rh || ll != rl {
		return lh > rh || (lh == rh && ll > rl)
	}
	if c.kind != o.kind {
		return c.kind < o.kind
	}
	if c.person != o.person {
		return c.person < o.person
	}
	return c.plan < o.plan
}

// compareSources orders sources for slices.SortStableFunc (no allocation).
func compareSources(a, b contSource) int {
	switch {
	case a.moreNontaxable(&b):
		return -1
	case b.moreNontaxable(&a):
		return 1
	}
	return 0
}

// shareFrac is the nontaxable share as a fraction; the pre-tax part of a
// roll-in year's conversion has none.
func (c *contSource) shareFrac() (int64, int64) {
	if c.kind == srcIRARollInYear || c.den <= 0 {
		return 0, 1
	}
	return c.num, c.den
}

// yearProbe is what a replay of the structure alone shows of one year.
type yearProbe struct {
	src     []contSource
	fixed   money.Cents // the structure's own added taxable income
	penalty money.Cents // its penalty base
	conv    money.Cents // its own amount toward the goal
}
