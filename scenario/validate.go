package scenario

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/rothpath/optimize/money"
)

// Roth IRAs exist from 1998 (Taxpayer Relief Act of 1997). The supported
// ranges are in limits.go.
const firstRothYear = 1998

// Federal ordinary-income bracket rates accepted for max_marginal_rate (IRC
// 1(j), as extended): the constraint names a bracket, so it must be one of them.
var bracketRates = []float64{0.10, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37}

// line returns the line recorded for path, or for its nearest recorded
// ancestor ("people[0].accounts[1]" for a missing "...accounts[1].basis"),
// or 0 for scenarios built in code.
func (s *Scenario) line(path string) int {
	for path != "" {
		if l, ok := s.lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

// present reports whether the key at path was written in the parsed file.
func (s *Scenario) present(path string) bool {
	_, ok := s.lines[path]
	return ok
}

func (s *Scenario) errf(path, format string, args ...any) *FieldError {
	return &FieldError{Path: path, Line: s.line(path), Err: fmt.Errorf(format, args...)}
}

// Validate checks every rule of the scenario spec and returns the first
// problem found, as a *FieldError naming the field (and its line when the
// scenario was parsed). The order is the order of the file: top-level keys,
// then each person and account, then income, goal and settings. Parse calls
// it; scenarios built in code should call it before use.
func (s *Scenario) Validate() error {
	if s.StartYear == 0 && !s.present("start_year") {
		return s.errf("start_year", "required: the first tax year a move may happen in")
	}
	if s.StartYear < FirstTaxYear || s.StartYear > MaxYear {
		return s.errf("start_year", "%d is outside %d..%d (the years with tax figures, published or projected)", s.StartYear, FirstTaxYear, MaxYear)
	}
	if s.HorizonYears < 1 || s.HorizonYears > MaxHorizon {
		return s.errf("horizon_years", "%d is outside 1..%d", s.HorizonYears, MaxHorizon)
	}
	if s.LastYear() > MaxYear {
		return s.errf("horizon_years", "the horizon ends in %d, after %d", s.LastYear(), MaxYear)
	}
	if err := s.validateHousehold(); err != nil {
		return err
	}
	if err := s.checkAmount("cash", s.Cash); err != nil {
		return err
	}
	if err := s.validateIncome(); err != nil {
		return err
	}
	if err := s.validateResidence(); err != nil {
		return err
	}
	if err := s.checkAmount("goal.convert", s.Goal.Convert); err != nil {
		return err
	}
	if total := s.TotalConvertible(); s.Goal.Convert > total {
		return s.errf("goal.convert", "%s is more than all accounts hold (%s in plans' non-Roth money and traditional IRAs)",
			s.Goal.Convert, total)
	}
	if err := s.validateSettings(); err != nil {
		return err
	}
	return s.validateSize()
}

func (s *Scenario) validateHousehold() error {
	switch s.FilingStatus {
	case Single, MarriedJoint, MarriedSeparate, HeadOfHousehold, QualifyingSurvivingSpouse:
	case "":
		return s.errf("filing_status", "required: single, married_joint, married_separate, head_of_household or qualifying_surviving_spouse")
	default:
		return s.errf("filing_status", "unknown filing status %q (want single, married_joint, married_separate, head_of_household or qualifying_surviving_spouse)", string(s.FilingStatus))
	}
	n := len(s.People)
	switch {
	case n == 0:
		return s.errf("people", "at least one person is required")
	case n > 2:
		return s.errf("people", "%d people listed; a household is one person, or two for married_joint", n)
	case s.FilingStatus == MarriedJoint && n != 2:
		return s.errf("people", "married_joint needs both spouses listed (exactly two people; one is listed)")
	case s.FilingStatus != MarriedJoint && n == 2:
		return s.errf("people", "%s files for one person but two are listed (use married_joint, or one scenario per spouse)", s.FilingStatus)
	}
	ids := map[string]string{} // id -> path of its first use
	useID := func(path, id string) error {
		if id == "" {
			return s.errf(path+".id", "required")
		}
		for _, r := range id {
			if !unicode.IsPrint(r) {
				return s.errf(path+".id", "%q contains a control character", id)
			}
		}
		if strings.TrimSpace(id) != id {
			return s.errf(path+".id", "%q has leading or trailing spaces", id)
		}
		if first, dup := ids[id]; dup {
			return s.errf(path+".id", "duplicate id %q (already used by %s)", id, first)
		}
		ids[id] = path
		return nil
	}
	for i, p := range s.People {
		pp := "people[" + strconv.Itoa(i) + "]"
		if err := useID(pp, p.ID); err != nil {
			return err
		}
		if err := s.validateBirth(pp, p); err != nil {
			return err
		}
		if len(p.Accounts) > MaxAccounts {
			return s.errf(pp+".accounts", "%d accounts listed; at most %d per person are supported", len(p.Accounts), MaxAccounts)
		}
		for j, a := range p.Accounts {
			ap := pp + ".accounts[" + strconv.Itoa(j) + "]"
			if err := useID(ap, a.ID); err != nil {
				return err
			}
			if err := s.validateAccount(ap, a); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Scenario) validateBirth(pp string, p Person) error {
	if p.BirthDate.IsZero() && p.BirthYear == 0 {
		return s.errf(pp, "needs birth_date (YYYY-MM-DD) or birth_year")
	}
	year, field := p.BirthYear, pp+".birth_year"
	if !p.BirthDate.IsZero() {
		if !p.BirthDate.Valid() {
			return s.errf(pp+".birth_date", "%s is not a calendar date", p.BirthDate)
		}
		if p.BirthYear != 0 && p.BirthYear != p.BirthDate.Year {
			return s.errf(pp+".birth_year", "%d does not match birth_date %s", p.BirthYear, p.BirthDate)
		}
		year, field = p.BirthDate.Year, pp+".birth_date"
	}
	if year < MinBirthYear {
		return s.errf(field, "birth year %d is before %d", year, MinBirthYear)
	}
	if year > s.StartYear {
		return s.errf(field, "birth year %d is after start_year %d", year, s.StartYear)
	}
	return nil
}

// amountField is one money field of an account, for the negative-money and
// misplaced-field checks.
type amountField struct {
	name string
	v    money.Cents
}

func (s *Scenario) validateAccount(ap string, a Account) error {
	plan := []amountField{
		{"pretax", a.Pretax},
		{"after_tax_contributions", a.AfterTaxContributions},
		{"after_tax_earnings", a.AfterTaxEarnings},
		{"pre1987_after_tax", a.Pre1987AfterTax},
		{"designated_roth", a.DesignatedRoth},
	}
	ira := []amountField{{"balance", a.Balance}, {"basis", a.Basis}}
	for _, f := range append(plan, ira...) {
		if err := s.checkAmount(ap+"."+f.name, f.v); err != nil {
			return err
		}
	}
	// set reports whether a field was written in the file or holds a value:
	// a field that does not apply to the kind is an error either way, since
	// the planner evidently meant something the model would ignore.
	set := func(name string, nonzero bool) bool { return nonzero || s.present(ap+"."+name) }
	switch {
	case a.Kind == "":
		return s.errf(ap+".kind", "required: 401k, 403b, governmental_457b, traditional_ira or roth_ira")
	case a.Kind.IsPlan():
		for _, f := range []struct {
			name string
			nz   bool
		}{{"balance", a.Balance != 0}, {"basis", a.Basis != 0}, {"first_contribution_year", a.FirstContributionYear != 0}} {
			if set(f.name, f.nz) {
				return s.errf(ap+"."+f.name, "applies to IRAs, not to a %s plan (a plan lists pretax, after_tax_contributions, after_tax_earnings, pre1987_after_tax and designated_roth)", a.Kind)
			}
		}
		if a.AfterTaxEarnings > 0 && a.AfterTaxContributions == 0 {
			return s.errf(ap+".after_tax_earnings", "%s of after-tax earnings but no after_tax_contributions that could have earned them", a.AfterTaxEarnings)
		}
		seen := map[Source]int{}
		for k, src := range a.InServiceSources {
			sp := ap + ".in_service_sources[" + strconv.Itoa(k) + "]"
			switch src {
			case SourceAfterTax, SourcePretax, SourceRoth:
			default:
				return s.errf(sp, "unknown source %q (want after_tax, pretax or roth)", string(src))
			}
			if first, dup := seen[src]; dup {
				return s.errf(sp, "source %q listed twice (also in_service_sources[%d])", string(src), first)
			}
			seen[src] = k
		}
	case a.Kind == KindTraditionalIRA || a.Kind == KindRothIRA:
		for _, f := range []struct {
			name string
			nz   bool
		}{
			{"pretax", a.Pretax != 0}, {"after_tax_contributions", a.AfterTaxContributions != 0},
			{"after_tax_earnings", a.AfterTaxEarnings != 0}, {"pre1987_after_tax", a.Pre1987AfterTax != 0},
			{"designated_roth", a.DesignatedRoth != 0}, {"separate_after_tax_account", a.SeparateAfterTaxAccount},
			{"separated_from_service", a.SeparatedFromService != nil}, {"in_service_sources", len(a.InServiceSources) > 0},
			{"allows_in_plan_roth_rollover", a.AllowsInPlanRothRollover}, {"accepts_ira_roll_in", a.AcceptsIRARollIn},
		} {
			if set(f.name, f.nz) {
				return s.errf(ap+"."+f.name, "applies to employer plans, not to a %s (an IRA lists balance%s)", a.Kind, iraFields(a.Kind))
			}
		}
		if a.Kind == KindTraditionalIRA {
			if set("first_contribution_year", a.FirstContributionYear != 0) {
				return s.errf(ap+".first_contribution_year", "applies to roth_ira only (it starts the Roth 5-year clock)")
			}
			if a.Basis > a.Balance {
				return s.errf(ap+".basis", "basis %s is more than the balance %s", a.Basis, a.Balance)
			}
		} else {
			if set("basis", a.Basis != 0) {
				return s.errf(ap+".basis", "applies to traditional_ira only (Form 8606 basis of traditional IRAs)")
			}
			if y := a.FirstContributionYear; y != 0 && (y < firstRothYear || y > MaxYear) {
				return s.errf(ap+".first_contribution_year", "%d is outside %d..%d (Roth IRAs exist from %d)", y, firstRothYear, MaxYear, firstRothYear)
			}
		}
	default:
		return s.errf(ap+".kind", "unknown kind %q (want 401k, 403b, governmental_457b, traditional_ira or roth_ira)", string(a.Kind))
	}
	return nil
}

func iraFields(k AccountKind) string {
	if k == KindTraditionalIRA {
		return " and basis"
	}
	return " and first_contribution_year"
}

func (s *Scenario) validateIncome() error {
	for i, y := range s.Income {
		ip := "income[" + strconv.Itoa(i) + "]"
		if y.Year < MinYear || y.Year > MaxYear {
			return s.errf(ip+".year", "%d is outside %d..%d", y.Year, MinYear, MaxYear)
		}
		if i > 0 {
			prev := s.Income[i-1].Year
			if y.Year == prev {
				return s.errf(ip+".year", "year %d listed twice", y.Year)
			}
			if y.Year < prev {
				return s.errf(ip+".year", "year %d comes after %d; list income years in increasing order", y.Year, prev)
			}
		}
		for _, f := range []amountField{
			{"wages", y.Wages}, {"other_ordinary", y.OtherOrdinary},
			{"qualified_dividends", y.QualifiedDividends}, {"long_term_gains", y.LongTermGains},
			{"social_security", y.SocialSecurity}, {"itemized_deductions", y.ItemizedDeductions},
		} {
			if err := s.checkAmount(ip+"."+f.name, f.v); err != nil {
				return err
			}
		}
	}
	return nil
}

// StateCodes are the postal codes accepted in residence: the fifty states
// and the District of Columbia.
var StateCodes = []string{
	"AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN", "KS",
	"KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV",
	"NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY",
}

// IsStateCode reports whether code is one of StateCodes (upper case).
func IsStateCode(code string) bool {
	for _, c := range StateCodes {
		if c == code {
			return true
		}
	}
	return false
}

func (s *Scenario) validateResidence() error {
	for i, r := range s.Residence {
		rp := "residence[" + strconv.Itoa(i) + "]"
		switch {
		case r.State == "":
			return s.errf(rp+".state", "required: a two-letter postal code such as CA, or DC")
		case !IsStateCode(r.State):
			return s.errf(rp+".state", "%q is not the postal code of a state or DC (write it in capitals, e.g. NY)", r.State)
		}
		if i == 0 {
			if r.FromYear != 0 || s.present(rp+".from_year") {
				return s.errf(rp+".from_year", "the first entry is where the household lives at start_year; leave out from_year")
			}
			if r.FullYear || s.present(rp+".full_year") {
				return s.errf(rp+".full_year", "applies to a move, not to the first entry")
			}
			continue
		}
		prev := s.Residence[i-1]
		switch {
		case r.FromYear == 0:
			return s.errf(rp+".from_year", "required after the first entry: the year of the move")
		case r.FromYear <= s.StartYear:
			return s.errf(rp+".from_year", "%d is not after start_year %d; the first entry is where the household lives at start_year", r.FromYear, s.StartYear)
		case r.FromYear > MaxYear:
			return s.errf(rp+".from_year", "%d is after %d", r.FromYear, MaxYear)
		case i > 1 && r.FromYear <= prev.FromYear:
			return s.errf(rp+".from_year", "%d is not after the previous move (%d); list moves in increasing years", r.FromYear, prev.FromYear)
		case r.State == prev.State:
			return s.errf(rp+".state", "%s is the state of the entry before; a move goes to another state", r.State)
		}
	}
	return nil
}

// rateRange is a sanity range for a rate: wide enough for any real plan,
// narrow enough to catch a percentage written as a whole number (3 for 3%).
func (s *Scenario) rateRange(path string, v, lo, hi float64) error {
	if v < lo || v > hi || v != v {
		return s.errf(path, "%v is outside %v..%v (write rates as fractions: 0.03 for 3%%)", v, lo, hi)
	}
	return nil
}

func (s *Scenario) validateSettings() error {
	switch s.Objective {
	case TotalTax, PresentValue:
	default:
		return s.errf("objective", "unknown objective %q (want total_tax or present_value)", string(s.Objective))
	}
	a := s.Assumptions
	if err := s.rateRange("assumptions.discount_rate", a.DiscountRate, MinDiscountRate, MaxDiscountRate); err != nil {
		return err
	}
	if err := s.rateRange("assumptions.growth_rate", a.GrowthRate, MinGrowthRate, MaxGrowthRate); err != nil {
		return err
	}
	if err := s.rateRange("assumptions.inflation", a.Inflation, MinInflation, MaxInflation); err != nil {
		return err
	}
	if err := s.rateRange("assumptions.state_tax_rate", a.StateTaxRate, MinStateTaxRate, MaxStateTaxRate); err != nil {
		return err
	}
	c := s.Constraints
	if c.MaxMarginalRate != nil {
		ok := false
		for _, r := range bracketRates {
			if *c.MaxMarginalRate == r {
				ok = true
			}
		}
		if !ok {
			return s.errf("constraints.max_marginal_rate", "%v is not a federal bracket rate (want 0.10, 0.12, 0.22, 0.24, 0.32, 0.35 or 0.37, or null)", *c.MaxMarginalRate)
		}
	}
	switch c.IRMAA {
	case IRMAAIgnore, IRMAACost, IRMAAAvoid:
	default:
		return s.errf("constraints.irmaa", "unknown value %q (want ignore, cost or avoid)", string(c.IRMAA))
	}
	if c.RuleRegime != DefaultRuleRegime {
		return s.errf("constraints.rule_regime", "unknown value %q (want current)", c.RuleRegime)
	}
	return nil
}

// Notes returns remarks about a valid scenario that are not errors but that a
// planner should see, such as several traditional IRAs of one person, which
// Form 8606 treats as one (IRC 408(d)(2)).
func (s *Scenario) Notes() []string {
	var notes []string
	if len(s.Residence) > 0 && s.Assumptions.StateTaxRate > 0 {
		notes = append(notes, fmt.Sprintf("assumptions.state_tax_rate (%v) overrides the state income tax of the residence: the flat rate is applied to the added income in every year", s.Assumptions.StateTaxRate))
	}
	for _, p := range s.People {
		var trad, roth []string
		for _, a := range p.Accounts {
			switch a.Kind {
			case KindTraditionalIRA:
				trad = append(trad, a.ID)
			case KindRothIRA:
				roth = append(roth, a.ID)
			}
		}
		if len(trad) > 1 {
			notes = append(notes, fmt.Sprintf("%s has %d traditional IRAs (%s); they are aggregated as one for the pro-rata rule (IRC 408(d)(2), Form 8606)",
				p.ID, len(trad), strings.Join(trad, ", ")))
		}
		if len(roth) > 1 {
			notes = append(notes, fmt.Sprintf("%s has %d Roth IRAs (%s)", p.ID, len(roth), strings.Join(roth, ", ")))
		}
	}
	return notes
}
