package search

import (
	"fmt"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
)

// Replay carries out a strategy's steps on the household from its own
// words (action, from, destinations), with nothing of the search that found
// it, and returns the ledger: the guarantee that any strategy this program
// prints can be checked by another program. Each step becomes a rules.Move
// applied in order, and every year of the horizon is closed. A step whose
// move the rules refuse, or whose money does not land where the step says it
// does (account, amount, and the taxable part known at the move), is an
// error naming the step.
//
// The strategy's cost is objective.NewModel(sc).Cost(ledger); its Converted
// and Taxable are the sums of the ledger years' Converted and AddedOrdinary,
// its BasisLeft the ledger's.
func Replay(sc *scenario.Scenario, st *Strategy) (*rules.Ledger, error) {
	s, err := rules.NewState(sc)
	if err != nil {
		return nil, err
	}
	l := &rules.Ledger{}
	var trial rules.State
	var eff rules.Effect
	i := 0
	last := s.StartYear + s.Horizon - 1
	for y := s.Year; y <= last; y++ {
		for ; i < len(st.Steps) && st.Steps[i].Year == y; i++ {
			step := &st.Steps[i]
			m, err := stepMove(s, &trial, step)
			if err != nil {
				return nil, fmt.Errorf("search: replay step %d (%d %s from %s): %w", i+1, step.Year, step.Kind.Action(), step.From, err)
			}
			if err := s.Apply(&m, &eff); err != nil {
				return nil, fmt.Errorf("search: replay step %d (%d %s from %s): %w", i+1, step.Year, step.Kind.Action(), step.From, err)
			}
		}
		if i < len(st.Steps) && st.Steps[i].Year < y {
			return nil, fmt.Errorf("search: replay step %d: year %d out of order", i+1, st.Steps[i].Year)
		}
		l.Years = append(l.Years, rules.YearResult{})
		s.CloseYear(y, &l.Years[len(l.Years)-1])
	}
	if i < len(st.Steps) {
		return nil, fmt.Errorf("search: replay step %d: year %d outside the horizon %d-%d", i+1, st.Steps[i].Year, s.StartYear, last)
	}
	l.BasisLeft = s.BasisLeft()
	return l, nil
}

// stepMove rebuilds the move of one step from its words: the candidate
// readings of the step are tried, in order, on a copy of the state, and the
// first whose effect matches the step's destinations is the move.
func stepMove(s, trial *rules.State, step *Step) (rules.Move, error) {
	kind := step.Kind
	if kind.Action() == "" {
		return rules.Move{}, fmt.Errorf("unknown action %d", kind)
	}
	var total money.Cents
	var toIRA, toRoth, toCash money.Cents
	target := -1
	for _, d := range step.To {
		if d.Amount <= 0 {
			return rules.Move{}, fmt.Errorf("destination %q: amount %s not positive", d.Account, d.Amount)
		}
		total += d.Amount
		if d.Account == "" {
			toCash += d.Amount
			continue
		}
		ref, ok := s.Lookup(d.Account)
		if !ok {
			return rules.Move{}, fmt.Errorf("unknown destination account %q", d.Account)
		}
		switch {
		case ref.Kind == scenario.KindRothIRA:
			toRoth += d.Amount
		case ref.Kind == scenario.KindTraditionalIRA:
			toIRA += d.Amount
		case ref.Plan >= 0:
			toIRA += d.Amount // a plan as the traditional destination
			target = ref.Plan
		}
	}
	from, ok := s.Lookup(step.From)
	if !ok {
		return rules.Move{}, fmt.Errorf("unknown account %q", step.From)
	}
	base := rules.Move{Kind: kind, Year: step.Year, Person: from.Person, Plan: from.Plan, Amount: total}
	var cands []rules.Move
	add := func(m rules.Move) { cands = append(cands, m) }
	whole := func(m rules.Move) rules.Move { m.Whole, m.Amount = true, 0; return m }
	switch kind {
	case rules.IRAConversion, rules.IRAContribution:
		if from.Plan >= 0 {
			return rules.Move{}, fmt.Errorf("%s from a plan", step.Kind.Action())
		}
		add(base)
	case rules.CashOut:
		if from.Plan < 0 {
			base.FromIRA = true
			add(base)
			break
		}
		add(whole(base))
		add(base)
	case rules.SplitRollover, rules.SubaccountSplitRollover:
		if from.Plan < 0 {
			return rules.Move{}, fmt.Errorf("%s from an account that is not a plan", step.Kind.Action())
		}
		if target >= 0 {
			base.ToPlan, base.Target = true, target
		}
		base.ToCash = toCash
		// The Roth IRA gets the after-tax part by default; anything beyond
		// it is ExtraToRoth, anything short of it means the after-tax part
		// went to the traditional destination.
		def := base
		def.ExtraToRoth = 0
		for _, w := range []bool{true, false} {
			m := def
			if w {
				m = whole(m)
			}
			if r, ok := rothShare(trial, s, &m); ok {
				switch {
				case toRoth >= r:
					m.ExtraToRoth = toRoth - r
					add(m)
				default:
					m.AfterTaxToIRA, m.ExtraToRoth = true, toRoth
					add(m)
				}
			}
		}
	case rules.PlanToRoth, rules.IndirectRollover:
		if from.Plan < 0 {
			return rules.Move{}, fmt.Errorf("%s from an account that is not a plan", step.Kind.Action())
		}
		if kind == rules.IndirectRollover {
			base.Rollover = toIRA
			base.AfterTaxToRoth = toRoth > 0
		}
		add(whole(base))
		add(base)
	case rules.Pre1987ToRoth, rules.DesignatedRothRollover:
		if from.Plan < 0 {
			return rules.Move{}, fmt.Errorf("%s from an account that is not a plan", step.Kind.Action())
		}
		add(whole(base))
		add(base)
	case rules.InPlanRothRollover:
		if from.Plan < 0 {
			return rules.Move{}, fmt.Errorf("%s from an account that is not a plan", step.Kind.Action())
		}
		add(base)
		sub := base
		sub.FromSubaccount = true
		add(sub)
	case rules.IRARollIn:
		if from.Plan >= 0 || target < 0 {
			return rules.Move{}, fmt.Errorf("ira_roll_in must go from an IRA to a plan")
		}
		base.Plan = target
		add(whole(base))
		add(base)
	default:
		return rules.Move{}, fmt.Errorf("action %q not replayable", step.Kind.Action())
	}
	var firstErr error
	for i := range cands {
		s.CopyTo(trial)
		var e rules.Effect
		if err := trial.Apply(&cands[i], &e); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if matches(&e, step) {
			return cands[i], nil
		}
	}
	if firstErr != nil {
		return rules.Move{}, firstErr
	}
	return rules.Move{}, fmt.Errorf("no move gives the step's destinations %v", step.To)
}

// rothShare is what the Roth IRA would receive from split move m with
// ExtraToRoth 0 and AfterTaxToIRA false: the distribution's after-tax part
// net of any cash taken.
func rothShare(trial, s *rules.State, m *rules.Move) (money.Cents, bool) {
	s.CopyTo(trial)
	var e rules.Effect
	if err := trial.Apply(m, &e); err != nil {
		return 0, false
	}
	var r money.Cents
	for _, d := range e.Destinations() {
		if d.Kind == rules.DestRothIRA {
			r += d.Amount
		}
	}
	return r, true
}

// matches reports whether effect e lands the money where step says: the same
// destinations in the same order with the same amounts, the same taxable
// parts where the move decides them (an IRA conversion's is decided at year
// end by Form 8606), and the same cash make-up.
func matches(e *rules.Effect, step *Step) bool {
	ds := e.Destinations()
	if len(ds) != len(step.To) || e.CashUsed != step.CashUsed {
		return false
	}
	for i, d := range ds {
		t := step.To[i]
		if d.Account != t.Account || d.Amount != t.Amount {
			return false
		}
		if !e.Deferred && d.Taxable != t.Taxable {
			return false
		}
	}
	return true
}
