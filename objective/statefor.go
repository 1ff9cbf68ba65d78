package objective

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/rothpath/optimize/money"
)

// MaxStateBrackets is the most rate brackets a state schedule may have.
const MaxStateBrackets = 12

// StateStart is the line a state's return starts from.
type StateStart int

// Starting points.
const (
	StartFederalAGI     StateStart = iota // federal adjusted gross income (Form 1040 line 11)
	StartFederalTaxable                   // federal taxable income (Form 1040 line 15)
	StartStateGross                       // the state's own gross income, without Social Security
)

func (s StateStart) String() string {
	switch s {
	case StartFederalAGI:
		return "federal AGI"
	case StartFederalTaxable:
		return "federal taxable income"
	}
	return "own gross income"
}

// StateSchedule is one filing status's rate schedule: N rates, the first N-1
// with a top (taxable income); rates in 1/RateScale. With HasBase, Base[j]
// is the tax at bracket j's lower threshold as the state's schedule states
// it (New York rounds them to whole dollars); otherwise the brackets below
// are summed exactly.
type StateSchedule struct {
	N       int
	Top     [MaxStateBrackets - 1]money.Cents
	Rate    [MaxStateBrackets]int64
	Base    [MaxStateBrackets]money.Cents
	HasBase bool
}

// StateTier is one age tier of an exclusion: from AgeMonths (in months of
// age), Amount per person (Unlimited: no cap).
type StateTier struct {
	AgeMonths int64
	Amount    money.Cents
}

// Staircase is a reduction of Amount for each Step, or fraction of one, by
// which federal AGI exceeds Start; a Step of 0 means no reduction.
type Staircase struct {
	Start, Step, Amount money.Cents
}

// TaxStaircase is an addition to the tax by steps of taxable income.
type TaxStaircase struct {
	Start, Step, First, Each, Most money.Cents
}

// PhaseRange is a phase-out to zero over a range of income.
type PhaseRange struct{ Start, Width money.Cents }

// rate is the share of an amount lost per unit of income over the range,
// deduction/width rounded up to the model's 0.001% (an amount that falls a
// little faster than the law's: the conservative side, by less than a
// dollar).
func (r PhaseRange) rate(amount money.Cents) LinearPhaseout {
	if r.Width <= 0 || amount <= 0 {
		return LinearPhaseout{}
	}
	return LinearPhaseout{Start: r.Start, Rate: (int64(amount)*RateScale + int64(r.Width) - 1) / int64(r.Width)}
}

// SSAlternate is an alternate Social Security subtraction (see
// StateYearParams.SSAlternate).
type SSAlternate struct {
	Max, Over money.Cents
	Rate      int64
}

// SSLimited is Connecticut's limit on the Social Security subtraction (see
// StateYearParams.SSLimited).
type SSLimited struct {
	Threshold money.Cents
	Rate      int64
}

// ElderlySubtraction is a subtraction for people 65 or older reduced by
// untaxed benefits and by income (see StateYearParams.Elderly).
type ElderlySubtraction struct {
	Amount, Offset [2]money.Cents
	Rate           int64
}

// PhasedCredit is a credit of Rate (1/RateScale) of an amount, reduced by
// PhaseRate of the income above Start, not below zero; a zero Rate means
// none.
type PhasedCredit struct {
	Rate, PhaseRate int64
	Start           money.Cents
}

// LinearPhaseout is a reduction of RatePct (1/RateScale) of the amount by
// which an income exceeds Start; a zero rate means none.
type LinearPhaseout struct {
	Start money.Cents
	Rate  int64
}

// StateYearParams holds every figure of one state for one tax year, for
// every filing status, resolved from params/states/<code>/. It is read-only
// once built and shared through the cache of StateParamsFor.
type StateYearParams struct {
	Code, Name string
	Year       int
	IncomeTax  bool
	Start      StateStart

	// Texts of state.yaml, for people.
	Retirement, SocialSecurity, LocalTaxes string
	Notes, Sources                         []string

	Brackets [numStatus]StateSchedule
	// StandardDeduction is the state's own; StandardFederal says the state
	// takes the federal standard deduction instead; neither: none.
	StandardDeduction [numStatus]money.Cents
	StandardFederal   bool
	StandardFedBasic  bool                   // the federal basic amount only, without the amounts for age
	StandardAged      [numStatus]money.Cents // per person 65 or older
	StandardPhaseout  [numStatus]LinearPhaseout
	// StandardSteps lowers the standard deduction by Amount for each Step
	// (or part) of the state's income above Start, to StandardMin.
	StandardSteps [numStatus]Staircase
	// StandardRange and ExemptionRange phase the deduction and the
	// exemptions out to zero over Width of federal AGI above Start.
	StandardRange, ExemptionRange [numStatus]PhaseRange
	StandardMin                   [numStatus]money.Cents
	Exemption                     [numStatus]money.Cents // the filers' personal exemptions, per return
	ExemptionAged                 [numStatus]money.Cents // per person 65 or older
	ExemptionAGILimit             [numStatus]money.Cents // no exemptions above this federal AGI (0: no limit)
	// ExemptionAgedLow is a further exemption per person 65 or older while
	// federal AGI is less than ExemptionAgedLowBelow.
	ExemptionAgedLow      [numStatus]money.Cents
	ExemptionAgedLowBelow [numStatus]money.Cents
	ExemptionPhaseout     [numStatus]Staircase
	// ExemptionByIncome is a table of pairs (the state's income over, amount
	// per person) for an exemption that falls in bands (Ohio's).
	ExemptionByIncome [numStatus][]money.Cents
	Credit            [numStatus]money.Cents // personal credits, per return
	CreditEach        [numStatus]money.Cents // one personal credit
	CreditAged        [numStatus]money.Cents // per person 65 or older
	CreditCount       [numStatus]int64       // the number of personal credits
	CreditPhaseout    [numStatus]Staircase   // per credit

	// Credits phased out by income (Utah's): a percent of the federal
	// standard deduction, less a percent of the state's income above a
	// threshold; a percent of the federally taxable Social Security
	// benefits, less a percent of federal AGI above a threshold.
	CreditFedDeduction [numStatus]PhasedCredit
	CreditSS           [numStatus]PhasedCredit

	// Retirement exclusion of IRA and plan distributions (conversions
	// included): tiers by age per person, the share excluded (RateScale =
	// all), the federal AGI above which none is allowed (0: no limit), the
	// earned income that counts as retirement income, and the baseline
	// income the exclusion covers.
	RetirementTiers    [numStatus][]StateTier
	RetirementShare    int64
	RetirementAGILimit [numStatus]money.Cents
	// RetirementBands, when set, is a table of pairs (the state's income
	// over, percent written as an amount) of retirement income excluded:
	// the first band (from 0) is the capped exclusion; later ones exclude a
	// percentage of all retirement income, without the cap (New Jersey's).
	RetirementBands    [numStatus][]money.Cents
	RetirementEarned   [numStatus]money.Cents
	RetirementCounts   []string
	RetirementAgeStart bool  // age tests met by January 1 (else December 31)
	RetirementLessSS   int64 // share of Social Security benefits that reduces each person's exclusion
	RetirementPooled   bool  // the cap is the return's: a couple's moves may use all of it
	// RetirementPooledIfAll, RetirementMovesExcluded and RetirementBandsAGI:
	// see stateProfile.
	RetirementPooledIfAll, RetirementMovesExcluded, RetirementBandsAGI bool
	RetirementBornBy                                                   int // people born in this year or after get no exclusion (0: no limit)

	// Social Security: the share of the federally taxable benefits the
	// state subtracts (RateScale = all), and, when SSAGILimit is set, the
	// share above that federal AGI.
	SSExempt      int64
	SSAGILimit    [numStatus]money.Cents
	SSExemptAbove int64

	// AgeDeduction is a deduction from any income for people of an age,
	// per person by tier, reduced by AgePhaseout of income above a start.
	AgeDeduction [numStatus][]StateTier
	AgePhaseout  [numStatus]LinearPhaseout
	AgeSteps     [numStatus]Staircase // per person, by federal AGI (New Mexico's)
	AgeLessSS    bool                 // reduced by the Social Security subtracted

	// FederalTaxDeduction caps the deduction of federal income tax (0: none,
	// Unlimited: all of it); FederalTaxCaps, when set, is a table of pairs
	// (federal AGI from, cap) that replaces the single cap (Oregon's).
	FederalTaxDeduction [numStatus]money.Cents
	FederalTaxCaps      [numStatus][]money.Cents
	CreditAGILimit      [numStatus]money.Cents // no personal credits above this federal AGI (0: no limit)
	// FederalTaxShare, when set, is a table of pairs (federal AGI of at
	// least, percent written as an amount: 35.00 is 35%) of the federal tax
	// that may be deducted, before the cap (Missouri's).
	FederalTaxShare [numStatus][]money.Cents
	// GainsExclusion is the share of long-term gains the state leaves out.
	GainsExclusion int64

	// AddbackAbove and AddbackKeep: when federal AGI is above AddbackAbove,
	// the federal standard deduction beyond AddbackKeep is added back
	// (Colorado's, for a state starting from federal taxable income).
	AddbackAbove, AddbackKeep [numStatus]money.Cents

	// SSExemptAge, when set, limits the Social Security subtraction to
	// returns on which everyone has reached that age (in months).
	SSExemptAge int64

	// Supplemental is New York's supplemental tax (Tax Law 601(d-1)):
	// see statespecial.go.
	Supplemental *nySupplemental

	Special []string

	// TaxSteps adds First to the tax once taxable income exceeds Start,
	// then Each more for each further Step (or part), up to Most
	// (Arkansas's bracket adjustment above about $95,000).
	TaxSteps [numStatus]TaxStaircase

	// MinTaxAbove and MinTaxRate: when federal AGI is above MinTaxAbove the
	// tax is at least MinTaxRate of federal AGI (Vermont's, 32 V.S.A.
	// 5822(a)(6)); 0: none.
	MinTaxAbove [numStatus]money.Cents
	MinTaxRate  int64
	// GainsSurtaxAbove and GainsSurtaxRate: when federal AGI is above the
	// threshold, a surtax of the rate on long-term gains (Maryland's).
	GainsSurtaxAbove [numStatus]money.Cents
	GainsSurtaxRate  int64

	// More Social Security rules, each replacing the plain share:
	// SSRange phases the subtraction from all to none over Width of federal
	// AGI above Start, the ratio rounded to two decimals as Vermont's
	// worksheet does; SSSteps reduces it by Amount (a percent written as an
	// amount) for each Step or part of federal AGI above Start, and
	// SSAlternate is an alternate subtraction, the lesser of the taxable
	// benefits and Max less Rate of provisional income above Over, the
	// greater of the two being allowed (Minnesota's); SSLimited, from a
	// federal AGI of at least Threshold, leaves Rate of the lesser of the
	// benefits and the federal worksheet's excess over the base amount
	// taxed (Connecticut's).
	SSRange     [numStatus]PhaseRange
	SSSteps     [numStatus]Staircase
	SSAlternate [numStatus]SSAlternate
	SSLimited   [numStatus]SSLimited

	// Elderly is a subtraction for a return with people 65 or older
	// (Minnesota's): Amount[n-1] with n of them, less the Social Security
	// benefits not federally taxed, less Rate of federal AGI above
	// Offset[n-1].
	Elderly [numStatus]ElderlySubtraction

	// StandardPhaseout2 is a second phase-out rate above a higher start
	// (Minnesota's 3% plus 7% more, 10% in all, above the second
	// threshold); StandardPhaseMost caps the reduction at a share of the
	// deduction (80%). StandardSliding, when set, is a schedule whose "tax"
	// on the state's income is the reduction of the standard deduction
	// (Wisconsin's sliding scale: 0% to the first top, then 12%).
	StandardPhaseout2 [numStatus]LinearPhaseout
	StandardPhaseMost int64
	StandardSliding   [numStatus]StateSchedule

	// ExemptionByAGI is a table of pairs (federal AGI over, amount per
	// person) (Maryland's); ExemptionPhaseState is a staircase on the
	// state's income (Connecticut's) rather than federal AGI.
	ExemptionByAGI      [numStatus][]money.Cents
	ExemptionPhaseState [numStatus]Staircase

	// CreditAgedCount is a credit by the number of people 65 or older, one
	// and two (Maryland's senior credit), subject to CreditAGILimit.
	CreditAgedCount [numStatus][2]money.Cents
	// CreditShare is a table of pairs (the state's income over, percent) of
	// the tax credited back (Connecticut's personal tax credit).
	CreditShare [numStatus][]money.Cents
	// TaxStepsIncome adds to the tax by steps of the state's income
	// (Connecticut's phase-out add-back and benefit recapture).
	TaxStepsIncome [numStatus][]TaxStaircase

	// A surtax on taxable income above a threshold (California's Mental
	// Health Services Tax), merged into Brackets once every figure is read.
	surtaxAt   [numStatus]money.Cents
	surtaxRate int64

	// Projected names each figure not published for Year but projected from
	// the last published year; References maps each figure to its source.
	Projected  []string
	References []StateReference
}

// StateReference is one figure's description and source for the year.
type StateReference struct {
	Name, Description, Statute, Reference string
	From                                  int
}

type stateCacheKey struct {
	code string
	year int
	ppm  int64
}

var (
	stateCacheMu sync.Mutex
	stateCache   = map[stateCacheKey]*StateYearParams{}
)

// StateCodes returns the postal codes of every state with parameter files,
// sorted.
func StateCodes() ([]string, error) {
	laws, err := loadStates()
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(laws))
	for c := range laws {
		out = append(out, c)
	}
	sort.Strings(out)
	return out, nil
}

// StateParamsFor returns a state's figures for a tax year: published figures
// from 2024, projected after the last published year by the inflation
// assumption where the state indexes them (flagged in Projected), carried
// forward where it does not.
func StateParamsFor(code string, year int, inflation float64) (*StateYearParams, error) {
	code = strings.ToUpper(code)
	if year < FirstYear {
		return nil, fmt.Errorf("%w: %d", ErrYear, year)
	}
	ppm, err := inflationPPM(inflation)
	if err != nil {
		return nil, err
	}
	key := stateCacheKey{code, year, ppm}
	stateCacheMu.Lock()
	sp, ok := stateCache[key]
	stateCacheMu.Unlock()
	if ok {
		return sp, nil
	}
	laws, err := loadStates()
	if err != nil {
		return nil, err
	}
	law, ok := laws[code]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrState, code)
	}
	sp, err = law.build(year, ppm)
	if err != nil {
		return nil, err
	}
	stateCacheMu.Lock()
	stateCache[key] = sp
	stateCacheMu.Unlock()
	return sp, nil
}

func (law *stateLaw) build(year int, ppm int64) (*StateYearParams, error) {
	pr := &law.profile
	sp := &StateYearParams{
		Code: law.code, Name: pr.Name, Year: year, IncomeTax: pr.IncomeTax,
		Retirement: pr.Retirement, SocialSecurity: pr.SocialSecurity, LocalTaxes: pr.LocalTaxes,
		Notes: pr.Notes, Sources: pr.Sources, Special: pr.Special,
		RetirementCounts: pr.RetirementCounts, RetirementAgeStart: pr.RetirementAge == "start_of_year",
		RetirementShare: RateScale,
	}
	if !pr.IncomeTax {
		return sp, nil
	}
	start, from := pr.Start, 0
	for y, st := range pr.StartFrom {
		if y <= year && y > from {
			start, from = st, y
		}
	}
	switch start {
	case "federal_taxable_income":
		sp.Start = StartFederalTaxable
	case "state_gross":
		sp.Start = StartStateGross
	}
	sp.StandardFederal = pr.StandardDeduction == "federal" || pr.StandardDeduction == "federal_basic"
	sp.StandardFedBasic = pr.StandardDeduction == "federal_basic"
	sp.RetirementPooled = pr.RetirementPooled
	sp.RetirementPooledIfAll = pr.RetirementPooledIfAll
	sp.RetirementMovesExcluded = pr.RetirementMovesExcluded
	sp.RetirementBandsAGI = pr.RetirementBandsAGI
	sp.AgeLessSS = pr.AgeDeductionLessSS
	names := make([]string, 0, len(law.params))
	for n := range law.params {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { // brackets first: other figures refer to them
		if (names[i] == "brackets") != (names[j] == "brackets") {
			return names[i] == "brackets"
		}
		return names[i] < names[j]
	})
	bracketsFrom := 0
	for _, name := range names {
		p := law.params[name]
		r, ok := p.resolve(year, ppm)
		if !ok {
			if name == "brackets" {
				return nil, fmt.Errorf("%w: %s brackets have no value for %d", ErrYear, law.code, year)
			}
			continue // a figure that starts later than year does not apply yet
		}
		if r.overflow {
			return nil, fmt.Errorf("%w: %s %s for %d would pass %s", ErrProjection, law.code, name, year, MaxFigure.Grouped())
		}
		if r.projected {
			sp.Projected = append(sp.Projected, fmt.Sprintf("%s %s (projected from %d)", law.code, name, r.from))
		}
		switch {
		case name == "brackets":
			bracketsFrom = r.from
			if r.projected {
				bracketsFrom = -1
			}
		case name == "bracket_bases" && r.from != bracketsFrom:
			continue // stated bases belong to their year's tops: past them, the brackets are summed
		}
		sp.References = append(sp.References, StateReference{Name: name, Description: p.description, Statute: p.statute, Reference: r.reference, From: r.from})
		if err := sp.set(name, &r); err != nil {
			return nil, fmt.Errorf("%w: %s %s %d: %v", errStateParams, law.code, name, r.from, err)
		}
	}
	if sp.Supplemental != nil {
		if err := sp.Supplemental.build(&sp.Brackets); err != nil {
			return nil, fmt.Errorf("%w: %s supplemental tax: %v", errStateParams, law.code, err)
		}
	}
	if sp.surtaxRate > 0 {
		for s := range sp.Brackets {
			if sp.Brackets[s].HasBase {
				return nil, fmt.Errorf("%w: %s: a surtax with stated bases", errStateParams, law.code)
			}
			if err := sp.Brackets[s].addSurtax(sp.surtaxAt[s], sp.surtaxRate); err != nil {
				return nil, fmt.Errorf("%w: %s surtax: %v", errStateParams, law.code, err)
			}
		}
	}
	return sp, nil
}

// set stores one resolved figure.
func (sp *StateYearParams) set(name string, r *stateResolved) error {
	one := func(s int) (money.Cents, error) {
		if len(r.byStatus[s]) != 1 {
			return 0, fmt.Errorf("want one value for %s", statusNames[s])
		}
		return money.Cents(r.byStatus[s][0]), nil
	}
	pct := func() (int64, error) {
		v := r.byStatus[0]
		for s := range r.byStatus {
			if len(r.byStatus[s]) != 1 || r.byStatus[s][0] != v[0] {
				return 0, fmt.Errorf("want one percent for every status")
			}
		}
		return v[0], nil
	}
	var err error
	for s := 0; s < numStatus && err == nil; s++ {
		v := r.byStatus[s]
		switch name {
		case "brackets":
			b := &sp.Brackets[s]
			rates := r.ratesBy[s]
			b.N = len(rates)
			copy(b.Rate[:], rates)
			for k, t := range v {
				b.Top[k] = money.Cents(t)
				if k > 0 && t <= v[k-1] {
					return fmt.Errorf("%s tops do not increase", statusNames[s])
				}
			}
		case "bracket_bases":
			b := &sp.Brackets[s]
			if len(v) != b.N || v[0] != 0 {
				return fmt.Errorf("%s: %d bases for %d brackets (the first 0)", statusNames[s], len(v), b.N)
			}
			b.HasBase = true
			for k := range v {
				b.Base[k] = money.Cents(v[k])
			}
		case "standard_deduction":
			sp.StandardDeduction[s], err = one(s)
		case "standard_deduction_aged":
			sp.StandardAged[s], err = one(s)
		case "standard_deduction_phaseout":
			err = linear(&sp.StandardPhaseout[s], v)
		case "standard_deduction_steps":
			if len(v) != 4 {
				return fmt.Errorf("standard_deduction_steps is [start, step, amount, minimum]")
			}
			err = staircase(&sp.StandardSteps[s], v[:3])
			sp.StandardMin[s] = money.Cents(v[3])
		case "standard_deduction_phaseout_range", "exemption_phaseout_range":
			// [start, width]: the deduction falls to zero over width of
			// federal AGI above start (the rate is figured per household).
			if len(v) != 2 || v[1] <= 0 {
				return fmt.Errorf("%s is [start, width]", name)
			}
			rng := PhaseRange{Start: money.Cents(v[0]), Width: money.Cents(v[1])}
			if name == "standard_deduction_phaseout_range" {
				sp.StandardRange[s] = rng
			} else {
				sp.ExemptionRange[s] = rng
			}
		case "exemption":
			sp.Exemption[s], err = one(s)
		case "exemption_aged":
			sp.ExemptionAged[s], err = one(s)
		case "exemption_agi_limit":
			sp.ExemptionAGILimit[s], err = one(s)
		case "exemption_aged_low_income":
			if len(v) != 2 {
				return fmt.Errorf("exemption_aged_low_income is [amount per person 65+, federal AGI it must be less than]")
			}
			sp.ExemptionAgedLow[s], sp.ExemptionAgedLowBelow[s] = money.Cents(v[0]), money.Cents(v[1])
		case "exemption_phaseout":
			err = staircase(&sp.ExemptionPhaseout[s], v)
		case "exemption_by_income":
			if len(v)%2 != 0 || len(v) == 0 || v[0] != 0 {
				return fmt.Errorf("exemption_by_income is pairs of income over and amount per person, from 0")
			}
			for _, c := range v {
				sp.ExemptionByIncome[s] = append(sp.ExemptionByIncome[s], money.Cents(c))
			}
		case "credit":
			if len(v) != 2 || v[1]%100 != 0 {
				return fmt.Errorf("credit is [amount per credit, number of credits], got %v", v)
			}
			sp.CreditEach[s], sp.CreditCount[s] = money.Cents(v[0]), v[1]/100
			sp.Credit[s] = sp.CreditEach[s] * money.Cents(sp.CreditCount[s])
		case "surtax":
			sp.surtaxAt[s], sp.surtaxRate = money.Cents(v[0]), r.rates[0]
		case "minimum_tax":
			sp.MinTaxAbove[s], sp.MinTaxRate = money.Cents(v[0]), r.rates[0]
		case "capital_gains_surtax":
			sp.GainsSurtaxAbove[s], sp.GainsSurtaxRate = money.Cents(v[0]), r.rates[0]
		case "social_security_phaseout_range":
			if len(v) != 2 || v[1] <= 0 || v[1]%200 != 0 {
				return fmt.Errorf("%s is [start, width], the width a multiple of $2", name)
			}
			sp.SSRange[s] = PhaseRange{Start: money.Cents(v[0]), Width: money.Cents(v[1])}
		case "social_security_steps":
			err = staircase(&sp.SSSteps[s], v)
		case "social_security_alternate":
			if len(v) != 3 {
				return fmt.Errorf("%s is [maximum, provisional income over, percent]", name)
			}
			sp.SSAlternate[s] = SSAlternate{Max: money.Cents(v[0]), Over: money.Cents(v[1]), Rate: pctAmount(v[2])}
		case "social_security_limited":
			if len(v) != 2 {
				return fmt.Errorf("%s is [federal AGI from, percent]", name)
			}
			sp.SSLimited[s] = SSLimited{Threshold: money.Cents(v[0]), Rate: pctAmount(v[1])}
		case "elderly_subtraction":
			if len(v) != 5 {
				return fmt.Errorf("%s is [amount one, amount two, offset one, offset two, percent]", name)
			}
			sp.Elderly[s] = ElderlySubtraction{
				Amount: [2]money.Cents{money.Cents(v[0]), money.Cents(v[1])},
				Offset: [2]money.Cents{money.Cents(v[2]), money.Cents(v[3])},
				Rate:   pctAmount(v[4]),
			}
		case "standard_deduction_phaseout_second":
			err = linear(&sp.StandardPhaseout2[s], v)
		case "standard_deduction_sliding":
			b := &sp.StandardSliding[s]
			rates := r.ratesBy[s]
			b.N = len(rates)
			copy(b.Rate[:], rates)
			for k, t := range v {
				b.Top[k] = money.Cents(t)
			}
		case "exemption_by_agi", "credit_share_by_income":
			if len(v)%2 != 0 || len(v) == 0 {
				return fmt.Errorf("%s is pairs of income and an amount or percent", name)
			}
			dst := &sp.ExemptionByAGI[s]
			if name == "credit_share_by_income" {
				dst = &sp.CreditShare[s]
			}
			for k, c := range v {
				if k >= 2 && k%2 == 0 && c <= v[k-2] {
					return fmt.Errorf("%s: incomes do not increase", name)
				}
				*dst = append(*dst, money.Cents(c))
			}
		case "exemption_phaseout_state_income":
			err = staircase(&sp.ExemptionPhaseState[s], v)
		case "credit_aged_count":
			if len(v) != 2 {
				return fmt.Errorf("%s is [one person 65 or older, two]", name)
			}
			sp.CreditAgedCount[s] = [2]money.Cents{money.Cents(v[0]), money.Cents(v[1])}
		case "tax_steps_income":
			if len(v)%5 != 0 || len(v) == 0 {
				return fmt.Errorf("%s is groups of [start, step, first, each, most]", name)
			}
			for k := 0; k < len(v); k += 5 {
				if v[k+1] <= 0 || v[k+3] <= 0 {
					return fmt.Errorf("%s: a step or an amount is zero", name)
				}
				sp.TaxStepsIncome[s] = append(sp.TaxStepsIncome[s], TaxStaircase{money.Cents(v[k]), money.Cents(v[k+1]), money.Cents(v[k+2]), money.Cents(v[k+3]), money.Cents(v[k+4])})
			}
		case "credit_aged":
			sp.CreditAged[s], err = one(s)
		case "credit_phaseout":
			err = staircase(&sp.CreditPhaseout[s], v)
		case "tax_steps":
			if len(v) != 5 || v[1] <= 0 || v[3] <= 0 {
				return fmt.Errorf("tax_steps is [start, step, first, each, most]")
			}
			sp.TaxSteps[s] = TaxStaircase{money.Cents(v[0]), money.Cents(v[1]), money.Cents(v[2]), money.Cents(v[3]), money.Cents(v[4])}
		case "credit_federal_deduction", "credit_social_security":
			if len(v) != 3 {
				return fmt.Errorf("%s is [credit percent, threshold, phase-out percent], got %v", name, v)
			}
			c := PhasedCredit{Rate: v[0] * (RateScale / 100) / 100, Start: money.Cents(v[1]), PhaseRate: v[2] * (RateScale / 100) / 100}
			if name == "credit_federal_deduction" {
				sp.CreditFedDeduction[s] = c
			} else {
				sp.CreditSS[s] = c
			}
		case "retirement_exclusion":
			sp.RetirementTiers[s] = tiers(r.ages, v)
		case "retirement_exclusion_agi_limit":
			sp.RetirementAGILimit[s], err = one(s)
		case "retirement_exclusion_bands":
			if len(v)%2 != 0 || len(v) < 4 || v[0] != 0 {
				return fmt.Errorf("retirement_exclusion_bands is pairs of income over and percent, from 0")
			}
			for _, c := range v {
				sp.RetirementBands[s] = append(sp.RetirementBands[s], money.Cents(c))
			}
		case "retirement_earned_income":
			sp.RetirementEarned[s], err = one(s)
		case "retirement_born_before":
			if len(v) != 1 || v[0]%12 != 0 {
				return fmt.Errorf("retirement_born_before is one year")
			}
			sp.RetirementBornBy = int(v[0] / 12)
		case "social_security_agi_limit":
			sp.SSAGILimit[s], err = one(s)
		case "age_deduction":
			sp.AgeDeduction[s] = tiers(r.ages, v)
		case "age_deduction_phaseout":
			err = linear(&sp.AgePhaseout[s], v)
		case "age_deduction_steps":
			err = staircase(&sp.AgeSteps[s], v)
		case "federal_tax_deduction":
			switch {
			case len(v) == 1:
				sp.FederalTaxDeduction[s] = money.Cents(v[0])
			case len(v)%2 == 0 && v[0] == 0:
				sp.FederalTaxDeduction[s] = money.Cents(v[1])
				for _, c := range v {
					sp.FederalTaxCaps[s] = append(sp.FederalTaxCaps[s], money.Cents(c))
				}
			default:
				err = fmt.Errorf("federal_tax_deduction is one cap, or pairs of federal AGI from and cap from 0")
			}
		case "federal_tax_deduction_share":
			if len(v)%2 != 0 || len(v) == 0 || v[0] != 0 {
				return fmt.Errorf("federal_tax_deduction_share is pairs of AGI and percent, from 0")
			}
			for _, c := range v {
				sp.FederalTaxShare[s] = append(sp.FederalTaxShare[s], money.Cents(c))
			}
		case "credit_agi_limit":
			sp.CreditAGILimit[s], err = one(s)
		case "federal_deduction_addback":
			if len(v) != 2 {
				return fmt.Errorf("federal_deduction_addback is [federal AGI above which, deduction kept]")
			}
			sp.AddbackAbove[s], sp.AddbackKeep[s] = money.Cents(v[0]), money.Cents(v[1])
		case "social_security_exemption_age":
			if len(v) != 1 {
				return fmt.Errorf("social_security_exemption_age is one age")
			}
			sp.SSExemptAge = v[0]
		case "supplemental_tax", "supplemental_tax_recapture_base":
			if sp.Supplemental == nil {
				sp.Supplemental = &nySupplemental{}
			}
			err = sp.Supplemental.set(name, s, v)
		case "capital_gains_exclusion", "retirement_exclusion_share", "standard_deduction_phaseout_most", "social_security_exemption", "social_security_exemption_above", "retirement_exclusion_reduced_by_ss":
			// one percent for every status, below
		default:
			return fmt.Errorf("no reader for %s", name)
		}
	}
	if err != nil {
		return err
	}
	switch name {
	case "retirement_exclusion_share":
		sp.RetirementShare, err = pct()
	case "capital_gains_exclusion":
		sp.GainsExclusion, err = pct()
	case "social_security_exemption":
		sp.SSExempt, err = pct()
	case "social_security_exemption_above":
		sp.SSExemptAbove, err = pct()
	case "retirement_exclusion_reduced_by_ss":
		sp.RetirementLessSS, err = pct()
	case "standard_deduction_phaseout_most":
		sp.StandardPhaseMost, err = pct()
	}
	return err
}

func tiers(ages, v []int64) []StateTier {
	out := make([]StateTier, len(ages))
	for k := range ages {
		out[k] = StateTier{AgeMonths: ages[k], Amount: money.Cents(v[k])}
	}
	return out
}

func staircase(dst *Staircase, v []int64) error {
	if len(v) != 3 || v[1] <= 0 {
		return fmt.Errorf("a staircase is [start, step, amount], got %v", v)
	}
	*dst = Staircase{Start: money.Cents(v[0]), Step: money.Cents(v[1]), Amount: money.Cents(v[2])}
	return nil
}

// pctAmount converts a percent written as an amount (3.00 is 3%) to
// 1/RateScale.
func pctAmount(v int64) int64 { return v * (RateScale / 100) / 100 }

// linear reads [start, rate]: the rate is written as an amount with two
// decimals that is a percent (3.00 is 3%).
func linear(dst *LinearPhaseout, v []int64) error {
	if len(v) != 2 {
		return fmt.Errorf("a phase-out is [start, percent], got %v", v)
	}
	*dst = LinearPhaseout{Start: money.Cents(v[0]), Rate: v[1] * (RateScale / 100) / 100}
	return nil
}

// addSurtax adds rate to every bracket above threshold, splitting the
// bracket the threshold falls in.
func (b *StateSchedule) addSurtax(threshold money.Cents, rate int64) error {
	j := 0
	for j < b.N-1 && b.Top[j] <= threshold {
		j++
	}
	// Bracket j holds the threshold (or it is a top already: j starts above it).
	if j == 0 || b.Top[j-1] != threshold {
		if b.N == MaxStateBrackets {
			return fmt.Errorf("more than %d brackets", MaxStateBrackets)
		}
		copy(b.Top[j+1:], b.Top[j:b.N-1])
		copy(b.Rate[j+1:], b.Rate[j:b.N])
		b.Top[j] = threshold
		b.N++
		j++
	}
	for k := j; k < b.N; k++ {
		b.Rate[k] += rate
	}
	return nil
}
