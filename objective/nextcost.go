package objective

import "github.com/rothpath/optimize/money"

// NextCost is what Step more ordinary income costs in one year on top of At
// already added, split by the cause of each part. The federal parts are
// found by letting the effects of the added income act one at a time, in
// this order, each evaluated exactly and rounded to the cent, so that they
// add up to the federal tax with At+Step minus the federal tax with At (the
// Federal of Model.YearCost):
//
//  1. Ordinary: the tax on the added income itself at the ordinary rates
//     (with the deduction it may first use up), with Social Security, the
//     senior deduction and the NIIT held where they were at At;
//  2. Gains: the tax on qualified dividends and gains it pushes into a
//     higher band (QDCG worksheet);
//  3. SocialSecurity: the tax on the benefits it makes taxable
//     (TaxableBenefits more of them, Publication 915);
//  4. SeniorDeduction: the tax on the senior deduction it takes away
//     (DeductionLost, IRC 151(f)(2));
//  5. NIIT: the net investment income tax it adds (IRC 1411).
type NextCost struct {
	Year int
	At   money.Cents
	Step money.Cents

	Ordinary        money.Cents
	Gains           money.Cents
	SocialSecurity  money.Cents
	TaxableBenefits money.Cents
	SeniorDeduction money.Cents
	DeductionLost   money.Cents
	NIIT            money.Cents
	Federal         money.Cents // sum of the five parts above

	State money.Cents // the year's state tax on the step (Model.YearCost's State)
	// IRMAA is the Medicare surcharge of the premium year two years later
	// that the step adds, when the scenario counts IRMAA (irmaa: cost);
	// IRMAANotCounted is the same surcharge when it does not.
	IRMAA           money.Cents
	IRMAANotCounted money.Cents
	Total           money.Cents // Federal + State + IRMAA
}

// Rate is the step's total cost per dollar of the step.
func (c NextCost) Rate() float64 {
	if c.Step <= 0 {
		return 0
	}
	return float64(c.Total) / float64(c.Step)
}

// frozen holds the quantities that stay where they were at the starting
// point while the effects are let act one at a time.
type frozen struct {
	ss, senior, niit *lin
}

// computeFrozen is worksheet.compute with Social Security, the senior
// deduction and the NIIT optionally held at given values; with nothing
// held it is compute itself (a test holds the two equal).
func (w *worksheet) computeFrozen(p *YearParams, st int, f Filer, in *Income, added lin, k *kinks, fz frozen) {
	other := cst(in.Wages + in.OtherOrdinary + in.QualifiedDividends + in.LongTermGains).add(added)
	if fz.ss != nil {
		w.ssTaxable = *fz.ss
	} else {
		w.ssTaxable = taxableSocialSecurity(p, st, in.SocialSecurity, other, k)
	}
	w.agi = other.add(w.ssTaxable)
	std := p.StandardDeduction[st] + money.Cents(f.Over65+f.Blind)*p.AdditionalAged[st]
	w.itemized = in.ItemizedDeductions > std
	w.deduction = cst(money.Max(std, in.ItemizedDeductions))
	if fz.senior != nil {
		w.senior = *fz.senior
	} else {
		w.senior = seniorDeduction(p, st, f, w.agi, k)
	}
	w.taxable = k.max(w.agi.sub(w.deduction).sub(w.senior), lin{})
	w.regular, w.ordinary = regularTax(p, st, w.taxable, cst(in.QualifiedDividends), cst(in.LongTermGains), k)
	w.bracketBP = bracketOf(&p.Brackets[st], w.ordinary).rate
	if fz.niit != nil {
		w.niit = *fz.niit
	} else {
		w.niit = niit(p, st, cst(in.QualifiedDividends+in.LongTermGains), w.agi, k)
	}
	w.total = w.regular.add(w.niit)
}

// NextCost returns what step more added ordinary income costs in year i on
// top of at (both >= 0), split by cause; see NextCost. The step is cut to
// what the supported range leaves (MaxAdded(i) - at): at the range's end it
// is 0 and so is every part.
func (m *Model) NextCost(i int, at, step money.Cents) NextCost {
	y := &m.years[i]
	step = max(min(step, y.maxAdded-at), 0)
	c := NextCost{Year: y.year, At: at, Step: step}
	if step == 0 {
		return c
	}
	var w0, w worksheet
	var k kinks
	eval := func(dst *worksheet, x money.Cents, fz frozen) {
		k.reset()
		dst.computeFrozen(y.p, m.st, y.filer, &y.income, lin{v: int64(x) * Unit, s: Unit}, &k, fz)
	}
	eval(&w0, at, frozen{})
	ss0, senior0, niit0 := lin{v: w0.ssTaxable.v}, lin{v: w0.senior.v}, lin{v: w0.niit.v}
	sch := &y.p.Brackets[m.st]
	var kk kinks
	kk.reset()
	ordTax0 := scheduleTax(sch, w0.ordinary, &kk).v

	to := at + step
	// 1 and 2: everything held but the income itself.
	eval(&w, to, frozen{ss: &ss0, senior: &senior0, niit: &niit0})
	kk.reset()
	ordTax1 := scheduleTax(sch, w.ordinary, &kk).v
	c1 := w0.total.v + (ordTax1 - ordTax0)
	c2 := w.total.v
	c.Ordinary = roundCents(c1) - roundCents(w0.total.v)
	c.Gains = roundCents(c2) - roundCents(c1)
	// 3: Social Security let act.
	eval(&w, to, frozen{senior: &senior0, niit: &niit0})
	c.SocialSecurity = roundCents(w.total.v) - roundCents(c2)
	c.TaxableBenefits = roundCents(w.ssTaxable.v) - roundCents(w0.ssTaxable.v)
	c3 := w.total.v
	// 4: the senior deduction let act.
	eval(&w, to, frozen{niit: &niit0})
	c.SeniorDeduction = roundCents(w.total.v) - roundCents(c3)
	c.DeductionLost = roundCents(w0.senior.v) - roundCents(w.senior.v)
	c4 := w.total.v
	// 5: everything.
	eval(&w, to, frozen{})
	c.NIIT = roundCents(w.total.v) - roundCents(c4)
	c.Federal = c.Ordinary + c.Gains + c.SocialSecurity + c.SeniorDeduction + c.NIIT

	c.State = m.YearCost(i, to, 0).State - m.YearCost(i, at, 0).State
	t := &y.pIRMAA.IRMAA[m.st]
	tier0, _ := irmaaTier(t, w0.agi)
	tier1, _ := irmaaTier(t, w.agi)
	irmaa := irmaaAnnual(t, tier1, y.enrolled) - irmaaAnnual(t, tier0, y.enrolled)
	if m.irmaaCost {
		c.IRMAA = irmaa
	} else {
		c.IRMAANotCounted = irmaa
	}
	c.Total = c.Federal + c.State + c.IRMAA
	return c
}
