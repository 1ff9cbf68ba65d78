package objective

import (
	"sort"

	"github.com/rothpath/optimize/money"
)

// ThresholdKind names a point of the law where the cost of one more dollar
// of ordinary income changes.
type ThresholdKind uint8

// Threshold kinds, each with the line of the computation that crosses it.
const (
	// DeductionUsedUp: ordinary taxable income (QDCG worksheet line 5)
	// rises above zero: ordinary income, which uses the deduction before
	// gains do, has used it up; Level is the deduction (standard or
	// itemized plus the senior deduction, IRC 63 and 151(f)) at the
	// baseline.
	DeductionUsedUp ThresholdKind = iota + 1
	// BracketTop: ordinary taxable income (QDCG worksheet line 5) reaches
	// Level, the top of the bracket taxed at Rate (IRC 1(j)(2)); NextRate
	// applies above it.
	BracketTop
	// GainsBandStart: taxable income reaches Level, the top of the capital
	// gains band taxed at Rate (IRC 1(h)(1)); from there each added dollar
	// pushes a dollar of gains into the band taxed at NextRate.
	GainsBandStart
	// GainsBandEnd: ordinary taxable income reaches Level, the top of the
	// gains band taxed at Rate: no gains are left in it.
	GainsBandEnd
	// SocialSecurityStart: provisional income (Publication 915 Worksheet 1,
	// line 6) reaches the base amount Level: half of each added dollar makes
	// benefits taxable (IRC 86(a)(1)).
	SocialSecurityStart
	// SocialSecurity85: provisional income reaches the adjusted base amount
	// Level: 85% of each added dollar makes benefits taxable (IRC 86(a)(2)).
	SocialSecurity85
	// SocialSecurityCap: taxable benefits reach Level, 85% of the benefits
	// (Worksheet 1 line 17): the phase-in ends.
	SocialSecurityCap
	// SeniorPhaseOutStart: modified AGI passes Level; the senior deduction
	// shrinks by 6% of the excess (IRC 151(f)(2)).
	SeniorPhaseOutStart
	// SeniorPhaseOutEnd: modified AGI reaches Level, where the senior
	// deduction is gone.
	SeniorPhaseOutEnd
	// NIITStart: modified AGI passes Level, the threshold of IRC 1411(b).
	NIITStart
	// NIITEnd: modified AGI exceeds the threshold by the whole net
	// investment income (IRC 1411(a)(1)): the NIIT stops growing.
	NIITEnd
	// IRMAATier: modified AGI passes Level, the threshold of IRMAA tier
	// Tier for the premium year two years later (42 CFR 418.1115); Amount is
	// that tier's yearly surcharge above the baseline's, for the people
	// enrolled.
	IRMAATier
	// StateRise: the state income tax of the residence (state.go) on one
	// more dollar rises: a bracket top of the state's schedule, the end of
	// what a deduction, exemption, exclusion or credit shelters, the start of
	// a phase-out, each in the state's own measure of income. Rate is the
	// state's marginal rate up to Added, NextRate above it; where the state
	// tax jumps (a credit lost by a step of AGI, a cliff), Amount is the
	// jump. Level is Added: the state's measure differs by state.
	StateRise
)

// Threshold is where year i's added ordinary income crosses a point of the
// law. Added is the largest added income that stays at or within it (in
// the manner of Model.MaxAddedAtRate and Model.IRMAAHeadroom): the next cent
// crosses it.
type Threshold struct {
	Kind     ThresholdKind
	Added    money.Cents
	Level    money.Cents // the figure of the law the income is measured against
	Rate     float64     // BracketTop, GainsBand*: the rate up to Level
	NextRate float64     // BracketTop, GainsBand*: the rate above Level
	Tier     int         // IRMAATier: 1-based tier
	Amount   money.Cents // IRMAATier: yearly surcharge above the baseline's
}

// Thresholds returns every threshold year i's added ordinary income can
// still reach (the baseline has not passed it), ascending by Added. A
// threshold no income up to MaxIncome reaches is left out. IRMAA tiers are
// listed whenever someone is enrolled in Medicare in the premium year,
// whether or not the scenario counts IRMAA.
func (m *Model) Thresholds(i int) []Threshold {
	y := &m.years[i]
	p, st := y.p, m.st
	var w0 worksheet
	var k kinks
	m.eval(i, 0, &w0, &k)
	var out []Threshold
	// add records a threshold of quantity f at limit (units), when f(0) is
	// within it and some added income passes it.
	add := func(t Threshold, f func(*worksheet) lin, limit int64) {
		if f(&w0).v > limit {
			return
		}
		x := m.largestWithin(i, f, limit)
		if x >= money.MaxAmount || x > MaxIncome {
			return
		}
		t.Added = x
		out = append(out, t)
	}
	taxable := func(w *worksheet) lin { return w.taxable }
	ordinary := func(w *worksheet) lin { return w.ordinary }
	agi := func(w *worksheet) lin { return w.agi }

	if w0.ordinary.v == 0 {
		add(Threshold{Kind: DeductionUsedUp, Level: roundCents(w0.deduction.v + w0.senior.v)}, ordinary, 0)
	}
	sch := &p.Brackets[st]
	for b := 0; b < MaxBrackets-1; b++ {
		add(Threshold{Kind: BracketTop, Level: sch.Top[b], Rate: bpRate(sch.RateBP[b]), NextRate: bpRate(sch.RateBP[b+1])},
			ordinary, int64(sch.Top[b])*Unit)
	}
	if gains := y.income.QualifiedDividends + y.income.LongTermGains; gains > 0 {
		for _, band := range []struct {
			top        money.Cents
			rate, next int64
		}{{p.GainsTop0[st], 0, gainsRate15BP}, {p.GainsTop15[st], gainsRate15BP, gainsRate20BP}} {
			t := Threshold{Level: band.top, Rate: bpRate(band.rate), NextRate: bpRate(band.next)}
			t.Kind = GainsBandStart
			add(t, taxable, int64(band.top)*Unit)
			t.Kind = GainsBandEnd
			add(t, ordinary, int64(band.top)*Unit)
		}
	}
	if ss := y.income.SocialSecurity; ss > 0 {
		half := int64(ss) * Unit / 2
		provisional := func(w *worksheet) lin { return w.agi.sub(w.ssTaxable) } // other income; + half benefits
		add(Threshold{Kind: SocialSecurityStart, Level: p.SSBase[st]}, provisional, int64(p.SSBase[st])*Unit-half)
		add(Threshold{Kind: SocialSecurity85, Level: p.SSAdjustedBase[st]}, provisional, int64(p.SSAdjustedBase[st])*Unit-half)
		capUnits := int64(ss) * Unit / 20 * 17
		add(Threshold{Kind: SocialSecurityCap, Level: roundCents(capUnits)}, func(w *worksheet) lin { return w.ssTaxable }, capUnits-1)
	}
	if w0.senior.v > 0 {
		thr := p.SeniorThreshold[st]
		add(Threshold{Kind: SeniorPhaseOutStart, Level: thr}, agi, int64(thr)*Unit)
		// The deduction of each person is gone once 6% of the excess
		// reaches the amount: excess = amount / 6%.
		gone := int64(thr)*Unit + int64(p.SeniorAmount[st])*Unit/p.SeniorRateBP*10000
		add(Threshold{Kind: SeniorPhaseOutEnd, Level: roundCents(gone)}, agi, gone)
	}
	if nii := y.income.QualifiedDividends + y.income.LongTermGains; nii > 0 {
		thr := p.NIITThreshold[st]
		add(Threshold{Kind: NIITStart, Level: thr}, agi, int64(thr)*Unit)
		add(Threshold{Kind: NIITEnd, Level: thr + nii}, agi, int64(thr+nii)*Unit)
	}
	if t := &y.pIRMAA.IRMAA[st]; y.enrolled > 0 {
		for j := y.baseTier; j < t.N; j++ {
			limit := int64(t.Threshold[j]) * Unit
			if j == t.N-1 {
				limit-- // the top tier applies at the threshold itself
			}
			add(Threshold{Kind: IRMAATier, Level: t.Threshold[j], Tier: j + 1,
				Amount: irmaaAnnual(t, j+1, y.enrolled) - y.baseIRMAA}, agi, limit)
		}
	}
	out = append(out, m.stateRises(i)...)
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Added != out[b].Added {
			return out[a].Added < out[b].Added
		}
		return out[a].Kind < out[b].Kind
	})
	return out
}

func bpRate(bp int64) float64 { return float64(bp) / 10000 }

// stateRises are year i's StateRise thresholds, read from the exact cost
// curve (which breaks at every threshold of the state's computation): each
// breakpoint where the state tax's slope rises or the state tax jumps up.
// A flat state_tax_rate has none.
func (m *Model) stateRises(i int) []Threshold {
	c := m.Curve(i, 0, m.years[i].maxAdded)
	var out []Threshold
	for j := 1; j < len(c.Segments); j++ {
		prev, cur := &c.Segments[j-1], &c.Segments[j]
		if prev.stS == 0 && cur.stS == 0 && prev.st.isZero() && cur.st.isZero() {
			continue // no state tax on either side
		}
		// A breakpoint is the first cent past the previous segment (the
		// curve is right-continuous; a tax that jumps has jumped at X), so
		// the last cent within is X-1, as for the other thresholds.
		th := Threshold{Kind: StateRise, Added: cur.X - 1, Level: cur.X - 1, Rate: float64(prev.stS) / fineUnit, NextRate: float64(cur.stS) / fineUnit}
		reached := prev.st.add(mul64(prev.stS, int64(cur.X-prev.X))) // prev's line at cur.X
		if jump := roundUpFine(cur.st) - roundUpFine(reached); cur.st.cmp(reached) > 0 && jump > 0 {
			th.Amount = jump
			out = append(out, th)
		} else if cur.stS > prev.stS {
			out = append(out, th)
		}
	}
	return out
}
