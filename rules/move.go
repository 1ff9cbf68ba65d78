package rules

import "github.com/rothpath/optimize/money"

// MoveKind is one of the step actions of shared/spec/scenario.md.
type MoveKind uint8

// Move kinds, in the order of the spec's action table. IRAContribution is
// not a spec action: it exists so that Form 8606 line 1 (a nondeductible
// contribution, e.g. the "backdoor" examples) can be tested; the search does
// not propose it.
const (
	IRAConversion MoveKind = iota + 1
	SplitRollover
	SubaccountSplitRollover
	PlanToRoth
	IndirectRollover
	Pre1987ToRoth
	InPlanRothRollover
	IRARollIn
	DesignatedRothRollover
	CashOut
	IRAContribution
	numKinds
)

var actionNames = [numKinds]string{
	"", "ira_conversion", "split_rollover", "subaccount_split_rollover",
	"plan_to_roth", "indirect_rollover", "pre1987_to_roth",
	"in_plan_roth_rollover", "ira_roll_in", "designated_roth_rollover",
	"cash_out", "ira_contribution",
}

// Action returns the scenario.md action name ("ira_conversion", ...).
func (k MoveKind) Action() string {
	if k == 0 || k >= numKinds {
		return ""
	}
	return actionNames[k]
}

// KindOf returns the kind with the given action name.
func KindOf(action string) (MoveKind, bool) {
	for k := MoveKind(1); k < numKinds; k++ {
		if actionNames[k] == action {
			return k, true
		}
	}
	return 0, false
}

// Move is one step of a strategy. It is a small value: the search fills a
// slice of them and calls Apply. Which fields matter depends on Kind:
//
//   - Year: the tax year; must be the State's open year.
//   - Person: the person (index) whose IRA is the source: ira_conversion,
//     cash_out with FromIRA, ira_contribution. Plan moves take the person from
//     the plan.
//   - Plan: the plan (index into State.Plans) that is the source of a plan
//     move, or the receiving plan of ira_roll_in.
//   - Amount: the gross amount moved; ignored when Whole.
//   - Whole: move everything the source can give (the whole non-Roth plan
//     money including pre-1987 for split_rollover, plan_to_roth,
//     indirect_rollover and cash_out; the whole subaccount; the whole IRA; the
//     IRA's whole pre-tax amount for ira_roll_in).
//   - ToPlan, Target: split rollovers only: the traditional destination is
//     plan Target (same person, accepts rollovers) instead of the person's
//     traditional IRA.
//   - AfterTaxToIRA: split rollovers: the Roth IRA does not receive the
//     after-tax part; it goes to the traditional destination as basis.
//   - ExtraToRoth: split rollovers: the Roth IRA receives this much more than
//     the after-tax part (pre-tax money, taxable, counted as converted).
//     Notice 2014-54 decides the character of each destination's amount.
//   - ToCash: split rollovers: this much of the distribution is paid to the
//     person and kept (20% withheld from its pre-tax part, IRC 3405(c)).
//   - Rollover: indirect_rollover: the amount rolled to the traditional IRA
//     within 60 days (pre-tax first, IRC 402(c)(2)).
//   - AfterTaxToRoth: indirect_rollover: the after-tax remainder (after
//     Rollover) is also rolled to the Roth IRA within 60 days.
//   - FromSubaccount: in_plan_roth_rollover from the separately accounted
//     after-tax subaccount only.
//   - FromIRA: cash_out from the person's traditional IRA instead of Plan.
//
// Cash make-up of an indirect rollover is not chosen: it is whatever the
// rollovers need beyond the net amount received, and must be covered by the
// household's cash.
type Move struct {
	Kind           MoveKind
	Year           int
	Person         int
	Plan           int
	Target         int
	Amount         money.Cents
	Rollover       money.Cents
	ExtraToRoth    money.Cents
	ToCash         money.Cents
	Whole          bool
	ToPlan         bool
	AfterTaxToIRA  bool
	AfterTaxToRoth bool
	FromSubaccount bool
	FromIRA        bool
}

// DestKind says what kind of account a destination is.
type DestKind uint8

// Destination kinds.
const (
	DestIRA            DestKind = iota + 1 // the person's traditional IRA
	DestRothIRA                            // the person's Roth IRA
	DestPlan                               // an employer plan (pre-tax or separately accounted after-tax)
	DestDesignatedRoth                     // the same plan's designated Roth account
	DestCash                               // paid to the person and kept
)

// Destination is where part of a move's money lands.
type Destination struct {
	Kind    DestKind
	Account string // id from the State (no allocation)
	Amount  money.Cents
	Taxable money.Cents // known at the move; 0 for a traditional destination
}

// Effect records what one move did. For ira_conversion and an IRA cash_out
// the taxable part is decided at year end by Form 8606 (Deferred); Run fills
// Taxable and Nontaxable in after CloseYear.
type Effect struct {
	Kind        MoveKind
	Year        int
	From        string // source account id
	Gross       money.Cents
	Dest        [4]Destination
	NDest       int
	AfterTax    money.Cents // after-tax (basis) part of the gross amount
	Pretax      money.Cents // pre-tax part of the gross amount
	Taxable     money.Cents // added ordinary income from this move
	Nontaxable  money.Cents // basis part that left without tax (to Roth or cash)
	Deferred    bool        // taxable part decided at year end (Form 8606)
	Withheld    money.Cents // IRC 3405(c), credited on the year's return
	PenaltyBase money.Cents // part subject to the 10% additional tax of IRC 72(t)
	CashUsed    money.Cents // household cash spent to make up withholding
	Converted   money.Cents // counts toward the goal
	Rule        string      // the source the move relies on
	Requires    Requires    // what the move needs of the plan or person
	early       bool        // IRA cash-out before 59½: its year-end taxable part is a penalty base
}

// Destinations returns the filled destinations.
func (e *Effect) Destinations() []Destination { return e.Dest[:e.NDest] }

func (e *Effect) reset(m *Move, from string) {
	*e = Effect{Kind: m.Kind, Year: m.Year, From: from}
}

func (e *Effect) add(k DestKind, account string, amount, taxable money.Cents) {
	if amount == 0 {
		return
	}
	e.Dest[e.NDest] = Destination{Kind: k, Account: account, Amount: amount, Taxable: taxable}
	e.NDest++
}

// Rules the moves rely on, as cited in a step's "rule".
const (
	RuleForm8606        = "Form 8606 Part I and II; IRC 408(d)(2), 408A(d)(3)"
	RuleNotice201454    = "IRS Notice 2014-54; IRC 72(e)(8), 402(c)"
	RuleSubaccount      = "IRS Notice 2014-54; IRC 72(d)(2)"
	RuleIndirect        = "IRC 402(c)(2), 402(c)(3), 3405(c); IRS Notice 2009-68"
	RulePre1987         = "IRC 72(e)(8)(D)"
	RuleInPlanRoth      = "IRC 402A(c)(4); IRS Notices 2010-84, 2013-74"
	RuleRollIn          = "IRC 408(d)(3)(A)(ii); Form 8606 instructions, line 7"
	RuleDesignatedRoth  = "IRC 402A(c)(3), 408A(e)"
	RulePlanCashOut     = "IRC 72(e)(8), 72(t), 3405(c)"
	RuleIRACashOut      = "Form 8606 line 7; IRC 408(d)(1), 72(t)"
	RuleIRAContribution = "Form 8606 line 1; IRC 408(o)"
)
