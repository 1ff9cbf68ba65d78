package rules

import "github.com/rothpath/optimize/money"

// Apply validates m against the state, carries it out and records what it did
// in e. A move that is not allowed returns a *MoveError (wrapping one of the
// Err* sentinels, naming the account) and leaves the state unchanged. Apply
// allocates nothing.
func (s *State) Apply(m *Move, e *Effect) error {
	if m.Year != s.Year {
		return s.fail(ErrYear, s.sourceID(m), "")
	}
	if m.Amount < 0 || m.Rollover < 0 || m.ExtraToRoth < 0 {
		return s.fail(ErrBadMove, s.sourceID(m), "negative amount")
	}
	if m.usesPlan() && (m.Plan < 0 || m.Plan >= len(s.Plans)) {
		return s.fail(ErrBadMove, "", "plan index out of range")
	}
	if !m.usesPlan() && (m.Person < 0 || m.Person >= s.NPeople) {
		return s.fail(ErrBadMove, "", "person index out of range")
	}
	e.reset(m, s.sourceID(m))
	switch m.Kind {
	case IRAConversion:
		return s.iraConversion(m, e)
	case SplitRollover:
		return s.split(m, e, false, false)
	case SubaccountSplitRollover:
		return s.split(m, e, true, false)
	case PlanToRoth:
		return s.split(m, e, false, true)
	case IndirectRollover:
		return s.indirect(m, e, m.Rollover, m.AfterTaxToRoth)
	case Pre1987ToRoth:
		return s.pre1987(m, e)
	case InPlanRothRollover:
		return s.inPlanRoth(m, e)
	case IRARollIn:
		return s.iraRollIn(m, e)
	case DesignatedRothRollover:
		return s.designatedRoth(m, e)
	case CashOut:
		if m.FromIRA {
			return s.iraCashOut(m, e)
		}
		return s.indirect(m, e, 0, false)
	case IRAContribution:
		return s.iraContribution(m, e)
	}
	return s.fail(ErrBadMove, "", "unknown kind")
}

// usesPlan reports whether Move.Plan names the plan the move acts on (as
// source, or as the receiving plan of ira_roll_in); otherwise Move.Person
// names the person whose IRA is the source.
func (m *Move) usesPlan() bool {
	switch m.Kind {
	case IRAConversion, IRAContribution:
		return false
	case CashOut:
		return !m.FromIRA
	}
	return true
}

// sourceID is the id of the account money leaves, for errors and effects.
func (s *State) sourceID(m *Move) string {
	switch {
	case m.usesPlan() && (m.Plan < 0 || m.Plan >= len(s.Plans)):
		return ""
	case m.Kind == IRARollIn:
		return s.People[s.Plans[m.Plan].Person].IRAID
	case m.usesPlan():
		return s.Plans[m.Plan].ID
	case m.Person < 0 || m.Person >= s.NPeople:
		return ""
	}
	return s.People[m.Person].IRAID
}

// amountOf resolves Whole and checks 0 < amount <= avail.
func (s *State) amountOf(m *Move, avail money.Cents, id string) (money.Cents, error) {
	amt := m.Amount
	if m.Whole {
		amt = avail
	}
	if amt <= 0 {
		return 0, s.fail(ErrNotPositive, id, "")
	}
	if amt > avail {
		return 0, s.fail(ErrExceedsBalance, id, "")
	}
	return amt, nil
}

// canDistribute checks that plan pl may distribute the sources a move
// touches. A person still employed by the plan's employer may take only the
// sources listed in in_service_sources; elective (pre-tax and designated
// Roth) money and any governmental 457(b) money also need age 59½
// (IRC 401(k)(2)(B)(i)(III); 403(b)(11); 457(d)(1)(A)(i) as amended by the
// SECURE Act, section 104). Early-distribution age for 72(t) uses the same
// date: when 59½ is reached in the move's year, the step must come after it.
func (s *State) canDistribute(pl *Plan, year int, after, pretax, roth bool, e *Effect) error {
	if pl.Separated {
		e.Requires |= ReqDistribution
		return nil
	}
	if after {
		if !pl.InServiceAfter {
			return s.fail(ErrInService, pl.ID, "source after_tax")
		}
		e.Requires |= ReqInServiceAfter
	}
	if pretax {
		if !pl.InServicePretax {
			return s.fail(ErrInService, pl.ID, "source pretax")
		}
		e.Requires |= ReqInServicePretax
	}
	if roth {
		if !pl.InServiceRoth {
			return s.fail(ErrInService, pl.ID, "source roth")
		}
		e.Requires |= ReqInServiceRoth
	}
	if pretax || roth || (after && pl.Kind == kind457) {
		if !s.Is59Half(pl.Person, year) {
			return s.fail(ErrAge59Half, pl.ID, "")
		}
		if !s.Is59Half(pl.Person, year-1) {
			e.Requires |= ReqAge59Half
		}
	}
	return nil
}

// early reports whether a distribution to person i in year is before 59½
// (IRC 72(t)(2)(A)(i)). The exception for separation from service in or after
// the year of turning 55 (72(t)(2)(A)(v)) is not applied: the scenario has no
// separation year, so we take the conservative reading.
func (s *State) early(i, year int, e *Effect) bool {
	if !s.Is59Half(i, year) {
		return true
	}
	if !s.Is59Half(i, year-1) {
		e.Requires |= ReqAge59Half
	}
	return false
}
