package objective

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// Filer is who files the return: the filing status, and how many of the
// people on it are 65 or older at the end of the year (IRC 63(f)(1): one
// attains 65 on the day before the 65th birthday) and how many are blind.
type Filer struct {
	Status scenario.FilingStatus
	Over65 int
	Blind  int
}

// Income is a year's income. Wages and OtherOrdinary (pensions, interest,
// IRA distributions, conversions) are ordinary income; QualifiedDividends and
// LongTermGains are taxed at the capital gains rates (IRC 1(h)) and are the
// net investment income of IRC 1411; SocialSecurity is gross benefits, of
// which Tax computes the taxable share. ItemizedDeductions of 0 means the
// standard deduction. Gains are net gains (no capital loss is modelled).
type Income struct {
	Wages              money.Cents
	OtherOrdinary      money.Cents
	QualifiedDividends money.Cents
	LongTermGains      money.Cents
	SocialSecurity     money.Cents
	ItemizedDeductions money.Cents
}

// Breakdown is the year's federal income tax and the lines that lead to it,
// each rounded half up to the cent from the exact computation; Total is the
// rounded exact sum, so the lines shown may differ from it by a cent.
type Breakdown struct {
	TaxableSocialSecurity money.Cents // Publication 915 Worksheet 1, last line; Form 1040 line 6b
	AGI                   money.Cents // Form 1040 line 11
	MAGI                  money.Cents // = AGI here (no tax-exempt interest or foreign exclusions modelled)
	Deduction             money.Cents // Form 1040 line 12: standard (with IRC 63(f) amounts) or itemized, the larger
	Itemized              bool
	SeniorDeduction       money.Cents // Schedule 1-A Part V (IRC 151(f)), 2025-2028
	TaxableIncome         money.Cents // Form 1040 line 15
	OrdinaryTaxable       money.Cents // taxable income less dividends and gains (QDCG worksheet line 5)
	RegularTax            money.Cents // Form 1040 line 16 (QDCG worksheet line 25, or the schedule)
	NIIT                  money.Cents // Form 8960 line 17 (IRC 1411)
	Total                 money.Cents // RegularTax + NIIT, exact then rounded

	// MarginalRate is the exact right-hand slope of Total per added dollar
	// of ordinary income, with every interaction (Social Security phase-in,
	// senior phase-out, gains pushed into higher bands, NIIT) included.
	MarginalRate float64
	// BracketRate is the plain rate of the ordinary bracket that the next
	// dollar of ordinary taxable income (OrdinaryTaxable) falls in.
	BracketRate float64
}

// Tax returns the federal income tax of a year, exactly; it allocates
// nothing. It panics on an unknown filing status (NewModel and the scenario
// parser reject those first).
func Tax(p *YearParams, f Filer, in Income) Breakdown {
	var w worksheet
	var k kinks
	k.reset()
	w.compute(p, mustStatus(f.Status), f, &in, lin{s: Unit}, &k)
	return w.breakdown()
}

func mustStatus(s scenario.FilingStatus) int {
	st, ok := statusIndex(s)
	if !ok {
		panic("objective: unknown filing status " + string(s))
	}
	return st
}

// worksheet holds the exact lines of one year's computation as affine
// functions of the added ordinary income.
type worksheet struct {
	ssTaxable, agi, deduction, senior, taxable, ordinary lin
	regular, niit, total                                 lin
	itemized                                             bool
	bracketBP                                            int64

	// The state income tax at the same point (Model.eval) less its rounded
	// baseline, exact in fine units: the state tax the moves add, before its
	// rounding (roundUpFine).
	state sl
}

func (w *worksheet) breakdown() Breakdown {
	return Breakdown{
		TaxableSocialSecurity: roundCents(w.ssTaxable.v),
		AGI:                   roundCents(w.agi.v),
		MAGI:                  roundCents(w.agi.v),
		Deduction:             roundCents(w.deduction.v),
		Itemized:              w.itemized,
		SeniorDeduction:       roundCents(w.senior.v),
		TaxableIncome:         roundCents(w.taxable.v),
		OrdinaryTaxable:       roundCents(w.ordinary.v),
		RegularTax:            roundCents(w.regular.v),
		NIIT:                  roundCents(w.niit.v),
		Total:                 roundCents(w.total.v),
		MarginalRate:          float64(w.total.s) / Unit,
		BracketRate:           float64(w.bracketBP) / 10000,
	}
}

// compute fills the worksheet for income in plus x added ordinary income,
// where added is x's value and slope (x itself: lin{v: x·Unit, s: Unit}).
func (w *worksheet) compute(p *YearParams, st int, f Filer, in *Income, added lin, k *kinks) {
	// Income other than Social Security: Form 1040 lines 1z, 3a, 4b-5b, 7, 8.
	other := cst(in.Wages + in.OtherOrdinary + in.QualifiedDividends + in.LongTermGains).add(added)
	w.ssTaxable = taxableSocialSecurity(p, st, in.SocialSecurity, other, k)
	w.agi = other.add(w.ssTaxable)

	// IRC 63(c)(1), 63(f): basic standard deduction plus the additional
	// amount per person 65+ or blind; the larger of it and itemized.
	std := p.StandardDeduction[st] + money.Cents(f.Over65+f.Blind)*p.AdditionalAged[st]
	w.itemized = in.ItemizedDeductions > std
	w.deduction = cst(money.Max(std, in.ItemizedDeductions))
	w.senior = seniorDeduction(p, st, f, w.agi, k)

	// Form 1040 line 15: AGI less deductions, not below zero.
	w.taxable = k.max(w.agi.sub(w.deduction).sub(w.senior), lin{})
	w.regular, w.ordinary = regularTax(p, st, w.taxable, cst(in.QualifiedDividends), cst(in.LongTermGains), k)
	w.bracketBP = bracketOf(&p.Brackets[st], w.ordinary).rate
	w.niit = niit(p, st, cst(in.QualifiedDividends+in.LongTermGains), w.agi, k)
	w.total = w.regular.add(w.niit)
}

// taxableSocialSecurity is Publication 915 (2025), Worksheet 1 (IRC 86(a),
// (c)): line 2 = half of the benefits; line 6 = line 2 + other income;
// line 9 = line 6 - base amount (if not more than zero, none is taxable);
// line 10 = adjusted base - base; line 11 = line 9 - line 10, not below zero;
// line 12 = the smaller of lines 9 and 10; line 13 = half of line 12; line 14
// = the smaller of lines 2 and 13; line 15 = 85% of line 11; line 16 = 14 +
// 15; line 17 = 85% of the benefits; taxable = the smaller of lines 16 and
// 17. Married filing separately uses base amounts of 0 (spouses who lived
// together at any time in the year), which is the worksheet's "skip lines 8
// through 15, 85% of line 7" path.
func taxableSocialSecurity(p *YearParams, st int, benefits money.Cents, other lin, k *kinks) lin {
	if benefits <= 0 {
		return lin{}
	}
	l2 := cst(benefits).frac(1, 2)
	l6 := l2.add(other)
	l9 := k.max(l6.sub(cst(p.SSBase[st])), lin{})
	l10 := cst(p.SSAdjustedBase[st] - p.SSBase[st])
	l11 := k.max(l9.sub(l10), lin{})
	l12 := k.min(l9, l10)
	l13 := l12.frac(1, 2)
	l14 := k.min(l2, l13)
	l15 := l11.frac(17, 20)
	l16 := l14.add(l15)
	l17 := cst(benefits).frac(17, 20)
	return k.min(l16, l17)
}

// seniorDeduction is the deduction for seniors of IRC 151(f) (P.L. 119-21
// sec. 70103; 2025 Schedule 1-A Part V): for each person 65 or older, $6,000
// less 6% of modified AGI above $75,000 ($150,000 joint), not below zero.
// Married people must file jointly to claim it (0 for married_separate, in
// the parameters); a return other than a joint one counts one person at most.
func seniorDeduction(p *YearParams, st int, f Filer, magi lin, k *kinks) lin {
	n := f.Over65
	if st != stJoint && n > 1 {
		n = 1
	}
	if n <= 0 || p.SeniorAmount[st] == 0 {
		return lin{}
	}
	excess := k.max(magi.sub(cst(p.SeniorThreshold[st])), lin{})
	each := k.max(cst(p.SeniorAmount[st]).sub(excess.frac(p.SeniorRateBP, 10000)), lin{})
	return each.times(int64(n))
}

// Capital gains rates of IRC 1(h)(1)(B)-(D), in basis points.
const (
	gainsRate15BP = 1500
	gainsRate20BP = 2000
)

// regularTax is Form 1040 line 16. Without dividends or gains it is the tax
// of the rate schedule (Tax Computation Worksheet). Otherwise it is the
// Qualified Dividends and Capital Gain Tax Worksheet (2025 Form 1040
// instructions): line 1 taxable income; line 4 = dividends + gains; line 5 =
// line 1 - line 4, not below zero; line 7 = min(line 1, top of the 0% band);
// line 8 = min(line 5, line 7); line 9 = line 7 - line 8 (taxed at 0%); line
// 10 = min(line 1, line 4); line 12 = line 10 - line 9; line 14 = min(line 1,
// top of the 15% band); line 15 = line 5 + line 9; line 16 = line 14 - line
// 15, not below zero; line 17 = min(line 12, line 16); line 18 = 15% of line
// 17; line 20 = line 10 - (line 9 + line 17); line 21 = 20% of line 20; line
// 22 = schedule tax on line 5; line 23 = 18 + 21 + 22; line 24 = schedule tax
// on line 1; line 25 = min(line 23, line 24). It also returns line 5, the
// ordinary part of taxable income.
func regularTax(p *YearParams, st int, l1, qd, ltg lin, k *kinks) (tax, l5 lin) {
	sch := &p.Brackets[st]
	l4 := qd.add(ltg)
	if l4.v == 0 {
		return scheduleTax(sch, l1, k), l1
	}
	l5 = k.max(l1.sub(l4), lin{})
	l7 := k.min(l1, cst(p.GainsTop0[st]))
	l8 := k.min(l5, l7)
	l9 := l7.sub(l8)
	l10 := k.min(l1, l4)
	l12 := l10.sub(l9)
	l14 := k.min(l1, cst(p.GainsTop15[st]))
	l15 := l5.add(l9)
	l16 := k.max(l14.sub(l15), lin{})
	l17 := k.min(l12, l16)
	l18 := l17.frac(gainsRate15BP, 10000)
	l20 := l10.sub(l9).sub(l17)
	l21 := l20.frac(gainsRate20BP, 10000)
	l23 := l18.add(l21).add(scheduleTax(sch, l5, k))
	return k.min(l23, scheduleTax(sch, l1, k)), l5
}

// bracket is where a taxable income falls in a schedule.
type bracket struct {
	index int
	rate  int64 // basis points
}

// bracketOf returns the bracket of the next dollar of ti: the first whose
// top is above ti (at a top exactly, the next bracket when ti is rising).
func bracketOf(s *Schedule, ti lin) bracket {
	for j, top := range s.Top {
		t := int64(top) * Unit
		if ti.v < t || (ti.v == t && ti.s <= 0) {
			return bracket{j, s.RateBP[j]}
		}
	}
	return bracket{MaxBrackets - 1, s.RateBP[MaxBrackets-1]}
}

// scheduleTax is the tax of the rate schedule of IRC 1(j)(2) on taxable
// income ti (Tax Computation Worksheet: income x rate - subtraction amount),
// computed bracket by bracket. It records the distance to the bracket's top.
func scheduleTax(s *Schedule, ti lin, k *kinks) lin {
	b := bracketOf(s, ti)
	var tax, lower int64
	for j := 0; j < b.index; j++ {
		top := int64(s.Top[j]) * Unit
		tax += (top - lower) / 10000 * s.RateBP[j]
		lower = top
	}
	over := ti.sub(lin{v: lower})
	if b.index < MaxBrackets-1 {
		k.note(int64(s.Top[b.index])*Unit-ti.v, ti.s)
	}
	r := over.frac(b.rate, 10000)
	r.v += tax
	return r
}

// niit is the net investment income tax (IRC 1411(a)(1); Form 8960 lines
// 8-17): 3.8% of the smaller of net investment income (here qualified
// dividends and gains; ordinary interest is not separated in Income) and
// modified AGI above the threshold. Conversions are not investment income
// but raise MAGI.
func niit(p *YearParams, st int, nii, magi lin, k *kinks) lin {
	if nii.v <= 0 {
		return lin{}
	}
	excess := k.max(magi.sub(cst(p.NIITThreshold[st])), lin{})
	return k.min(nii, excess).frac(p.NIITRateBP, 10000)
}
