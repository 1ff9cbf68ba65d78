package objective

import (
	"embed"
	"errors"
	"fmt"
	"math/big"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/money"
)

// The states' law lives in params/states/<code>/: state.yaml says how the
// state's computation is put together (its starting point, which of the
// household's income counts as retirement income, the notes its output
// carries), and one file per figure holds that figure's dated, cited values,
// in the same layout as the federal files (description, unit, statute,
// indexing, values keyed by effective date with a reference and a list per
// filing status, or one list under "all" for every status).

//go:embed params/states
var stateFS embed.FS

// RateScale is the denominator of a state rate: rates are kept in units of
// 0.001% (1/100,000), fine enough for every rate the states publish (New
// Jersey's 5.525%, Ohio's 3.125%) and exact in decimal.
const RateScale = 100_000

// Unlimited is the cap of an exclusion without a dollar limit.
const Unlimited money.Cents = -1

// Errors of the state loader.
var (
	ErrState       = errors.New("objective: unknown state (want a two-letter postal code of a state or DC)")
	errStateParams = errors.New("objective: malformed state parameter file")
)

// stateProfile is a state's state.yaml.
type stateProfile struct {
	Name      string `yaml:"name"`
	IncomeTax bool   `yaml:"income_tax"`
	// Start is the line the state's return starts from: federal_agi,
	// federal_taxable_income, or state_gross (the state's own gross income:
	// wages, interest, pensions and distributions, dividends and gains, but
	// no Social Security).
	Start string `yaml:"start"`
	// StartFrom changes the starting point from a year on (South Carolina
	// starts from federal AGI from 2026).
	StartFrom map[int]string `yaml:"start_from"`
	// StandardDeduction is own (standard_deduction.yaml), federal (the
	// federal basic and additional standard deduction of the year),
	// federal_basic (the federal basic amount only) or none.
	StandardDeduction string `yaml:"standard_deduction"`
	// RetirementPooled says the retirement exclusion is a cap for the
	// return (Michigan's), not for each person's own income: a couple's
	// moves may use all of it.
	RetirementPooled bool `yaml:"retirement_pooled"`
	// RetirementPooledIfAll: the cap is the return's only when everyone on
	// it is entitled to one (Wisconsin's: $48,000 for a couple both 67 or
	// older, otherwise each person's own $24,000).
	RetirementPooledIfAll bool `yaml:"retirement_pooled_if_all"`
	// RetirementMovesExcluded: the exclusion covers the baseline's pensions
	// and distributions but not the moves (Connecticut's, where a Roth
	// conversion is not clearly a qualifying distribution).
	RetirementMovesExcluded bool `yaml:"retirement_moves_excluded"`
	// RetirementBandsAGI: the retirement_exclusion_bands are read against
	// federal AGI, "at least" each threshold (Connecticut's), rather than
	// the state's income above each.
	RetirementBandsAGI bool `yaml:"retirement_bands_agi"`
	// AgeDeductionLessSS says the age deduction is reduced by the Social
	// Security subtracted (West Virginia's senior citizen deduction).
	AgeDeductionLessSS bool `yaml:"age_deduction_less_social_security"`
	// RetirementCounts lists the baseline income that the retirement
	// exclusion covers besides the moves, and so uses up first:
	// other_ordinary (pensions, planned distributions), qualified_dividends,
	// long_term_gains, wages (up to retirement_earned_income).
	RetirementCounts []string `yaml:"retirement_counts"`
	// RetirementAge says when an age test of the retirement exclusion is
	// met: end_of_year (by December 31 of the year) or start_of_year (by
	// January 1, when only distributions received after the birthday
	// qualify: the conservative reading of a year in which the age is
	// reached).
	RetirementAge string `yaml:"retirement_age"`
	// Retirement, SocialSecurity and Conversions are one sentence each for
	// the docs table and the brackets command.
	Retirement     string   `yaml:"retirement"`
	SocialSecurity string   `yaml:"social_security"`
	LocalTaxes     string   `yaml:"local_taxes"` // local income taxes, out of scope: said in the output
	Notes          []string `yaml:"notes"`       // readings the output must state
	Sources        []string `yaml:"sources"`     // the state's own forms and instructions
	Special        []string `yaml:"special"`     // state-specific computations (see statespecial.go)
}

// stateParam is one figure of a state, its dated values sorted by year.
type stateParam struct {
	name        string
	description string
	unit        string // currency-USD, percent or year
	statute     string
	method      string
	nearest     bool
	multiple    money.Cents
	columns     []int // the indexed columns of each list (nil: all)
	entries     []stateEntry
}

// stateEntry is one dated value. Currency is in cents, percent in 1/RateScale,
// years in months (59.5 is 714).
type stateEntry struct {
	year      int
	reference string
	rates     []int64
	ratesBy   [numStatus][]int64 // rates of one status, where the schedules differ (New Jersey's)
	ages      []int64
	byStatus  [numStatus][]int64
}

// stateLaw is one state's files.
type stateLaw struct {
	code    string
	profile stateProfile
	params  map[string]*stateParam
}

// stateParamSpec says what a parameter file holds: its unit, and whether
// its entries carry rates (brackets) or ages (tiers).
type stateParamSpec struct {
	unit   string
	rates  bool
	ages   bool
	surtax bool // one threshold per status and one rate
}

// stateParamSpecs is the catalogue of figures a state may have; a file not
// named here is an error, so a figure cannot be written and then ignored.
var stateParamSpecs = map[string]stateParamSpec{
	"brackets":                           {unit: "currency-USD", rates: true},
	"surtax":                             {unit: "currency-USD", rates: true, surtax: true},
	"tax_steps":                          {unit: "currency-USD"},
	"bracket_bases":                      {unit: "currency-USD"},
	"standard_deduction":                 {unit: "currency-USD"},
	"standard_deduction_aged":            {unit: "currency-USD"},
	"exemption":                          {unit: "currency-USD"},
	"exemption_aged":                     {unit: "currency-USD"},
	"exemption_agi_limit":                {unit: "currency-USD"},
	"exemption_aged_low_income":          {unit: "currency-USD"},
	"credit":                             {unit: "currency-USD"},
	"credit_aged":                        {unit: "currency-USD"},
	"credit_phaseout":                    {unit: "currency-USD"},
	"credit_agi_limit":                   {unit: "currency-USD"},
	"credit_federal_deduction":           {unit: "currency-USD"},
	"credit_social_security":             {unit: "currency-USD"},
	"retirement_exclusion":               {unit: "currency-USD", ages: true},
	"retirement_exclusion_share":         {unit: "percent"},
	"retirement_exclusion_agi_limit":     {unit: "currency-USD"},
	"retirement_exclusion_bands":         {unit: "currency-USD"},
	"retirement_earned_income":           {unit: "currency-USD"},
	"retirement_born_before":             {unit: "year"},
	"social_security_exemption":          {unit: "percent"},
	"social_security_agi_limit":          {unit: "currency-USD"},
	"social_security_exemption_above":    {unit: "percent"},
	"supplemental_tax":                   {unit: "currency-USD"},
	"supplemental_tax_recapture_base":    {unit: "currency-USD"},
	"standard_deduction_phaseout":        {unit: "currency-USD"},
	"standard_deduction_steps":           {unit: "currency-USD"},
	"standard_deduction_phaseout_range":  {unit: "currency-USD"},
	"exemption_phaseout":                 {unit: "currency-USD"},
	"exemption_phaseout_range":           {unit: "currency-USD"},
	"exemption_by_income":                {unit: "currency-USD"},
	"age_deduction":                      {unit: "currency-USD", ages: true},
	"age_deduction_phaseout":             {unit: "currency-USD"},
	"age_deduction_steps":                {unit: "currency-USD"},
	"federal_tax_deduction":              {unit: "currency-USD"},
	"federal_tax_deduction_share":        {unit: "currency-USD"},
	"capital_gains_exclusion":            {unit: "percent"},
	"federal_deduction_addback":          {unit: "currency-USD"},
	"social_security_exemption_age":      {unit: "year"},
	"retirement_exclusion_reduced_by_ss": {unit: "percent"},
	"minimum_tax":                        {unit: "currency-USD", rates: true, surtax: true},
	"capital_gains_surtax":               {unit: "currency-USD", rates: true, surtax: true},
	"social_security_phaseout_range":     {unit: "currency-USD"},
	"social_security_steps":              {unit: "currency-USD"},
	"social_security_alternate":          {unit: "currency-USD"},
	"social_security_limited":            {unit: "currency-USD"},
	"elderly_subtraction":                {unit: "currency-USD"},
	"standard_deduction_phaseout_second": {unit: "currency-USD"},
	"standard_deduction_phaseout_most":   {unit: "percent"},
	"standard_deduction_sliding":         {unit: "currency-USD", rates: true},
	"exemption_by_agi":                   {unit: "currency-USD"},
	"exemption_phaseout_state_income":    {unit: "currency-USD"},
	"credit_aged_count":                  {unit: "currency-USD"},
	"credit_share_by_income":             {unit: "currency-USD"},
	"tax_steps_income":                   {unit: "currency-USD"},
}

var (
	stateLoadOnce sync.Once
	stateLaws     map[string]*stateLaw
	stateLoadErr  error
)

// loadStates reads and checks every state's files once.
func loadStates() (map[string]*stateLaw, error) {
	stateLoadOnce.Do(func() { stateLaws, stateLoadErr = readStates() })
	return stateLaws, stateLoadErr
}

func readStates() (map[string]*stateLaw, error) {
	dirs, err := stateFS.ReadDir("params/states")
	if err != nil {
		return nil, err
	}
	out := map[string]*stateLaw{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		code := strings.ToUpper(d.Name())
		law, err := readState(code, path.Join("params/states", d.Name()))
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", errStateParams, d.Name(), err)
		}
		out[code] = law
	}
	return out, nil
}

func readState(code, dir string) (*stateLaw, error) {
	law := &stateLaw{code: code, params: map[string]*stateParam{}}
	b, err := stateFS.ReadFile(path.Join(dir, "state.yaml"))
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&law.profile); err != nil {
		return nil, fmt.Errorf("state.yaml: %v", err)
	}
	if err := law.profile.check(); err != nil {
		return nil, fmt.Errorf("state.yaml: %v", err)
	}
	files, err := stateFS.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name, ok := strings.CutSuffix(f.Name(), ".yaml")
		if !ok || name == "state" {
			continue
		}
		spec, ok := stateParamSpecs[name]
		if !ok {
			return nil, fmt.Errorf("%s: not a figure the state computation reads", f.Name())
		}
		b, err := stateFS.ReadFile(path.Join(dir, f.Name()))
		if err != nil {
			return nil, err
		}
		p, err := parseStateParam(name, spec, b)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.Name(), err)
		}
		law.params[name] = p
	}
	if law.profile.IncomeTax && law.params["brackets"] == nil {
		return nil, errors.New("a state with an income tax needs brackets.yaml")
	}
	if !law.profile.IncomeTax && len(law.params) > 0 {
		return nil, errors.New("a state without an income tax has no figures")
	}
	return law, nil
}

func (p *stateProfile) check() error {
	if p.Name == "" || len(p.Sources) == 0 {
		return errors.New("name and sources are required")
	}
	if !p.IncomeTax {
		return nil
	}
	for _, st := range append([]string{p.Start}, mapValues(p.StartFrom)...) {
		switch st {
		case "federal_agi", "federal_taxable_income", "state_gross":
		default:
			return fmt.Errorf("start %q", st)
		}
	}
	switch p.StandardDeduction {
	case "own", "federal", "federal_basic", "none":
	default:
		return fmt.Errorf("standard_deduction %q", p.StandardDeduction)
	}
	for _, c := range p.RetirementCounts {
		switch c {
		case "other_ordinary", "qualified_dividends", "long_term_gains", "wages":
		default:
			return fmt.Errorf("retirement_counts %q", c)
		}
	}
	switch p.RetirementAge {
	case "", "end_of_year", "start_of_year":
	default:
		return fmt.Errorf("retirement_age %q", p.RetirementAge)
	}
	for _, s := range p.Special {
		if _, ok := stateSpecials[s]; !ok {
			return fmt.Errorf("special %q", s)
		}
	}
	if p.Retirement == "" || p.SocialSecurity == "" {
		return errors.New("retirement and social_security sentences are required")
	}
	return nil
}

// rawStateParam is a state parameter file as written.
type rawStateParam struct {
	Description string `yaml:"description"`
	Unit        string `yaml:"unit"`
	Statute     string `yaml:"statute"`
	Indexing    struct {
		Method   string `yaml:"method"`
		Round    string `yaml:"round"`
		Multiple string `yaml:"multiple"`
		Columns  []int  `yaml:"columns"` // which values of each list are indexed (default: all)
	} `yaml:"indexing"`
	Values map[string]map[string]yaml.Node `yaml:"values"`
}

func parseStateParam(name string, spec stateParamSpec, b []byte) (*stateParam, error) {
	var raw rawStateParam
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	if raw.Description == "" || raw.Statute == "" {
		return nil, errors.New("missing description or statute")
	}
	if raw.Unit != spec.unit {
		return nil, fmt.Errorf("unit %q, want %q", raw.Unit, spec.unit)
	}
	p := &stateParam{name: name, description: raw.Description, unit: raw.Unit, statute: raw.Statute, method: raw.Indexing.Method}
	switch p.method {
	case "none":
	case "cpi-u", "c-cpi-u", "state-cpi":
		if raw.Unit != "currency-USD" {
			return nil, errors.New("only amounts are indexed")
		}
		switch raw.Indexing.Round {
		case "down":
		case "nearest":
			p.nearest = true
		default:
			return nil, fmt.Errorf("indexing.round %q", raw.Indexing.Round)
		}
		m, err := money.Parse(raw.Indexing.Multiple)
		if err != nil || m <= 0 {
			return nil, fmt.Errorf("indexing.multiple %q", raw.Indexing.Multiple)
		}
		p.multiple = m
		p.columns = raw.Indexing.Columns
	default:
		return nil, fmt.Errorf("indexing.method %q", p.method)
	}
	for date, fields := range raw.Values {
		year, err := effectiveYear(date)
		if err != nil {
			return nil, err
		}
		e := stateEntry{year: year}
		var all []int64
		hasAll := false
		for key, node := range fields {
			if key == "reference" {
				e.reference = node.Value
				continue
			}
			vals, err := nodeList(&node)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %v", date, key, err)
			}
			switch key {
			case "rates":
				if !spec.rates {
					return nil, fmt.Errorf("%s: rates in a file without brackets", date)
				}
				if e.rates, err = parseStateValues(vals, "percent"); err != nil {
					return nil, fmt.Errorf("%s rates: %v", date, err)
				}
				continue
			case "rates_single", "rates_married_joint", "rates_married_separate", "rates_head_of_household", "rates_qualifying_surviving_spouse":
				if !spec.rates || spec.surtax {
					return nil, fmt.Errorf("%s: %s in a file without brackets", date, key)
				}
				s := statusByName(strings.TrimPrefix(key, "rates_"))
				if e.ratesBy[s], err = parseStateValues(vals, "percent"); err != nil {
					return nil, fmt.Errorf("%s %s: %v", date, key, err)
				}
				continue
			case "ages":
				if !spec.ages {
					return nil, fmt.Errorf("%s: ages in a file without tiers", date)
				}
				if e.ages, err = parseStateValues(vals, "year"); err != nil {
					return nil, fmt.Errorf("%s ages: %v", date, err)
				}
				continue
			}
			v, err := parseStateValues(vals, raw.Unit)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %v", date, key, err)
			}
			if key == "all" {
				all, hasAll = v, true
				continue
			}
			s := statusByName(key)
			if s < 0 {
				return nil, fmt.Errorf("%s: unknown key %q", date, key)
			}
			e.byStatus[s] = v
		}
		if e.reference == "" {
			return nil, fmt.Errorf("%s: no reference", date)
		}
		for s := range e.byStatus {
			switch {
			case hasAll && e.byStatus[s] != nil:
				return nil, fmt.Errorf("%s: both all and %s", date, statusNames[s])
			case hasAll:
				e.byStatus[s] = all
			case e.byStatus[s] == nil:
				return nil, fmt.Errorf("%s: no value for %s", date, statusNames[s])
			}
		}
		if spec.surtax {
			for s := range e.byStatus {
				if len(e.byStatus[s]) != 1 || len(e.rates) != 1 {
					return nil, fmt.Errorf("%s %s: a surtax is one threshold and one rate", date, statusNames[s])
				}
			}
		} else if spec.rates {
			for s := range e.byStatus {
				if e.ratesBy[s] == nil {
					e.ratesBy[s] = e.rates
				}
				r := e.ratesBy[s]
				if len(e.byStatus[s]) != len(r)-1 || len(r) == 0 || len(r) > MaxStateBrackets {
					return nil, fmt.Errorf("%s %s: %d tops for %d rates (at most %d)", date, statusNames[s], len(e.byStatus[s]), len(r), MaxStateBrackets)
				}
			}
		}
		if spec.ages {
			for s := range e.byStatus {
				if len(e.byStatus[s]) != len(e.ages) {
					return nil, fmt.Errorf("%s %s: %d amounts for %d ages", date, statusNames[s], len(e.byStatus[s]), len(e.ages))
				}
			}
		}
		p.entries = append(p.entries, e)
	}
	if len(p.entries) == 0 {
		return nil, errors.New("no values")
	}
	sort.Slice(p.entries, func(i, j int) bool { return p.entries[i].year < p.entries[j].year })
	return p, nil
}

func statusByName(key string) int {
	for i, n := range statusNames {
		if n == key {
			return i
		}
	}
	return -1
}

// parseStateValues reads decimal strings exactly: amounts to cents
// ("unlimited" to Unlimited), percents to 1/RateScale, years to months.
func parseStateValues(vals []string, unit string) ([]int64, error) {
	out := make([]int64, len(vals))
	for i, v := range vals {
		switch unit {
		case "currency-USD":
			if v == "unlimited" {
				out[i] = int64(Unlimited)
				continue
			}
			c, err := money.Parse(v)
			if err != nil || c < 0 {
				return nil, fmt.Errorf("amount %q", v)
			}
			out[i] = int64(c)
		case "percent", "year":
			scale := int64(RateScale / 100) // percent to 1/RateScale
			if unit == "year" {
				scale = 12
			}
			d, err := decimal.NewFromString(v)
			if err != nil || d.IsNegative() {
				return nil, fmt.Errorf("%s %q", unit, v)
			}
			x := d.Mul(decimal.NewFromInt(scale))
			if !x.IsInteger() || (unit == "percent" && x.GreaterThan(decimal.NewFromInt(RateScale))) {
				return nil, fmt.Errorf("%s %q is finer than the model keeps or out of range", unit, v)
			}
			out[i] = x.IntPart()
		default:
			return nil, fmt.Errorf("unit %q", unit)
		}
	}
	return out, nil
}

// stateResolved is a state figure's value in effect for one year.
type stateResolved struct {
	byStatus  [numStatus][]int64
	rates     []int64
	ratesBy   [numStatus][]int64
	ages      []int64
	reference string
	projected bool
	overflow  bool // a projected figure would pass MaxFigure
	from      int
}

// resolve returns the value in effect on January 1 of year, projecting an
// indexed amount from its last entry by the inflation assumption (rounded
// to the parameter's multiple) as the federal figures are.
func (p *stateParam) resolve(year int, ppm int64) (stateResolved, bool) {
	i := sort.Search(len(p.entries), func(i int) bool { return p.entries[i].year > year }) - 1
	if i < 0 {
		return stateResolved{}, false
	}
	e := &p.entries[i]
	r := stateResolved{byStatus: e.byStatus, rates: e.rates, ratesBy: e.ratesBy, ages: e.ages, reference: e.reference, from: e.year}
	if p.method == "none" || e.year == year {
		return r, true
	}
	r.projected = true
	n := year - e.year
	num := new(big.Int).Exp(big.NewInt(1_000_000+ppm), big.NewInt(int64(n)), nil)
	den := new(big.Int).Exp(big.NewInt(1_000_000), big.NewInt(int64(n)), nil)
	for s := range r.byStatus {
		src := e.byStatus[s]
		dst := make([]int64, len(src))
		for k, v := range src {
			if v <= 0 || !p.indexes(k) {
				dst[k] = v
				continue
			}
			pv, ok := project(money.Cents(v), num, den, p.multiple, p.nearest)
			r.overflow = r.overflow || !ok
			dst[k] = int64(pv)
		}
		r.byStatus[s] = dst
	}
	return r, true
}

// indexes reports whether column k of each list is indexed.
func (p *stateParam) indexes(k int) bool {
	if p.columns == nil {
		return true
	}
	for _, c := range p.columns {
		if c == k {
			return true
		}
	}
	return false
}

func mapValues(m map[int]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
