package search

import (
	"math"

	"github.com/rothpath/optimize/money"
)

// A source's taxable part as the bounds see it is the larger of two lines
// in the amount g: its linear model less its allowance (ax·g + xoff, from
// freeLine) and the amount less the most that can leave untaxed
// (g - MaxNontaxable, rules.Linear). The second is steeper and passes the
// first near the account's end, where a conversion of nearly everything
// spends the last of the basis; below the knee (the first whole cent past
// where they cross) the first line holds, above it the second, continued
// from the first's value at the knee, which is below the second there.

// lowerPiece is one straight stretch of a source's taxable lower bound: the
// amount from g0 to g1, ax taxable per cent.
type lowerPiece struct {
	g0, g1 money.Cents
	ax     float64
}

// setKnee records where s's second line takes over (noKnee: nowhere within
// its capacity).
func (s *srcView) setKnee() {
	s.knee = noKnee
	ax, xoff, _, _ := freeLine(s)
	if ax >= 1 {
		return
	}
	cross := (float64(s.lo.MaxNontaxable) + xoff) / (1 - ax)
	if cross < float64(s.lo.Cap) {
		s.knee = money.Cents(math.Ceil(cross))
	}
}

// noKnee marks a source whose first line holds over its whole capacity.
const noKnee = money.MaxAmount

// lowerPieces returns the taxable lower bound of s over the box [lo, hi]:
// its value at lo and its stretches from there (one or two).
func (s *srcView) lowerPieces(lo, hi money.Cents, out *[2]lowerPiece) (x0 float64, n int) {
	ax, xoff, _, _ := freeLine(s)
	k := s.knee
	switch {
	case hi <= k:
		out[0] = lowerPiece{lo, hi, ax}
		return ax*float64(lo) + xoff, 1
	case lo >= k:
		out[0] = lowerPiece{lo, hi, 1}
		return ax*float64(k) + xoff + float64(lo-k), 1
	}
	out[0] = lowerPiece{lo, k, ax}
	out[1] = lowerPiece{k, hi, 1}
	return ax*float64(lo) + xoff, 2
}

// lowerX is s's taxable lower bound at amount g, for a box starting at lo.
func (s *srcView) lowerX(lo, g money.Cents) float64 {
	var ps [2]lowerPiece
	x, n := s.lowerPieces(lo, max(g, lo), &ps)
	for _, p := range ps[:n] {
		x += p.ax * float64(p.g1-p.g0)
	}
	return x
}
