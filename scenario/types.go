// Package scenario is the input model of the optimizer: a household, its
// accounts, its baseline income by year, the goal and the assumptions, as
// specified in docs/scenario.md. Parsing is strict (unknown keys are
// errors naming the key and its line) and exact (money never passes through
// float64); Validate checks every rule the spec lists and names the field.
package scenario

import "github.com/rothpath/optimize/money"

// FilingStatus is the federal filing status for every year of the horizon.
type FilingStatus string

// Filing statuses (IRC 1; Form 1040).
const (
	Single                    FilingStatus = "single"
	MarriedJoint              FilingStatus = "married_joint"
	MarriedSeparate           FilingStatus = "married_separate"
	HeadOfHousehold           FilingStatus = "head_of_household"
	QualifyingSurvivingSpouse FilingStatus = "qualifying_surviving_spouse"
)

// AccountKind says what an account is.
type AccountKind string

// Account kinds. Traditional, SEP and SIMPLE IRAs are all "traditional_ira":
// IRC 408(d)(2) aggregates them for the pro-rata rule.
const (
	Kind401k            AccountKind = "401k"
	Kind403b            AccountKind = "403b"
	KindGovernmental457 AccountKind = "governmental_457b"
	KindTraditionalIRA  AccountKind = "traditional_ira"
	KindRothIRA         AccountKind = "roth_ira"
)

// Name is how reports name the account: its label, else its id.
func (a Account) Name() string {
	if a.Label != "" {
		return a.Label
	}
	return a.ID
}

// IsPlan reports whether the kind is an employer plan.
func (k AccountKind) IsPlan() bool {
	return k == Kind401k || k == Kind403b || k == KindGovernmental457
}

// Source is a plan money source that may be distributed in service.
type Source string

// Plan sources named in in_service_sources.
const (
	SourceAfterTax Source = "after_tax"
	SourcePretax   Source = "pretax"
	SourceRoth     Source = "roth"
)

// Objective is what the ranking minimises.
type Objective string

// Objectives.
const (
	TotalTax     Objective = "total_tax"
	PresentValue Objective = "present_value"
)

// IRMAAMode says how Medicare income-related surcharges are treated.
type IRMAAMode string

// IRMAA modes.
const (
	IRMAAIgnore IRMAAMode = "ignore"
	IRMAACost   IRMAAMode = "cost"
	IRMAAAvoid  IRMAAMode = "avoid"
)

// Date is a calendar date without time zone.
type Date struct{ Year, Month, Day int }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Scenario is one household's question.
type Scenario struct {
	Name         string       `yaml:"name"`
	StartYear    int          `yaml:"start_year"`
	HorizonYears int          `yaml:"horizon_years"`
	FilingStatus FilingStatus `yaml:"filing_status"`
	People       []Person     `yaml:"people"`
	Cash         money.Cents  `yaml:"cash"`
	Income       []IncomeYear `yaml:"income"`
	Residence    []Residence  `yaml:"residence"`
	Goal         Goal         `yaml:"goal"`
	Objective    Objective    `yaml:"objective"`
	Assumptions  Assumptions  `yaml:"assumptions"`
	Constraints  Constraints  `yaml:"constraints"`

	// lines maps each field path present in the parsed file to its line, so
	// Validate can report lines and tell an absent key from an explicit zero.
	// Nil for scenarios built in code.
	lines map[string]int
}

// Person is one taxpayer and their accounts.
type Person struct {
	ID                   string    `yaml:"id"`
	BirthDate            Date      `yaml:"birth_date"`
	BirthYear            int       `yaml:"birth_year"`
	SeparatedFromService bool      `yaml:"separated_from_service"`
	Accounts             []Account `yaml:"accounts"`
}

// Account is an employer plan, the person's traditional IRAs, or a Roth IRA.
// Plan fields are zero for IRAs and IRA fields zero for plans.
type Account struct {
	ID   string      `yaml:"id"`
	Kind AccountKind `yaml:"kind"`
	// Label is how reports name the account to a client ("Acme 401(k)");
	// optional, the id when empty.
	Label string `yaml:"label"`

	// Employer plans.
	Pretax                   money.Cents `yaml:"pretax"`
	AfterTaxContributions    money.Cents `yaml:"after_tax_contributions"`
	AfterTaxEarnings         money.Cents `yaml:"after_tax_earnings"`
	Pre1987AfterTax          money.Cents `yaml:"pre1987_after_tax"`
	DesignatedRoth           money.Cents `yaml:"designated_roth"`
	SeparateAfterTaxAccount  bool        `yaml:"separate_after_tax_account"`
	SeparatedFromService     *bool       `yaml:"separated_from_service"` // nil: the person's flag
	InServiceSources         []Source    `yaml:"in_service_sources"`
	AllowsInPlanRothRollover bool        `yaml:"allows_in_plan_roth_rollover"`
	AcceptsIRARollIn         bool        `yaml:"accepts_ira_roll_in"`

	// Traditional and Roth IRAs.
	Balance               money.Cents `yaml:"balance"`
	Basis                 money.Cents `yaml:"basis"`
	FirstContributionYear int         `yaml:"first_contribution_year"` // 0: unknown
}

// IncomeYear is the household's baseline income for a tax year, without any
// move. Years after the last listed one repeat it.
type IncomeYear struct {
	Year               int         `yaml:"year"`
	Wages              money.Cents `yaml:"wages"`
	OtherOrdinary      money.Cents `yaml:"other_ordinary"`
	QualifiedDividends money.Cents `yaml:"qualified_dividends"`
	LongTermGains      money.Cents `yaml:"long_term_gains"`
	SocialSecurity     money.Cents `yaml:"social_security"`
	ItemizedDeductions money.Cents `yaml:"itemized_deductions"`
}

// Residence is where the household lives for state income tax: State (a
// two-letter postal code, or DC) from FromYear on. The first entry has no
// FromYear (where the household lives at start_year); each later one is a
// move. The year of a move is a part-year for both states unless FullYear
// says the household was resident of the new state from January 1.
type Residence struct {
	State    string `yaml:"state"`
	FromYear int    `yaml:"from_year"`
	FullYear bool   `yaml:"full_year"`
}

// Goal is the amount that must newly become Roth money through the moves:
// conversions plus after-tax basis sent to Roth. Designated Roth rolled to a
// Roth IRA does not count.
type Goal struct {
	Convert money.Cents `yaml:"convert"`
}

// Assumptions are the economic assumptions. Rates are plain fractions
// (0.03 = 3%): they are not money, so float64 is allowed here.
type Assumptions struct {
	DiscountRate float64 `yaml:"discount_rate"`
	GrowthRate   float64 `yaml:"growth_rate"`
	Inflation    float64 `yaml:"inflation"`
	StateTaxRate float64 `yaml:"state_tax_rate"`
}

// Constraints limit the strategies considered.
type Constraints struct {
	MaxMarginalRate *float64  `yaml:"max_marginal_rate"` // nil: no limit
	IRMAA           IRMAAMode `yaml:"irmaa"`
	RuleRegime      string    `yaml:"rule_regime"`
}

// FieldError is an input error tied to a field of the scenario, with the line
// of the file where it stands when known (0 otherwise).
type FieldError struct {
	Path string // e.g. "people[0].accounts[1].basis"
	Line int
	Err  error
}

func (e *FieldError) Error() string {
	if e.Line > 0 {
		return "line " + itoa(e.Line) + ": " + e.Path + ": " + e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

func (e *FieldError) Unwrap() error { return e.Err }

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	neg := v < 0
	if neg {
		v = -v
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
