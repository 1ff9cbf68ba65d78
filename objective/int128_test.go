package objective

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

func bigOf(a i128) *big.Int {
	v := new(big.Int).SetInt64(a.hi)
	v.Lsh(v, 64)
	return v.Add(v, new(big.Int).SetUint64(a.lo))
}

// TestInt128 holds the 128-bit arithmetic of the state tax to math/big on
// random operands of the sizes the state arithmetic meets.
func TestInt128(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	r64 := func() int64 {
		v := rng.Int64N(1 << 62)
		if rng.IntN(2) == 0 {
			v = -v
		}
		return v
	}
	for n := 0; n < 20000; n++ {
		a, b := r64(), r64()
		x := mul64(a, b)
		want := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
		if bigOf(x).Cmp(want) != 0 {
			t.Fatalf("mul64(%d, %d) = %v, want %v", a, b, bigOf(x), want)
		}
		y := mul64(r64(), rng.Int64N(1<<20))
		if got, w := bigOf(x.add(y)), new(big.Int).Add(bigOf(x), bigOf(y)); got.Cmp(w) != 0 {
			t.Fatalf("add %v", got)
		}
		if got, w := bigOf(x.sub(y)), new(big.Int).Sub(bigOf(x), bigOf(y)); got.Cmp(w) != 0 {
			t.Fatalf("sub %v", got)
		}
		if got, w := x.cmp(y), bigOf(x).Cmp(bigOf(y)); got != w {
			t.Fatalf("cmp %d, want %d", got, w)
		}
		m := uint64(rng.Int64N(100000))
		small := mul64(r64()>>20, rng.Int64N(1<<20))
		if got, w := bigOf(small.mulU(m)), new(big.Int).Mul(bigOf(small), new(big.Int).SetUint64(m)); got.Cmp(w) != 0 {
			t.Fatalf("mulU %v, want %v", got, w)
		}
		d := uint64(rng.Int64N(1<<40) + 1)
		fd := new(big.Int)
		fd.Div(bigOf(x), new(big.Int).SetUint64(d)) // Euclidean: floor for d > 0
		if got := bigOf(x.floorDiv(d)); got.Cmp(fd) != 0 {
			t.Fatalf("floorDiv(%v, %d) = %v, want %v", bigOf(x), d, got, fd)
		}
		// round half away from zero: sign(x) * floor((|x| + d/2) / d) for even d.
		ax := new(big.Int).Abs(bigOf(x))
		rd := new(big.Int).Add(ax, new(big.Int).SetUint64(d/2+d%2))
		rd.Quo(rd, new(big.Int).SetUint64(d))
		if bigOf(x).Sign() < 0 {
			rd.Neg(rd)
		}
		if d%2 == 0 {
			if got := bigOf(x.roundDiv(d)); got.Cmp(rd) != 0 {
				t.Fatalf("roundDiv(%v, %d) = %v, want %v", bigOf(x), d, got, rd)
			}
		}
	}
}

// TestRoundFine holds roundFine (its int64 shortcut and its 128-bit path)
// to math/big, half away from zero, around the shortcut's bounds and at
// exact halves.
func TestRoundFine(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	unit := big.NewInt(fineUnit)
	half := new(big.Int).Rsh(unit, 1)
	check := func(v i128) {
		b := bigOf(v)
		abs := new(big.Int).Abs(b)
		q := new(big.Int).Quo(new(big.Int).Add(abs, half), unit)
		if b.Sign() < 0 {
			q.Neg(q)
		}
		if got := roundFine(v); big.NewInt(int64(got)).Cmp(q) != 0 {
			t.Fatalf("roundFine(%v) = %d, want %v", b, got, q)
		}
	}
	for _, s := range []int64{0, 1, -1, fineUnit / 2, -fineUnit / 2, fineUnit/2 - 1, 1<<62 - 1, -(1<<62 - 1), 1 << 62, -1 << 62, 1<<63 - 1, -1 << 63} {
		check(i128of(s))
	}
	for n := 0; n < 20000; n++ {
		s := rng.Int64N(1<<63 - 1)
		if rng.IntN(2) == 0 {
			s = -s
		}
		check(i128of(s))
		check(mul64(s, rng.Int64N(1<<20)+1))
		check(i128of(rng.Int64N(1000)*fineUnit + fineUnit/2)) // exact halves
	}
}
