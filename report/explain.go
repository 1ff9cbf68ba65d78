package report

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// NextStep is the added income whose cost each year's explanation gives:
// "the next $1,000".
var NextStep = money.Dollars(1000)

// atThreshold is how far below a threshold a year's added income may stop
// and still be said to stop there: fills are in whole dollars of the amount
// moved, and the taxable part of a dollar moved can be less than a dollar.
var atThreshold = money.Dollars(2)

// StopKind is why a year's added income stops where it does.
type StopKind uint8

// Stop kinds.
const (
	StopThreshold    StopKind = iota + 1 // a point of the law (Threshold)
	StopEmptied                          // the source of the year's moves is emptied (Account)
	StopGoalMet                          // the goal is met: the year takes what the goal still needs
	StopNothing                          // nothing moved this year: other years are cheaper
	StopTaxFreeOnly                      // only tax-free moves this year
	StopWholeBalance                     // a whole plan distribution sets the amount
)

// Stop is one reason a year stops where it does.
type Stop struct {
	Kind      StopKind
	Threshold objective.Threshold // StopThreshold; StopGoalMet with Room: the next one above
	Room      bool                // StopGoalMet: Threshold is where the year's rate next rises
	Account   string              // StopEmptied, StopWholeBalance: the account's name
}

// YearExplained is one year of a strategy with why it stops there and what
// the next NextStep of income would cost.
type YearExplained struct {
	Year  int
	Added money.Cents
	Stops []Stop
	Next  objective.NextCost
}

// explainer holds what the explanations of one report need.
type explainer struct {
	sc    *scenario.Scenario
	model *objective.Model
	names map[string]string
	plans map[string]money.Cents
}

func newExplainer(in Input) *explainer {
	e := &explainer{names: accountNames(in.Household), plans: in.PlanTotals}
	if in.Household == nil {
		return e
	}
	m, err := objective.NewModel(in.Household)
	if err != nil {
		return e
	}
	e.sc, e.model = in.Household, m
	return e
}

// accountNames maps each account id of the household to its name (label).
func accountNames(sc *scenario.Scenario) map[string]string {
	out := map[string]string{}
	if sc == nil {
		return out
	}
	for _, p := range sc.People {
		for _, a := range p.Accounts {
			out[a.ID] = a.Name()
		}
	}
	return out
}

// name is how sentences call an account: its label, its id, or for an
// account a strategy creates, what it is.
func (e *explainer) name(id string) string {
	if n, ok := e.names[id]; ok {
		return n
	}
	if e.sc != nil {
		for _, p := range e.sc.People {
			switch id {
			case p.ID + "-roth-ira":
				return "a new Roth IRA for " + p.ID
			case p.ID + "-ira":
				return "a new traditional IRA for " + p.ID
			}
		}
	}
	return id
}

// costRises reports whether crossing a threshold of the kind makes the next
// dollar dearer (the points where the cost's growth slows are no reason to
// stop).
func costRises(k objective.ThresholdKind) bool {
	switch k {
	case objective.SocialSecurityCap, objective.SeniorPhaseOutEnd, objective.GainsBandEnd, objective.NIITEnd:
		return false
	}
	return true
}

// explain gives each year of the strategy its reasons and next cost; nil
// without the household.
func (e *explainer) explain(s *search.Strategy, goal money.Cents) []YearExplained {
	if e.model == nil {
		return nil
	}
	out := make([]YearExplained, 0, len(s.Years))
	emptied := e.emptiedByYear(s)
	for _, y := range s.Years {
		i := y.Year - e.sc.StartYear
		if i < 0 || i >= e.model.Years() {
			continue
		}
		ye := YearExplained{Year: y.Year, Added: y.AddedTaxable, Next: e.model.NextCost(i, y.AddedTaxable, NextStep)}
		steps := 0
		whole := ""
		for _, st := range s.Steps {
			if st.Year == y.Year {
				steps++
				if isWholeDistribution(st.Kind) && whole == "" {
					whole = e.name(st.From)
				}
			}
		}
		switch {
		case steps == 0:
			ye.Stops = append(ye.Stops, Stop{Kind: StopNothing})
		case y.AddedTaxable == 0:
			ye.Stops = append(ye.Stops, Stop{Kind: StopTaxFreeOnly})
		default:
			var room *objective.Threshold
			ts := e.model.Thresholds(i)
			for j, t := range ts {
				if !costRises(t.Kind) || (t.Kind == objective.IRMAATier && e.sc.Constraints.IRMAA == scenario.IRMAAIgnore) {
					continue
				}
				d := t.Added - y.AddedTaxable
				if d >= 0 && d < atThreshold {
					ye.Stops = append(ye.Stops, Stop{Kind: StopThreshold, Threshold: t})
				} else if d > 0 && room == nil {
					room = &ts[j]
				}
			}
			for _, acct := range emptied[y.Year] {
				ye.Stops = append(ye.Stops, Stop{Kind: StopEmptied, Account: acct})
			}
			if len(ye.Stops) == 0 {
				switch {
				case s.Converted >= goal && goal > 0 && onlyWholeTaxable(s, y.Year):
					ye.Stops = append(ye.Stops, Stop{Kind: StopWholeBalance, Account: whole})
				case room != nil:
					ye.Stops = append(ye.Stops, Stop{Kind: StopGoalMet, Threshold: *room, Room: true})
				default:
					ye.Stops = append(ye.Stops, Stop{Kind: StopGoalMet})
				}
			}
		}
		out = append(out, ye)
	}
	return out
}

// isWholeDistribution reports whether a move distributes a whole plan or
// subaccount, so that its amount is the plan's and not chosen.
func isWholeDistribution(k rules.MoveKind) bool {
	switch k {
	case rules.SplitRollover, rules.SubaccountSplitRollover, rules.IndirectRollover, rules.Pre1987ToRoth, rules.DesignatedRothRollover:
		return true
	}
	return false
}

// onlyWholeTaxable reports whether every taxable step of the year moves a
// whole plan (its taxable part is set by the plan, not chosen).
func onlyWholeTaxable(s *search.Strategy, year int) bool {
	any := false
	for _, st := range s.Steps {
		if st.Year != year {
			continue
		}
		for _, d := range st.To {
			if d.Taxable > 0 {
				if !isWholeDistribution(st.Kind) {
					return false
				}
				any = true
			}
		}
	}
	return any
}

// emptiedByYear names, per year, the sources of chosen amounts that the
// year's moves empty: a person's traditional IRAs when a conversion leaves
// Form 8606 line 6 (the December 31 value) at zero, and a plan when its
// partial moves add up to its whole starting balance.
func (e *explainer) emptiedByYear(s *search.Strategy) map[int][]string {
	out := map[int][]string{}
	moved := map[string]money.Cents{}
	for _, y := range s.Years {
		seen := map[string]bool{}
		for _, st := range s.Steps {
			if st.Year != y.Year || seen[st.From] {
				continue
			}
			switch st.Kind {
			case rules.IRAConversion, rules.IRARollIn:
				for _, f := range y.Form8606 {
					if f.Line6 == 0 && e.ownsIRA(f.Person, st.From) {
						out[y.Year] = append(out[y.Year], e.name(st.From))
						seen[st.From] = true
					}
				}
			case rules.PlanToRoth, rules.InPlanRothRollover, rules.CashOut:
				for _, d := range st.To {
					moved[st.From] += d.Amount
				}
				if total, ok := e.plans[st.From]; ok && total > 0 && moved[st.From] >= total {
					out[y.Year] = append(out[y.Year], e.name(st.From))
					seen[st.From] = true
				}
			}
		}
	}
	return out
}

// ownsIRA reports whether the IRA id belongs to the person (or is the
// person's aggregated IRA).
func (e *explainer) ownsIRA(person, id string) bool {
	if e.sc == nil {
		return false
	}
	for _, p := range e.sc.People {
		if p.ID != person {
			continue
		}
		if id == p.ID+"-ira" {
			return true
		}
		for _, a := range p.Accounts {
			if a.ID == id {
				return true
			}
		}
	}
	return false
}
