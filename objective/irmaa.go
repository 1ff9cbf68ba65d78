package objective

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// IRMAA returns the year's Medicare income-related monthly adjustment
// amounts for premium year p.Year, over twelve months, for enrolled people:
// 12 x (Part B + Part D surcharge of the tier) x enrolled. The tier comes from
// the MAGI of the tax year two years before (42 CFR 418.1115, 418.1120; Social
// Security Act 1839(i) and 1860D-13(a)(7)). A tier applies to MAGI "greater
// than" its threshold; the top tier to MAGI "greater than or equal to" its
// threshold (CMS fact sheets' tables), so one cent past a threshold costs the
// whole tier for the year. It panics on an unknown filing status.
func IRMAA(p *YearParams, status scenario.FilingStatus, magi money.Cents, enrolled int) money.Cents {
	t := &p.IRMAA[mustStatus(status)]
	tier, _ := irmaaTier(t, cst(magi))
	return irmaaAnnual(t, tier, enrolled)
}

// irmaaAnnual is the yearly surcharge of a tier (0 = none) for enrolled people.
func irmaaAnnual(t *IRMAATiers, tier, enrolled int) money.Cents {
	if tier == 0 || enrolled <= 0 {
		return 0
	}
	return 12 * (t.PartB[tier-1] + t.PartD[tier-1]) * money.Cents(enrolled)
}

// irmaaTier returns the tier of an exact MAGI (0 = none) and, when MAGI rises
// with added income, the whole cents of added income until the next tier
// applies (noKink if never).
func irmaaTier(t *IRMAATiers, magi lin) (tier int, next int64) {
	next = noKink
	for j := 0; j < t.N; j++ {
		th := int64(t.Threshold[j]) * Unit
		top := j == t.N-1
		if magi.v > th || (top && magi.v == th) {
			tier = j + 1
			continue
		}
		if magi.s > 0 {
			gap := th - magi.v
			if top {
				next = (gap + magi.s - 1) / magi.s // first x with MAGI >= threshold
			} else {
				next = gap/magi.s + 1 // first x with MAGI > threshold
			}
		}
		break
	}
	return tier, next
}
