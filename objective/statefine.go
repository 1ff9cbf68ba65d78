package objective

import (
	"github.com/rothpath/optimize/money"
)

// Fine units. A state's tax multiplies federal quantities (in units, 1/Unit
// of a cent, with slopes that are whole units per cent) by up to two of its
// own rates or shares (a phase-out rate, then a bracket rate; or a share of
// federal tax, then a rate), each in 1/RateScale. Their product can be a
// fraction of a unit per cent, so the state's quantities are carried in
// fine units, 1/fineScale of a unit: slopes stay whole (int64) and values,
// which reach 2·10^28 fine units at $1 billion, are 128-bit. A product's
// slope must come out whole (a remainder is a programming error: three
// compounded rates would need a finer unit); its value is floored to the
// fine unit, which commutes with moving along a segment because the slope
// is whole, so Curve and YearCost compute the same exactly piecewise-linear
// tax, within 10^-17 of a cent per product of the rational figure.
const (
	fineScale = 10_000_000_000   // fine units per unit
	fineUnit  = Unit * fineScale // fine units per cent
	fineHalf  = uint64(fineUnit / 2)
)

// sl is a state quantity as an affine function of added income near the
// current point: value v in fine units and right-hand slope s in fine units
// per cent of added income.
type sl struct {
	v i128
	s int64
}

// fine converts a federal quantity to fine units.
func fine(l lin) sl { return sl{v: mul64(l.v, fineScale), s: l.s * fineScale} }

// fcst is a constant amount of money in fine units.
func fcst(c money.Cents) sl { return sl{v: mul64(int64(c), fineUnit)} }

// fineAt is an amount of money in fine units, for comparisons.
func fineAt(c money.Cents) i128 { return mul64(int64(c), fineUnit) }

func (a sl) add(b sl) sl { return sl{a.v.add(b.v), a.s + b.s} }
func (a sl) sub(b sl) sl { return sl{a.v.sub(b.v), a.s - b.s} }

func (a sl) isZero() bool { return a.s == 0 && a.v.isZero() }

// scaled returns a × num/den (num >= 0, den > 0): the slope exactly, the
// value floored.
func (a sl) scaled(num, den int64) sl {
	sp := mul64(a.s, num)
	qhi, qlo, rem, neg := sp.divmodU(uint64(den))
	if rem != 0 || qhi != 0 || qlo>>63 != 0 {
		panic("objective: inexact state slope")
	}
	s := int64(qlo)
	if neg {
		s = -s
	}
	return sl{v: a.v.mulU(uint64(num)).floorDiv(uint64(den)), s: s}
}

// rate returns a × r/RateScale.
func (a sl) rate(r int64) sl { return a.scaled(r, RateScale) }

// roundFine rounds fine units to the cent, half away from zero.
func roundFine(v i128) money.Cents {
	if s := int64(v.lo); v.hi == s>>63 && s > -1<<62 && s < 1<<62 { // below $23,000: one int64 division
		switch {
		case s == 0:
			return 0
		case s > 0:
			return money.Cents((s + fineUnit/2) / fineUnit)
		default:
			return -money.Cents((-s + fineUnit/2) / fineUnit)
		}
	}
	q := v.roundDiv(uint64(fineUnit))
	c, ok := q.int64()
	if !ok {
		panic("objective: state tax out of range")
	}
	return money.Cents(c)
}

// roundUpFine rounds fine units to the cent, half up. For a state tax
// measured against its rounded baseline, v - base with v >= 0 and base whole
// cents, it is roundFine(v) - base: half away from zero and half up agree
// on v, and half up commutes with whole cents.
func roundUpFine(v i128) money.Cents {
	if v.hi == 0 && v.lo == 0 {
		return 0 // no state, or no state tax added
	}
	if s := int64(v.lo); v.hi == s>>63 && s > -1<<62 && s < 1<<62 { // below $23,000: one int64 division
		q := (s + fineUnit/2) / fineUnit
		if (s+fineUnit/2)%fineUnit < 0 {
			q-- // floor
		}
		return money.Cents(q)
	}
	q := v.add(i128of(fineUnit / 2)).floorDiv(uint64(fineUnit))
	c, ok := q.int64()
	if !ok {
		panic("objective: state tax out of range")
	}
	return money.Cents(c)
}

// fineToUnits is a fine slope in whole units per cent, rounded to the
// nearest (Segment.Slope and the marginal rate; Curve.At uses the fine one).
func fineToUnits(s int64) int64 {
	if s >= 0 {
		return (s + fineScale/2) / fineScale
	}
	return -((-s + fineScale/2) / fineScale)
}

// minS returns the smaller of a and b (at a tie, the smaller slope) and
// records where they cross.
func (k *kinks) minS(a, b sl) sl {
	if c := a.v.cmp(b.v); c > 0 || (c == 0 && a.s > b.s) {
		a, b = b, a
	}
	if a.s > b.s {
		k.noteAt(b.v.sub(a.v).ceilQuo(a.s - b.s))
	}
	return a
}

// maxS returns the larger of a and b and records where they cross.
func (k *kinks) maxS(a, b sl) sl {
	if c := a.v.cmp(b.v); c < 0 || (c == 0 && a.s < b.s) {
		a, b = b, a
	}
	if a.s < b.s {
		k.noteAt(a.v.sub(b.v).ceilQuo(b.s - a.s))
	}
	return a
}

// aboveS reports whether a exceeds limit here and records the first cent
// at which the answer changes.
func (k *kinks) aboveS(a sl, limit i128) bool {
	if a.v.cmp(limit) > 0 {
		if a.s < 0 {
			k.noteAt(a.v.sub(limit).ceilQuo(-a.s))
		}
		return true
	}
	if a.s > 0 {
		d := limit.sub(a.v).floorQuo(a.s)
		if d < noKink-1 {
			k.noteAt(d + 1)
		}
	}
	return false
}

// posS is a, not below zero.
func (k *kinks) posS(a sl) sl { return k.maxS(a, sl{}) }

// stepsS is steps for a state quantity: the whole steps, or fractions of
// one, by which a exceeds start, at most most, recording where the count
// next changes.
func (k *kinks) stepsS(a sl, start, step money.Cents, most int64) int64 {
	if !k.aboveS(a, fineAt(start)) {
		return 0
	}
	// ceil(ceil(d / fineUnit) / step) = ceil(d / (fineUnit·step)) for d > 0.
	c := a.v.sub(fineAt(start)).ceilQuo(fineUnit)
	n := (c + int64(step) - 1) / int64(step)
	if n >= most {
		return most
	}
	k.aboveS(a, fineAt(start+money.Cents(n)*step))
	return n
}
