package search

import (
	"slices"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// variantKeep is how many structures the ranking keeps per rank shown, so
// that ranks of distinct plans remain after variants are grouped.
const variantKeep = 3

// variantTolerance is how close in cost two strategies must be to be
// variants of one plan: within a dollar (the rest is the rounding of each
// year's tax to the cent).
const variantTolerance = money.Dollar

// groupVariants ranks the strategies (sorted, best first) as distinct plans:
// a strategy is a variant of an earlier one when it costs within
// variantTolerance of it and the client does the same things, whatever
// their timing: the same moves from the same accounts, a 60-day rollover
// counting as the split rollover it stands in for (it needs cash, not a
// different plan). Variants are listed under their plan, not ranked; at
// most top plans are returned.
func groupVariants(sorted []Strategy, top int) []Strategy {
	var out []Strategy
	var sigs [][]sigMove
	for _, st := range sorted {
		sig := signature(&st)
		found := false
		for i := range out {
			if st.PresentValue-out[i].PresentValue <= variantTolerance && slices.Equal(sig, sigs[i]) {
				out[i].Variants = append(out[i].Variants, st)
				found = true
				break
			}
		}
		if found || len(out) == top {
			continue
		}
		st.Rank = len(out) + 1
		out = append(out, st)
		sigs = append(sigs, sig)
	}
	return out
}

// sigMove is a move as the client sees it, timing aside.
type sigMove struct {
	kind rules.MoveKind
	from string
}

// signature lists a strategy's moves without their years or amounts,
// sorted, a 60-day rollover read as the split rollover it replaces.
func signature(st *Strategy) []sigMove {
	sig := make([]sigMove, 0, len(st.Steps))
	for _, s := range st.Steps {
		k := s.Kind
		if k == rules.IndirectRollover {
			k = rules.SplitRollover
		}
		m := sigMove{k, s.From}
		if !slices.Contains(sig, m) {
			sig = append(sig, m)
		}
	}
	slices.SortFunc(sig, func(a, b sigMove) int {
		if a.kind != b.kind {
			return int(a.kind) - int(b.kind)
		}
		switch {
		case a.from < b.from:
			return -1
		case a.from > b.from:
			return 1
		}
		return 0
	})
	return sig
}
