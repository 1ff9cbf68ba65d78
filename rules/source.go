package rules

import "github.com/rothpath/optimize/money"

// SourceKind says how a fill source moves money into Roth accounts. A fill
// source is an account from which any amount (not only all of it) can be
// moved in the open year; the search decides how much.
type SourceKind uint8

// Fill source kinds.
const (
	// SourceIRA: a conversion from the person's traditional IRAs, taxed at
	// year end by Form 8606 (line 10 on the year's line 9).
	SourceIRA SourceKind = iota + 1
	// SourceIRAWithRollIn: the year the person rolls the IRA's pre-tax
	// money into plan Plan (IRC 408(d)(3)(A)(ii)). The amount is the pre-tax
	// money converted; the conversion carries all the IRA's basis with it
	// and the roll-in takes every other pre-tax dollar, so Form 8606 line 9
	// is the conversion and the basis converts tax free.
	SourceIRAWithRollIn
	// SourcePlanToRoth: a partial distribution of plan Plan sent by direct
	// rollover to the Roth IRA, pro rata over its non-Roth money (IRC
	// 72(e)(8); Notice 2014-54).
	SourcePlanToRoth
	// SourceInPlanRoth: an in-plan Roth rollover within plan Plan, pro rata
	// the same way (IRC 402A(c)(4)).
	SourceInPlanRoth
)

// Source is one fill source of the open year.
type Source struct {
	Kind   SourceKind
	Person int // the owner
	Plan   int // the plan (plan sources) or the receiving plan (SourceIRAWithRollIn); -1 otherwise
}

// Sources appends to dst the fill sources of the open year, in the order
// their moves must be made (SourceMoves) for each Quote, taken on the state
// before any of them, to hold: each plan's source, then each person's IRA
// source (a roll-in year's roll-in adds to the receiving plan, so it comes
// after that plan's own distribution). rollIn[k] is the plan into which
// person k rolls the IRA's pre-tax money this year, or -1; a person rolling
// in gets SourceIRAWithRollIn instead of SourceIRA. A plan is a source when
// it holds non-Roth money and may send some to Roth now: by a distribution
// (SourcePlanToRoth) or else by an in-plan Roth rollover. It allocates
// nothing once dst has room.
func (s *State) Sources(dst []Source, rollIn [MaxPeople]int) []Source {
	dst = dst[:0]
	for i := range s.Plans {
		pl := &s.Plans[i]
		if pl.NonRoth() <= 0 {
			continue
		}
		if s.planMayDistribute(pl, false) {
			dst = append(dst, Source{Kind: SourcePlanToRoth, Person: pl.Person, Plan: i})
		} else if pl.InPlanRoth {
			dst = append(dst, Source{Kind: SourceInPlanRoth, Person: pl.Person, Plan: i})
		}
	}
	for k := 0; k < s.NPeople; k++ {
		if q := rollIn[k]; q >= 0 {
			dst = append(dst, Source{Kind: SourceIRAWithRollIn, Person: k, Plan: q})
			continue
		}
		if s.People[k].IRA > 0 {
			dst = append(dst, Source{Kind: SourceIRA, Person: k, Plan: -1})
		}
	}
	return dst
}

// planMayDistribute reports whether plan pl may now distribute a pro-rata
// share of its non-Roth money (or, with whole, all of it): the sources a
// distribution touches are checked as Apply would check them.
func (s *State) planMayDistribute(pl *Plan, whole bool) bool {
	after := pl.AfterTax+pl.Earnings > 0 || (whole && pl.Pre1987 > 0)
	pretax := pl.Pretax > 0
	var e Effect
	return s.canDistribute(pl, s.Year, after, pretax, false, &e) == nil
}

// Cap returns the most that can move from src now: the IRA's balance; the
// IRA's pre-tax money (balance less Form 8606 line 3) in a roll-in year; a
// plan's non-Roth money.
func (s *State) Cap(src Source) money.Cents {
	switch src.Kind {
	case SourceIRA:
		return s.People[src.Person].IRA
	case SourceIRAWithRollIn:
		p := &s.People[src.Person]
		return money.Max(0, p.IRA-p.line3())
	default:
		return s.Plans[src.Plan].NonRoth()
	}
}

// ConvertibleBasis returns person k's IRA basis now (Form 8606 line 3 as
// the open year stands): what a roll-in year's conversion carries tax free.
// Conversions before that year spend basis pro rata, so the basis then is
// this less the nontaxable parts of those conversions (line 14 carried
// forward): counting those earlier conversions by their taxable parts and
// the roll-in year's by its pre-tax part plus this amount counts every
// dollar converted exactly once.
func (s *State) ConvertibleBasis(k int) money.Cents { return s.People[k].line3() }

// PlanAfterTax returns plan i's after-tax money that a whole distribution or
// subaccount split sends to Roth (after-tax contributions and pre-1987
// money). A partial distribution before it takes its pro-rata share of the
// after-tax contributions to Roth: counting such partial moves by their
// taxable parts and the whole move by this amount counts every dollar sent
// to Roth exactly once.
func (s *State) PlanAfterTax(i int) money.Cents {
	return s.Plans[i].AfterTax + s.Plans[i].Pre1987
}

func (p *Person) line3() money.Cents { return p.Basis + p.AfterTaxIn + p.Contributions }

// SourceMoves appends to dst the moves that carry out moving g from src,
// as Apply takes them: one conversion or distribution, and in a roll-in
// year the conversion of g plus the basis followed by the roll-in of the
// rest (which happens even when g is zero). g must be within Cap(src).
func (s *State) SourceMoves(dst []Move, src Source, g money.Cents) []Move {
	switch src.Kind {
	case SourceIRA:
		if g > 0 {
			dst = append(dst, Move{Kind: IRAConversion, Year: s.Year, Person: src.Person, Amount: g})
		}
	case SourceIRAWithRollIn:
		p := &s.People[src.Person]
		if c := money.Min(p.line3()+g, p.IRA); c > 0 {
			dst = append(dst, Move{Kind: IRAConversion, Year: s.Year, Person: src.Person, Amount: c})
		}
		if p.IRA-p.line3()-g > 0 {
			dst = append(dst, Move{Kind: IRARollIn, Year: s.Year, Person: src.Person, Plan: src.Plan, Whole: true})
		}
	case SourcePlanToRoth:
		if g > 0 {
			dst = append(dst, Move{Kind: PlanToRoth, Year: s.Year, Plan: src.Plan, Amount: g})
		}
	case SourceInPlanRoth:
		if g > 0 {
			dst = append(dst, Move{Kind: InPlanRothRollover, Year: s.Year, Plan: src.Plan, Amount: g})
		}
	}
	return dst
}

// Quote is what moving an amount from a fill source does, as the year's
// close will figure it.
type Quote struct {
	Taxable   money.Cents // added ordinary income
	Converted money.Cents // counts toward the goal (Effect.Converted)
}

// Quote returns, exactly, what moving g from src now adds to the year's
// ordinary income and to the goal, provided that no other money enters or
// leaves the person's IRAs later in the year (Form 8606 takes the IRA at its
// December 31 value, so later flows change every conversion's taxable part).
// For an IRA source it is the change in Form 8606 lines 15 + 18 of the year
// (conversions made earlier in the year keep theirs); for a roll-in year,
// the year's Form 8606 once the conversion of g plus the basis is made and
// the rest rolled in; for a plan, the pro-rata pre-tax part (IRC 72(e)(8)).
// It changes nothing and allocates nothing.
func (s *State) Quote(src Source, g money.Cents) Quote {
	switch src.Kind {
	case SourceIRA:
		p := &s.People[src.Person]
		before := p.yearEndOrdinary(p.IRA, p.Conversions)
		after := p.yearEndOrdinary(p.IRA-g, p.Conversions+g)
		return Quote{Taxable: after - before, Converted: g}
	case SourceIRAWithRollIn:
		p := &s.People[src.Person]
		c := money.Min(p.line3()+g, p.IRA)
		before := p.yearEndOrdinary(p.IRA, p.Conversions)
		after := p.yearEndOrdinary(0, p.Conversions+c)
		return Quote{Taxable: after - before, Converted: c}
	default:
		pl := &s.Plans[src.Plan]
		d := drawNonRoth(pl, g, false)
		return Quote{Taxable: d.taxable(), Converted: g}
	}
}

// yearEndOrdinary is the ordinary income Form 8606 gives the person's IRAs
// for the year (lines 15 + 18) if the year closed with the IRA worth value
// and conv converted, the year's other flows as they stand.
func (p *Person) yearEndOrdinary(value, conv money.Cents) money.Cents {
	q := *p
	q.IRA, q.Conversions = value, conv
	var f Form8606
	form8606(&q, &f)
	return f.Line15 + f.Line18
}

// Linear is a fill source's quote as a straight line in the amount g
// moved, for bounds: Quote(src, g).Taxable lies in
// [TaxRate·g + TaxConst - ErrLow(g), TaxRate·g + TaxConst + ErrHigh(g)],
// where TaxRate = TaxNum/TaxDen and Err*(g) = Err*Abs + Err*PPM·g/1e6, and
// Quote(src, g).Converted = g + ConvConst exactly, for 0 <= g <= Cap.
// Besides, Quote(src, g).Taxable >= g - MaxNontaxable: the nontaxable part
// never passes the basis there is (Form 8606 line 3 for an IRA, the plan's
// after-tax contributions), which is tighter than the line where a
// conversion takes nearly all of an account.
type Linear struct {
	Cap            money.Cents
	TaxNum, TaxDen int64
	TaxConst       money.Cents
	ErrLowAbs      money.Cents
	ErrHighAbs     money.Cents
	ErrLowPPM      int64
	ErrHighPPM     int64
	ConvConst      money.Cents
	MaxNontaxable  money.Cents
}

// ErrLow returns the linear model's allowance below it at g.
func (l *Linear) ErrLow(g money.Cents) money.Cents {
	return l.ErrLowAbs + money.MulDivCeil(g, l.ErrLowPPM, 1_000_000)
}

// ErrHigh returns the linear model's allowance above it at g.
func (l *Linear) ErrHigh(g money.Cents) money.Cents {
	return l.ErrHighAbs + money.MulDivCeil(g, l.ErrHighPPM, 1_000_000)
}

// line10PPM is Form 8606 line 10's rounding (half a unit of its fifth
// decimal) in millionths: a ratio rounded to five decimals is within 5 ppm
// of the exact one.
const line10PPM = 5

// Linear returns src's linear model now. less, for a bound on a year whose
// balances may be smaller than the state says, takes that much pre-tax
// money out of the source's pro-rata base: off Form 8606 line 9 for an IRA,
// off the non-Roth balance for a plan; it is ignored for a roll-in year.
//
// The allowances, from the forms' rounding:
//   - IRA: the nontaxable part of g is line 10 × (conversions + g) less line
//     10 × (earlier conversions), each rounded to the cent, so within a cent
//     of line 10 × g; line 11 is capped at line 3, which can raise the
//     taxable part by at most line 10's rounding (5 ppm) of the year's
//     conversions and distributions.
//   - Roll-in year: the conversion carries all the basis, so its taxable
//     part is at least g (the nontaxable part never passes line 3) and, when
//     the year has no other IRA distribution, at most g plus line 10's
//     rounding of the whole conversion and a cent.
//   - Plans: the after-tax part is amount × contributions / balance rounded
//     to the cent (IRC 72(e)(8)): within half a cent of the line.
func (s *State) Linear(src Source, less money.Cents) Linear {
	l := Linear{Cap: s.Cap(src), TaxNum: 1, TaxDen: 1}
	switch src.Kind {
	case SourceIRA:
		p := &s.People[src.Person]
		line9 := money.Max(p.IRA+p.Distributions+p.Conversions-less, 0)
		r := money.RatioOf(p.line3(), line9)
		l.TaxNum, l.TaxDen = money.RatioScale-int64(r), money.RatioScale
		l.MaxNontaxable = p.line3()
		if r > 0 {
			l.ErrLowAbs = money.Cent
			l.ErrHighAbs = money.Cent + money.MulDivCeil(p.Distributions+p.Conversions, line10PPM, 1_000_000)
			l.ErrHighPPM = line10PPM
		}
	case SourceIRAWithRollIn:
		p := &s.People[src.Person]
		basis := money.Min(p.line3(), p.IRA)
		l.ConvConst = basis
		// The conversion is g plus the basis and its nontaxable part never
		// passes the basis: at least g is taxable.
		l.MaxNontaxable = 0
		l.ErrHighAbs = money.Cent + money.MulDivCeil(basis+p.Conversions, line10PPM, 1_000_000)
		l.ErrHighPPM = line10PPM
		if p.Distributions > 0 {
			l.ErrHighAbs = basis + money.Cent
		}
	default:
		pl := &s.Plans[src.Plan]
		l.MaxNontaxable = pl.AfterTax
		if nr := money.Max(pl.NonRoth()-less, pl.AfterTax); nr > 0 {
			l.TaxNum, l.TaxDen = int64(nr-pl.AfterTax), int64(nr)
		}
		if pl.AfterTax > 0 {
			l.ErrLowAbs, l.ErrHighAbs = money.Cent, money.Cent
		}
	}
	return l
}

// Exact reports whether the model is the quote itself: no allowance on
// either side (a source with no basis, whose every dollar is taxable).
func (l *Linear) Exact() bool {
	return l.ErrLowAbs == 0 && l.ErrHighAbs == 0 && l.ErrLowPPM == 0 && l.ErrHighPPM == 0 && l.TaxConst == 0 &&
		l.TaxNum == l.TaxDen
}

// Widen returns l, the linear model of src on s (a state projected with no
// fill since an earlier year), loosened to bound the same source on any
// state reached instead by moving up to drawn from the same account in up
// to moves fill moves over years year-ends. The proof, for an IRA: let B
// and V be the basis and value and r the projected ratio; the excess X =
// B - r·V starts at zero, is left unchanged by growth (basis does not
// grow, r shrinks as V grows) but for half a cent of rounding a year, and a
// conversion g at the rounded ratio changes it by at most 5 ppm of g and
// half a cent; so a later conversion's nontaxable part exceeds the projected
// one by at most X, the two line 10 roundings (10 ppm of g) and a cent. A
// plan's after-tax share moves the same way without line 10's rounding,
// except that growth on pre-1987 money adds to the plan's pre-tax money
// (growth.go) whatever was drawn, so with both the share may fall further:
// the taxable part is then bounded above only by the amount itself.
func (s *State) Widen(l Linear, src Source, drawn money.Cents, moves, years int) Linear {
	if l.Exact() && s.noBasisAhead(src) {
		return l // no basis: every dollar is taxable whatever was drawn before
	}
	slack := money.Cents(moves+years+1) * money.Cent / 2
	switch src.Kind {
	case SourceIRAWithRollIn:
		// At least g is taxable on any state (see Linear): only the high
		// side moves.
		l.ErrHighPPM += 2 * line10PPM
		l.ErrHighAbs += slack + money.MulDivCeil(drawn, line10PPM, 1_000_000) + money.Cent
		return l
	case SourceIRA:
		slack += money.MulDivCeil(drawn, line10PPM, 1_000_000)
		l.ErrLowPPM += 2 * line10PPM
		l.ErrHighPPM += 2 * line10PPM
	default:
		if s.growthPPM != 0 && s.Plans[src.Plan].Pre1987 > 0 && drawn > 0 {
			l.ErrHighPPM = 1_000_000
		}
	}
	l.ErrLowAbs += slack + money.Cent
	l.ErrHighAbs += slack + money.Cent
	return l
}

// noBasisAhead reports whether src's account holds no basis on s, the
// projected state. Fill moves only ever take basis out of an account, so
// the account then holds none on any state reached by other fill amounts.
func (s *State) noBasisAhead(src Source) bool {
	switch src.Kind {
	case SourceIRA:
		return s.People[src.Person].line3() == 0
	case SourcePlanToRoth, SourceInPlanRoth:
		pl := &s.Plans[src.Plan]
		return pl.AfterTax == 0
	}
	return false
}
