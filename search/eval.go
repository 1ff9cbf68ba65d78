package search

import (
	"slices"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
)

// evaluator scores structures. One per worker: it owns every buffer it
// uses, so evaluating a candidate allocates nothing once warmed up.
type evaluator struct {
	sc         *scenario.Scenario
	base       *rules.State
	model      *objective.Model
	enum       *enumerator
	goal       money.Cents
	limitRate  float64 // constraints.max_marginal_rate; 0: none
	avoidIRMAA bool

	st       rules.State // the replayed household
	trial    rules.State // scratch copy for permission checks
	eff      rules.Effect
	trialEff rules.Effect
	mv       rules.Move // the move being applied (owned, so it does not escape)
	ledger   rules.Ledger
	cost     objective.Cost
	curves   []objective.Curve // per year, for the fill's cost
	probes   []yearProbe
	fy       []fillYear
	fill     filler
	fres     fillResult
	nmoves   int // moves applied by the last replay
	// maxFill makes replay convert, each year, all that the year's sources
	// hold as they stand then, within the year's limit (see maxReach).
	maxFill bool
	// greedy, with maxFill, converts each year only what the goal still
	// needs (greedyCandidate); greedyDone is what earlier years converted,
	// greedyUsed that some structure was scored that way.
	greedy     bool
	greedyDone money.Cents
	greedyUsed bool
	greedyLB   money.Cents   // the least lower bound of a structure scored greedily
	limits     []money.Cents // per year: most added income allowed; negative: none
	// explicit, when set, replaces the per-year fill with amounts per source
	// (see swapPolish); capture records the fill's split into captured.
	explicit  []srcAmount
	capture   bool
	captured  []srcAmount
	drained   bool        // the last replay's fill emptied a source in some year
	lpGross   []float64   // the last LP's gross per source (see lpSolve)
	sp        simplex     // the in-search LP solver and its buffers
	lpG       []lpGVar    // the LP's gross variables (buildLP)
	lpZ       []lpZVar    // the LP's curve segments (buildLP)
	lpPlan    []srcAmount // lpCandidate's plan; a kept candidate copies it
	lastReach money.Cents // the most the last structure evaluated can convert
	bestGross []money.Cents
	prevGross []money.Cents // the fill of evaluate's previous try
	costFns   []func(money.Cents) money.Cents
	// The resumer's checkpoints (replayFrom), each year's discounted cost
	// (scoreFrom) and the gross of the last replay with checkpoints (empty:
	// none to resume from).
	ckpt       []checkpoint // nil outside a resumer: no saving
	ckptBuf    []checkpoint
	yearPV     []money.Cents
	resumeLast []money.Cents

	// record, when set, receives every move applied and its effect (output
	// only; the hot path leaves it nil).
	record func(m *rules.Move, e *rules.Effect)

	evaluations int
}

func newEvaluator(p *prepared) *evaluator {
	sc, base := p.sc, p.base
	h := sc.HorizonYears
	e := &evaluator{sc: sc, base: base, model: p.model, enum: p.enum, goal: sc.Goal.Convert}
	if r := sc.Constraints.MaxMarginalRate; r != nil {
		e.limitRate = *r
	}
	e.avoidIRMAA = sc.Constraints.IRMAA == scenario.IRMAAAvoid
	e.ledger.Years = make([]rules.YearResult, h)
	e.probes = make([]yearProbe, h)
	e.fy = make([]fillYear, h)
	base.CopyTo(&e.st)
	base.CopyTo(&e.trial)
	e.limits = make([]money.Cents, h)
	for y := range e.limits {
		e.limits[y] = e.computeLimit(y)
	}
	return e
}

// apply runs one move on the replayed state. m is copied into the
// evaluator's own move so that callers' moves stay on their stacks.
func (e *evaluator) apply(mv *rules.Move) error {
	e.mv = *mv
	m := &e.mv
	if err := e.st.Apply(m, &e.eff); err != nil {
		return err
	}
	e.nmoves++
	if e.record != nil {
		e.record(m, &e.eff)
	}
	return nil
}

// allowed reports whether move m could be applied now, on a scratch copy.
func (e *evaluator) allowed(mv *rules.Move) bool {
	e.st.CopyTo(&e.trial)
	e.mv = *mv
	return e.trial.Apply(&e.mv, &e.trialEff) == nil
}

// replay applies structure s over the horizon and records, year by year,
// the continuous sources available at the fill point (in fill order) and the
// year's own figures. With fill set it also converts e.fres.gross[y] in each
// year y, split across that year's sources in fill order as they stand then;
// a year asking more than its sources hold converts all they hold, and the
// shortfall shows in the ledger.
func (e *evaluator) replay(s *structure, fill bool) error {
	e.base.CopyTo(&e.st)
	e.nmoves = 0
	e.drained = false
	e.greedyDone = 0
	return e.replayYears(s, fill, 0)
}

// replayYears is replay from year from on, the state standing as the years
// before left it. With e.ckpt sized, it saves the state before each later
// year there (see replayFrom).
func (e *evaluator) replayYears(s *structure, fill bool, from int) error {
	start := e.sc.StartYear
	for y := from; y < e.sc.HorizonYears; y++ {
		if y > from && y < len(e.ckpt) {
			c := &e.ckpt[y]
			e.st.CopyTo(&c.st)
			c.nmoves, c.drained = e.nmoves, e.drained
		}
		year := start + y
		if err := e.structural(s, y, year); err != nil {
			return err
		}
		e.snapshot(s, y, year)
		if fill && e.explicit != nil {
			if err := e.applyExplicit(y, year); err != nil {
				return err
			}
		} else if fill {
			var g money.Cents
			if e.maxFill {
				g = e.yearMax(y)
				if e.greedy {
					g = e.greedyGross(y, g)
				}
			} else {
				g = e.fres.gross[y]
			}
			if err := e.applyFill(y, year, g); err != nil {
				return err
			}
		}
		if err := e.rollIns(s, y, year); err != nil {
			return err
		}
		e.st.CloseYear(year, &e.ledger.Years[y])
		if e.greedy {
			e.greedyDone += e.ledger.Years[y].Converted
		}
		if !fill {
			p := &e.probes[y]
			r := &e.ledger.Years[y]
			p.fixed, p.penalty, p.conv = r.AddedOrdinary, r.PenaltyBase, r.Converted
		}
	}
	e.ledger.BasisLeft = e.st.BasisLeft()
	return nil
}

// checkpoint is the replay's state before a year.
type checkpoint struct {
	st      rules.State
	nmoves  int
	drained bool
}

// replayFrom replays the fill in e.fres.gross on s from year from, the
// years before it as the previous replay with checkpoints left them: that
// replay must have had the same gross in those years. Year 0 starts afresh.
func (e *evaluator) replayFrom(s *structure, from int) error {
	if from == 0 {
		return e.replay(s, true)
	}
	c := &e.ckpt[from]
	c.st.CopyTo(&e.st)
	e.nmoves, e.drained, e.greedyDone = c.nmoves, c.drained, 0
	return e.replayYears(s, true, from)
}

// structural applies the plan moves of year y (before any conversion).
func (e *evaluator) structural(s *structure, y, year int) error {
	for i, pc := range s.plans {
		p := &e.st.Plans[i]
		if y == 0 && pc.act != actSplitToIRA && pc.act != actIndirect && pc.act != actWholeToRoth && p.Pre1987 > 0 {
			// Pre-1987 after-tax money can leave first and tax free (IRC
			// 72(e)(8)(D)); it costs nothing, so it goes whenever allowed.
			m := rules.Move{Kind: rules.Pre1987ToRoth, Year: year, Plan: i, Whole: true}
			if e.allowed(&m) {
				if err := e.apply(&m); err != nil {
					return err
				}
			}
		}
		if pc.act == actKeep || int(pc.year) != y {
			continue
		}
		var m rules.Move
		switch pc.act {
		case actSplitToIRA:
			m = rules.Move{Kind: rules.SplitRollover, Year: year, Plan: i, Whole: true}
		case actWholeToRoth:
			m = rules.Move{Kind: rules.PlanToRoth, Year: year, Plan: i, Whole: true}
		case actSubaccount:
			m = rules.Move{Kind: rules.SubaccountSplitRollover, Year: year, Plan: i, Whole: true}
		case actIndirect:
			// Roll the whole pre-tax part to the IRA within 60 days, making up
			// the 20% withheld from cash, and the after-tax rest to Roth.
			m = rules.Move{Kind: rules.IndirectRollover, Year: year, Plan: i, Whole: true,
				Rollover: p.Pretax + p.Earnings, AfterTaxToRoth: true}
		}
		if err := e.apply(&m); err != nil {
			return err
		}
		if p.Roth > 0 && pc.act != actSubaccount {
			// The designated Roth money leaves with the rest: not a
			// conversion, but the client asks for it in the same request.
			d := rules.Move{Kind: rules.DesignatedRothRollover, Year: year, Plan: i, Whole: true}
			if e.allowed(&d) {
				if err := e.apply(&d); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// rollIns applies year y's roll-ins of IRA pre-tax money into a plan and
// the tax-free conversion of the basis they leave behind.
func (e *evaluator) rollIns(s *structure, y, year int) error {
	for k := 0; k < e.st.NPeople; k++ {
		r := s.rollIn[k]
		if r.plan < 0 || int(r.year) != y {
			continue
		}
		m := rules.Move{Kind: rules.IRARollIn, Year: year, Person: k, Plan: int(r.plan), Whole: true}
		if err := e.apply(&m); err != nil {
			return err
		}
		if e.st.People[k].IRA > 0 {
			c := rules.Move{Kind: rules.IRAConversion, Year: year, Person: k, Whole: true}
			if err := e.apply(&c); err != nil {
				return err
			}
		}
	}
	return nil
}

// snapshot records the continuous sources of year y at the fill point.
func (e *evaluator) snapshot(s *structure, y, year int) {
	p := &e.probes[y]
	p.src = p.src[:0]
	for k := 0; k < e.st.NPeople; k++ {
		per := &e.st.People[k]
		if per.IRA <= 0 {
			continue
		}
		basis := per.Basis + per.Contributions + per.AfterTaxIn
		ri := s.rollIn[k]
		switch {
		case ri.plan >= 0 && int(ri.year) == y:
			if per.IRA-basis > 0 {
				p.src = append(p.src, contSource{kind: srcIRARollInYear, person: k, plan: -1,
					den: int64(basis), cap: per.IRA - basis})
			}
		default:
			// Line 9 is the year-end value plus the year's conversions: the IRA
			// as it stands at the fill point, whatever is converted.
			p.src = append(p.src, contSource{kind: srcIRA, person: k, plan: -1,
				num: int64(money.RatioOf(basis, per.IRA)), den: money.RatioScale, cap: per.IRA,
				deferBasis: ri.plan >= 0 && int(ri.year) > y})
		}
	}
	for i, pc := range s.plans {
		pl := &e.st.Plans[i]
		if pl.NonRoth() <= 0 {
			continue
		}
		if pc.act != actKeep && !(pc.act == actSubaccount && int(pc.year) <= y) {
			continue
		}
		kind := srcPlanToRoth
		m := rules.Move{Kind: rules.PlanToRoth, Year: year, Plan: i, Amount: money.Dollar}
		if !e.allowed(&m) {
			kind = srcInPlanRoth
			m = rules.Move{Kind: rules.InPlanRothRollover, Year: year, Plan: i, Amount: money.Dollar}
			if !e.allowed(&m) {
				continue
			}
		}
		p.src = append(p.src, contSource{kind: kind, person: pl.Person, plan: i,
			num: int64(pl.AfterTax), den: int64(pl.NonRoth()), cap: pl.NonRoth()})
	}
	slices.SortStableFunc(p.src, compareSources)
}

// applyFill converts gross g in year y from the year's sources in order.
func (e *evaluator) applyFill(y, year int, g money.Cents) error {
	src := e.probes[y].src
	for j := range src {
		if g <= 0 {
			break
		}
		c := &src[j]
		take := money.Min(g, c.cap)
		g -= take
		if take <= 0 {
			continue
		}
		if err := e.applySource(c, year, take); err != nil {
			return err
		}
		if take == c.cap {
			e.drained = true
		}
		if e.capture {
			e.captured = append(e.captured, srcAmount{year: y, kind: c.kind, person: c.person, plan: c.plan, amount: take})
		}
	}
	return nil
}

// srcAmount is an amount converted from one continuous source in one year
// (index from the start year), named by what the source is rather than by
// its place in the year's fill order, which rounding can reorder.
type srcAmount struct {
	year   int
	kind   sourceKind
	person int
	plan   int
	amount money.Cents
}

func (a *srcAmount) is(c *contSource) bool {
	return a.kind == c.kind && a.person == c.person && a.plan == c.plan
}

// applyExplicit converts year y's amounts from e.explicit. An amount beyond
// what its source holds now is an error: that plan cannot be carried out.
func (e *evaluator) applyExplicit(y, year int) error {
	src := e.probes[y].src
	for i := range e.explicit {
		a := &e.explicit[i]
		if a.year != y || a.amount == 0 {
			continue
		}
		found := false
		for j := range src {
			if a.is(&src[j]) {
				if a.amount > src[j].cap {
					return errOracleCap{}
				}
				if err := e.applySource(&src[j], year, a.amount); err != nil {
					return err
				}
				found = true
				break
			}
		}
		if !found {
			return errOracleCap{}
		}
	}
	return nil
}

// applySource converts amount from one continuous source.
func (e *evaluator) applySource(c *contSource, year int, amount money.Cents) error {
	var m rules.Move
	switch c.kind {
	case srcIRA:
		m = rules.Move{Kind: rules.IRAConversion, Year: year, Person: c.person, Amount: amount}
	case srcIRARollInYear:
		// Convert the pre-tax amount and the basis together; the roll-in
		// then takes the rest of the pre-tax money, so line 9 is this
		// conversion and the basis rides along tax free.
		m = rules.Move{Kind: rules.IRAConversion, Year: year, Person: c.person, Amount: amount + money.Cents(c.den)}
	case srcPlanToRoth:
		m = rules.Move{Kind: rules.PlanToRoth, Year: year, Plan: c.plan, Amount: amount}
	case srcInPlanRoth:
		m = rules.Move{Kind: rules.InPlanRothRollover, Year: year, Plan: c.plan, Amount: amount}
	}
	return e.apply(&m)
}
