package objective

import "math/bits"

// i128 is a signed 128-bit integer in two's complement, for the state tax's
// values in fine units (statefine.go): $1 billion of income is 2·10^28 of
// them, beyond int64. Only the operations the state arithmetic needs are
// here; an overflow of 128 bits cannot happen within MaxIncome and panics.
type i128 struct {
	hi int64
	lo uint64
}

func i128of(v int64) i128 { return i128{hi: v >> 63, lo: uint64(v)} }

func (a i128) add(b i128) i128 {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	return i128{hi: a.hi + b.hi + int64(c), lo: lo}
}

func (a i128) sub(b i128) i128 {
	lo, br := bits.Sub64(a.lo, b.lo, 0)
	return i128{hi: a.hi - b.hi - int64(br), lo: lo}
}

func (a i128) neg() i128 { return i128{}.sub(a) }

func (a i128) isNeg() bool { return a.hi < 0 }

func (a i128) isZero() bool { return a.hi == 0 && a.lo == 0 }

// cmp returns -1, 0 or 1 as a is less than, equal to or greater than b.
func (a i128) cmp(b i128) int {
	switch {
	case a.hi < b.hi:
		return -1
	case a.hi > b.hi:
		return 1
	case a.lo < b.lo:
		return -1
	case a.lo > b.lo:
		return 1
	}
	return 0
}

// abs returns |a| as an unsigned pair.
func (a i128) abs() (hi, lo uint64) {
	if a.isNeg() {
		a = a.neg()
	}
	return uint64(a.hi), a.lo
}

func fromAbs(neg bool, hi, lo uint64) i128 {
	if hi>>63 != 0 {
		panic("objective: 128-bit overflow")
	}
	r := i128{hi: int64(hi), lo: lo}
	if neg {
		r = r.neg()
	}
	return r
}

// mul64 returns a × b exactly.
func mul64(a, b int64) i128 {
	neg := (a < 0) != (b < 0)
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = uint64(-a)
	}
	if b < 0 {
		ub = uint64(-b)
	}
	hi, lo := bits.Mul64(ua, ub)
	return fromAbs(neg, hi, lo)
}

// mulU returns a × m for m >= 0.
func (a i128) mulU(m uint64) i128 {
	neg := a.isNeg()
	hi, lo := a.abs()
	h1, l1 := bits.Mul64(lo, m)
	h2, l2 := bits.Mul64(hi, m)
	if h2 != 0 {
		panic("objective: 128-bit overflow")
	}
	top, c := bits.Add64(h1, l2, 0)
	if c != 0 {
		panic("objective: 128-bit overflow")
	}
	return fromAbs(neg, top, l1)
}

// divmodU returns the truncated quotient and the remainder's magnitude of
// |a| / d for d > 0, and whether a is negative.
func (a i128) divmodU(d uint64) (qhi, qlo, rem uint64, neg bool) {
	neg = a.isNeg()
	hi, lo := a.abs()
	qhi, r := bits.Div64(0, hi, d)
	qlo, rem = bits.Div64(r, lo, d)
	return qhi, qlo, rem, neg
}

// floorDiv returns floor(a / d) for d > 0.
func (a i128) floorDiv(d uint64) i128 {
	qhi, qlo, rem, neg := a.divmodU(d)
	q := fromAbs(false, qhi, qlo)
	if neg {
		q = q.neg()
		if rem != 0 {
			q = q.sub(i128of(1))
		}
	}
	return q
}

// roundDiv returns a / d rounded half away from zero, for d > 0.
func (a i128) roundDiv(d uint64) i128 {
	qhi, qlo, rem, neg := a.divmodU(d)
	q := fromAbs(false, qhi, qlo)
	if rem >= d-rem {
		q = q.add(i128of(1))
	}
	if neg {
		q = q.neg()
	}
	return q
}

// int64 returns a as an int64 and whether it fits.
func (a i128) int64() (int64, bool) {
	v := int64(a.lo)
	return v, a.hi == v>>63
}

// ceilQuo returns ceil(a / d) for a >= 0 and d > 0, capped at noKink.
func (a i128) ceilQuo(d int64) int64 {
	qhi, qlo, rem, _ := a.divmodU(uint64(d))
	if qhi != 0 || qlo >= noKink-1 {
		return noKink
	}
	q := int64(qlo)
	if rem != 0 {
		q++
	}
	return q
}

// floorQuo returns floor(a / d) for a >= 0 and d > 0, capped at noKink.
func (a i128) floorQuo(d int64) int64 {
	qhi, qlo, _, _ := a.divmodU(uint64(d))
	if qhi != 0 || qlo >= noKink-1 {
		return noKink - 1
	}
	return int64(qlo)
}

// float returns a as a float64 (rounded).
func (a i128) float() float64 {
	return float64(a.hi)*(1<<64) + float64(a.lo)
}
