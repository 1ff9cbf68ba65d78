package objective

import (
	"math"

	"github.com/rothpath/optimize/money"
)

// Unit is the number of internal units in one cent. Worksheet lines are
// carried exactly in 1/Unit of a cent: 20 resolves the 50% and 85% of
// Publication 915, 100 the 6% of the senior phase-out, and 10,000 the
// basis-point rates, so every product the worksheets take is exact. An
// int64 of units holds about $4.6 billion; NewModel refuses incomes above
// MaxIncome.
const Unit = 20_000_000

// MaxIncome bounds any one income component (and added income) accepted by
// NewModel, so that exact worksheet arithmetic stays inside int64.
const MaxIncome money.Cents = 1_000_000_000 * 100

// noKink is the distance reported when no comparison will change branch.
const noKink = math.MaxInt64

// lin is a quantity as an affine function of added ordinary income x (in
// cents) near the current point: value v and right-hand slope s, both in
// units (1/Unit cent, per cent of x for s).
type lin struct{ v, s int64 }

func cst(c money.Cents) lin { return lin{v: int64(c) * Unit} }

func (a lin) add(b lin) lin { return lin{a.v + b.v, a.s + b.s} }
func (a lin) sub(b lin) lin { return lin{a.v - b.v, a.s - b.s} }
func (a lin) times(n int64) lin {
	return lin{a.v * n, a.s * n}
}

// frac returns a x num/den, exact: every caller passes a quantity that den
// divides (the choice of Unit guarantees it); a remainder is a programming
// error.
func (a lin) frac(num, den int64) lin {
	if a.v%den != 0 || a.s%den != 0 {
		panic("objective: inexact worksheet product")
	}
	return lin{a.v / den * num, a.s / den * num}
}

// kinks records the distance, in whole cents of x, from the current point to
// the nearest point where some min or max of the worksheets changes branch:
// the next breakpoint of the piecewise-linear tax.
type kinks struct{ next int64 }

func (k *kinks) reset() { k.next = noKink }

// note records that a quantity now below (by gap > 0 units) another catches
// up at a closing speed of rate units per cent: the branch changes at the
// first whole cent at or after the exact crossing.
func (k *kinks) note(gap, rate int64) {
	if rate <= 0 {
		return
	}
	d := (gap + rate - 1) / rate
	if d < 1 {
		d = 1
	}
	if d < k.next {
		k.next = d
	}
}

// min returns the smaller of a and b (at a tie, the one with the smaller
// slope: the right-hand value) and records where they cross.
func (k *kinks) min(a, b lin) lin {
	if a.v > b.v || (a.v == b.v && a.s > b.s) {
		a, b = b, a
	}
	if a.s > b.s {
		k.note(b.v-a.v, a.s-b.s)
	}
	return a
}

// max returns the larger of a and b and records where they cross.
func (k *kinks) max(a, b lin) lin {
	if a.v < b.v || (a.v == b.v && a.s < b.s) {
		a, b = b, a
	}
	if a.s < b.s {
		k.note(a.v-b.v, b.s-a.s)
	}
	return a
}

// roundCents rounds units to the cent, half away from zero.
func roundCents(v int64) money.Cents {
	if v >= 0 {
		return money.Cents((v + Unit/2) / Unit)
	}
	return -money.Cents((-v + Unit/2) / Unit)
}
