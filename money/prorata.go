package money

import "math/bits"

// mulDivHalfUp returns round(a*b/d) with ties away from zero, computed with a
// 128-bit intermediate so that no product of two amounts can overflow. It
// panics on d == 0 or a quotient beyond int64: both are programming errors
// (callers bound their inputs), never a consequence of user data.
func mulDivHalfUp(a, b, d int64) int64 {
	if d == 0 {
		panic(errDivByZeroPR)
	}
	neg := (a < 0) != (b < 0) != (d < 0)
	ua, ub, ud := abs64(a), abs64(b), abs64(d)
	hi, lo := bits.Mul64(ua, ub)
	if hi >= ud {
		panic("money: pro-rata quotient overflows int64")
	}
	q, r := bits.Div64(hi, lo, ud)
	if r >= ud-r { // 2r >= d without overflow: round half away from zero
		q++
	}
	if q > 1<<63-1 {
		panic("money: pro-rata quotient overflows int64")
	}
	if neg {
		return -int64(q)
	}
	return int64(q)
}

// mulDivFloor returns floor(a*b/d) for non-negative a, b and positive d.
func mulDivFloor(a, b, d int64) int64 {
	if a < 0 || b < 0 || d <= 0 {
		panic("money: mulDivFloor needs non-negative operands and a positive divisor")
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(d) {
		panic("money: quotient overflows int64")
	}
	q, _ := bits.Div64(hi, lo, uint64(d))
	return int64(q)
}

func abs64(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// ProRata returns amount × part / whole rounded half-up to the cent: the
// share of a distribution that carries a pro-rata part of an account, as in
// IRC 72(e)(8) ("after-tax part = amount × contributions / balance") and
// Notice 2014-54. A zero whole gives zero.
func ProRata(amount, part, whole Cents) Cents {
	if whole == 0 {
		return 0
	}
	return Cents(mulDivHalfUp(int64(amount), int64(part), int64(whole)))
}

// MulDiv returns a × num / den rounded half-up to the cent, exactly.
func MulDiv(a Cents, num, den int64) Cents {
	return Cents(mulDivHalfUp(int64(a), num, den))
}

// MulDivFloor returns a × num / den rounded down, for non-negative operands.
func MulDivFloor(a Cents, num, den int64) Cents {
	return Cents(mulDivFloor(int64(a), num, den))
}

// MulDivCeil returns a × num / den rounded up, for non-negative operands
// and a positive divisor.
func MulDivCeil(a Cents, num, den int64) Cents {
	if a < 0 || num < 0 || den <= 0 {
		panic("money: MulDivCeil needs non-negative operands and a positive divisor")
	}
	hi, lo := bits.Mul64(uint64(a), uint64(num))
	if hi >= uint64(den) {
		panic("money: quotient overflows int64")
	}
	q, r := bits.Div64(hi, lo, uint64(den))
	if r != 0 {
		q++
	}
	return Cents(q)
}

// RatioScale is the denominator of a Ratio: Form 8606 line 10 is kept to five
// decimal places (the form asks for at least three; the project fixes five).
const RatioScale = 100_000

// Ratio is a non-negative decimal fraction in units of 1/RatioScale, as Form
// 8606 line 10 is written: 0.03750 is Ratio(3750).
type Ratio int64

// RatioOf returns part / whole rounded half-up to five decimal places and
// capped at 1.00000, as Form 8606 line 10 prescribes ("if 1.000 or more,
// enter 1.000"). A zero whole gives 1 when part is positive and 0 otherwise.
func RatioOf(part, whole Cents) Ratio {
	if part <= 0 {
		return 0
	}
	if whole <= 0 || part >= whole {
		return RatioScale
	}
	return Ratio(mulDivHalfUp(int64(part), RatioScale, int64(whole)))
}

// Apply returns amount × r rounded half-up to the cent (Form 8606 lines 11
// and 12: the line-8 or line-7 amount multiplied by line 10).
func (r Ratio) Apply(amount Cents) Cents {
	return Cents(mulDivHalfUp(int64(amount), int64(r), RatioScale))
}

// String formats with five decimals: "0.03750", "1.00000".
func (r Ratio) String() string {
	return fmtFixed(int64(r), 5)
}

func fmtFixed(v int64, places int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	scale := int64(1)
	for i := 0; i < places; i++ {
		scale *= 10
	}
	s := make([]byte, 0, 24)
	if neg {
		s = append(s, '-')
	}
	s = appendInt(s, v/scale)
	s = append(s, '.')
	frac := v % scale
	digits := make([]byte, places)
	for i := places - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	return string(append(s, digits...))
}

func appendInt(b []byte, v int64) []byte {
	if v == 0 {
		return append(b, '0')
	}
	var tmp [20]byte
	i := len(tmp)
	for v > 0 {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, tmp[i:]...)
}
