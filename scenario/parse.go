package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/money"
)

// MaxDepth caps the nesting of the YAML tree. The deepest legal path
// (document, people, a person, accounts, an account, in_service_sources, a
// source) is 7 levels; the cap leaves room for a clear error instead of a
// deep recursion on hostile input.
const MaxDepth = 32

// Fixed errors. Errors tied to a field are *FieldError values whose Err is
// one of the field-level sentinels below or a message naming the problem;
// the FieldError supplies the "line N: path:" context, so those messages do
// not repeat the package name.
var (
	ErrTooLarge      = errors.New("scenario: file larger than 1 MiB")
	ErrTooComplex    = errors.New("scenario: too many lines, lists or keys for a scenario")
	ErrEmpty         = errors.New("scenario: empty document")
	ErrMultipleDocs  = errors.New("scenario: more than one YAML document (remove the extra ---)")
	ErrNotMapping    = errors.New("scenario: the document must be a mapping of keys such as start_year, people, goal")
	ErrMalformedYAML = errors.New("scenario: malformed YAML")
	ErrTooDeep       = errors.New("scenario: nesting too deep")

	ErrUnknownKey   = errors.New("unknown key")
	ErrDuplicateKey = errors.New("key listed twice")
	ErrAlias        = errors.New("YAML anchors and aliases are not supported; write the value out")
)

// yamlError is a malformed-YAML error: its text is the parser's message
// without the "yaml: " prefix, and it matches ErrMalformedYAML.
type yamlError struct{ msg string }

func (e *yamlError) Error() string        { return "scenario: malformed YAML: " + e.msg }
func (e *yamlError) Is(target error) bool { return target == ErrMalformedYAML }

// wrapped gives a field error a planner's message while keeping the cause
// (for example money.ErrPrecision) reachable through errors.Is.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }

// Load reads and parses a scenario file. It reads at most MaxFileSize+1
// bytes, so a huge file is refused without being loaded into memory.
func Load(path string) (*Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("scenario: reading %s: %w", path, err)
	}
	return Parse(data)
}

// Parse decodes a scenario from YAML (or JSON, which is YAML), applies the
// defaults for absent keys and validates it. The decoding is strict: unknown
// keys, duplicate keys, wrong types, aliases and inexact money are errors
// naming the field and its line (a *FieldError). Money is parsed from the
// scalar's text, never through float64.
//
// Defaults for absent keys: horizon_years 1 (only the start year), objective
// total_tax, assumptions 0 except inflation 0.025, constraints irmaa ignore and
// rule_regime current, no max_marginal_rate, no income (zero every year).
func Parse(data []byte) (*Scenario, error) {
	if len(data) > MaxFileSize {
		return nil, ErrTooLarge
	}
	if n := CountStructure(data); n > MaxStructure {
		return nil, &wrapped{msg: fmt.Sprintf("scenario: %d line breaks and YAML indicators, more than the %d a scenario may have", n, MaxStructure), err: ErrTooComplex}
	}
	root, err := decodeDocument(data)
	if err != nil {
		return nil, err
	}
	if err := checkDepth(root, 1); err != nil {
		return nil, err
	}
	d := &decoder{lines: map[string]int{}}
	s := &Scenario{}
	if err := d.scenario(root, s); err != nil {
		return nil, err
	}
	s.lines = d.lines
	d.applyDefaults(s)
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// decodeDocument returns the single document's root node. The yaml package
// is not expected to panic, but a panic in a third-party parser on hostile
// input must not take the program down: it becomes a malformed-YAML error.
func decodeDocument(data []byte) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, &yamlError{msg: fmt.Sprint("parser failure: ", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, ErrEmpty
		}
		return nil, &yamlError{msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, ErrMultipleDocs
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, ErrEmpty
	}
	root = doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return nil, ErrEmpty
	}
	if root.Kind != yaml.MappingNode {
		return nil, ErrNotMapping
	}
	return root, nil
}

// checkDepth refuses trees nested deeper than MaxDepth. Aliases are not
// followed (they are refused later, where they stand).
func checkDepth(n *yaml.Node, depth int) error {
	if depth > MaxDepth {
		return &wrapped{msg: fmt.Sprintf("scenario: line %d: nesting deeper than %d levels", n.Line, MaxDepth), err: ErrTooDeep}
	}
	for _, c := range n.Content {
		if err := checkDepth(c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// decoder walks the node tree. lines maps every field path that was present
// in the input to the line of its key (or of the list item), so that Validate
// can report lines and tell "absent" from "written as zero".
type decoder struct {
	lines map[string]int
}

// field is one key of a mapping and how to decode its value.
type field struct {
	name   string
	decode func(n *yaml.Node, path string) error
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func fieldErr(n *yaml.Node, path string, err error) *FieldError {
	return &FieldError{Path: path, Line: n.Line, Err: err}
}

func errorf(n *yaml.Node, path, format string, args ...any) *FieldError {
	return fieldErr(n, path, fmt.Errorf(format, args...))
}

// describe names what a node is, for "must be X, not Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!str":
		return strconv.Quote(n.Value) + " (text)"
	case "!!null":
		return "empty"
	case "!!bool":
		return n.Value + " (true/false)"
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!timestamp":
		return "the date " + n.Value
	}
	return "a value tagged " + n.ShortTag()
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// mapping decodes a mapping node field by field, refusing unknown and
// duplicate keys. A null value for a whole mapping means "absent".
func (d *decoder) mapping(n *yaml.Node, path string, fields []field) error {
	if n.Kind == yaml.AliasNode {
		return fieldErr(n, path, ErrAlias)
	}
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return errorf(n, path, "must be a mapping of keys, not %s", describe(n))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return errorf(k, path, "keys must be plain names, not %s", describe(k))
		}
		p := join(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			return fieldErr(k, p, &wrapped{msg: fmt.Sprintf("key listed twice (first on line %d)", first), err: ErrDuplicateKey})
		}
		seen[k.Value] = k.Line
		var f *field
		for j := range fields {
			if fields[j].name == k.Value {
				f = &fields[j]
				break
			}
		}
		if f == nil {
			return fieldErr(k, p, ErrUnknownKey)
		}
		d.lines[p] = k.Line
		if v.Kind == yaml.AliasNode {
			return fieldErr(v, p, ErrAlias)
		}
		if err := f.decode(v, p); err != nil {
			return err
		}
	}
	return nil
}

// sequence decodes each item of a list; a null value means an empty list.
func (d *decoder) sequence(n *yaml.Node, path string, item func(n *yaml.Node, path string, i int) error) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return errorf(n, path, "must be a list, not %s", describe(n))
	}
	for i, c := range n.Content {
		p := path + "[" + strconv.Itoa(i) + "]"
		d.lines[p] = c.Line
		if c.Kind == yaml.AliasNode {
			return fieldErr(c, p, ErrAlias)
		}
		if err := item(c, p, i); err != nil {
			return err
		}
	}
	return nil
}

// scalar checks that n is a non-empty scalar with one of the given tags.
func scalar(n *yaml.Node, path, want string, tags ...string) error {
	if n.Kind == yaml.ScalarNode {
		t := n.ShortTag()
		if t == "!!null" {
			return errorf(n, path, "needs a value (it is empty)")
		}
		for _, ok := range tags {
			if t == ok {
				return nil
			}
		}
	}
	return errorf(n, path, "must be %s, not %s", want, describe(n))
}

func (d *decoder) str(dst *string) func(*yaml.Node, string) error {
	return func(n *yaml.Node, path string) error {
		if err := scalar(n, path, "text", "!!str", "!!int", "!!float"); err != nil {
			return err
		}
		*dst = n.Value
		return nil
	}
}

var plainInt = regexp.MustCompile(`^[-+]?[0-9]{1,9}$`)

func (d *decoder) integer(dst *int) func(*yaml.Node, string) error {
	return func(n *yaml.Node, path string) error {
		if err := scalar(n, path, "a whole number", "!!int"); err != nil {
			return err
		}
		if !plainInt.MatchString(n.Value) {
			return errorf(n, path, "must be a plain whole number, not %s", n.Value)
		}
		v, _ := strconv.Atoi(n.Value)
		*dst = v
		return nil
	}
}

// MaxLabel is the longest account label, in characters.
const MaxLabel = 80

// label decodes an account's label: text of at most MaxLabel printable
// characters, without leading or trailing spaces.
func (d *decoder) label(dst *string) func(*yaml.Node, string) error {
	return func(n *yaml.Node, path string) error {
		var v string
		if err := d.str(&v)(n, path); err != nil {
			return err
		}
		if len([]rune(v)) > MaxLabel {
			return errorf(n, path, "label is %d characters long; at most %d", len([]rune(v)), MaxLabel)
		}
		for _, r := range v {
			if !unicode.IsPrint(r) {
				return errorf(n, path, "%q contains a control character", v)
			}
		}
		if strings.TrimSpace(v) != v || v == "" {
			return errorf(n, path, "%q: a label must not be empty or start or end with a space", v)
		}
		*dst = v
		return nil
	}
}

func (d *decoder) boolean(dst *bool) func(*yaml.Node, string) error {
	return func(n *yaml.Node, path string) error {
		if err := scalar(n, path, "true or false", "!!bool"); err != nil {
			return err
		}
		*dst = strings.EqualFold(n.Value, "true")
		return nil
	}
}

// optBool decodes a bool that may be null (nil: not given).
func (d *decoder) optBool(dst **bool) func(*yaml.Node, string) error {
	return func(n *yaml.Node, path string) error {
		if isNull(n) {
			*dst = nil
			return nil
		}
		var b bool
		if err := d.boolean(&b)(n, path); err != nil {
			return err
		}
		*dst = &b
		return nil
	}
}

// amount decodes money from the scalar's text: a plain YAML number or a
// quoted decimal string. The text goes to money.Parse, never through float64.
func (d *decoder) amount(dst *money.Cents) func(*yaml.Node, string) error {
	return func(n *yaml.Node, path string) error {
		if err := scalar(n, path, `an amount such as 350000 or "350000.00"`, "!!int", "!!float", "!!str"); err != nil {
			return err
		}
		c, err := money.Parse(n.Value)
		if err != nil {
			return fieldErr(n, path, moneyError(n.Value, err))
		}
		*dst = c
		return nil
	}
}

// moneyError turns a money parsing error into a message for a planner.
func moneyError(text string, err error) error {
	var msg string
	switch {
	case errors.Is(err, money.ErrPrecision):
		msg = fmt.Sprintf("amount %s has more than two decimal places (cents)", text)
	case errors.Is(err, money.ErrExponent):
		msg = fmt.Sprintf("amount %s is in exponent form; write the digits out, e.g. 100000", text)
	case errors.Is(err, money.ErrNotANumber):
		msg = fmt.Sprintf("amount %s is not a number", text)
	case errors.Is(err, money.ErrRange):
		msg = fmt.Sprintf("amount %s is out of range (more than %s)", text, money.MaxAmount.Grouped())
	default:
		msg = fmt.Sprintf("%q is not a plain decimal amount (write 350000 or \"350000.00\", without commas or $)", text)
	}
	return &wrapped{msg: msg, err: err}
}

// rate decodes a fraction such as 0.03. Rates are not money, so float64 is
// fine; they must be plain numbers (not quoted) and finite.
func (d *decoder) rate(dst *float64) func(*yaml.Node, string) error {
	return func(n *yaml.Node, path string) error {
		if err := scalar(n, path, "a number such as 0.03", "!!int", "!!float"); err != nil {
			return err
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || v != v || v > 1e300 || v < -1e300 {
			return errorf(n, path, "must be a finite number such as 0.03, not %s", n.Value)
		}
		*dst = v
		return nil
	}
}

func (d *decoder) optRate(dst **float64) func(*yaml.Node, string) error {
	return func(n *yaml.Node, path string) error {
		if isNull(n) {
			*dst = nil
			return nil
		}
		var v float64
		if err := d.rate(&v)(n, path); err != nil {
			return err
		}
		*dst = &v
		return nil
	}
}

var datePattern = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})$`)

// date decodes YYYY-MM-DD (plain, which YAML tags as a timestamp, or quoted).
func (d *decoder) date(dst *Date) func(*yaml.Node, string) error {
	return func(n *yaml.Node, path string) error {
		if err := scalar(n, path, "a date written YYYY-MM-DD", "!!timestamp", "!!str"); err != nil {
			return err
		}
		dt, ok := ParseDate(n.Value)
		if !ok {
			return errorf(n, path, "%q is not a calendar date written YYYY-MM-DD", n.Value)
		}
		*dst = dt
		return nil
	}
}

// ParseDate reads a calendar date written YYYY-MM-DD and reports whether it
// is a real date (February 30 is not).
func ParseDate(s string) (Date, bool) {
	m := datePattern.FindStringSubmatch(s)
	if m == nil {
		return Date{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	dd, _ := strconv.Atoi(m[3])
	dt := Date{Year: y, Month: mo, Day: dd}
	if !dt.Valid() {
		return Date{}, false
	}
	return dt, true
}

func (d *decoder) scenario(n *yaml.Node, s *Scenario) error {
	return d.mapping(n, "", []field{
		{"name", d.str(&s.Name)},
		{"start_year", d.integer(&s.StartYear)},
		{"horizon_years", d.integer(&s.HorizonYears)},
		{"filing_status", func(n *yaml.Node, p string) error { return d.str((*string)(&s.FilingStatus))(n, p) }},
		{"people", func(n *yaml.Node, p string) error {
			return d.sequence(n, p, func(n *yaml.Node, p string, _ int) error {
				s.People = append(s.People, Person{})
				return d.person(n, p, &s.People[len(s.People)-1])
			})
		}},
		{"cash", d.amount(&s.Cash)},
		{"income", func(n *yaml.Node, p string) error {
			return d.sequence(n, p, func(n *yaml.Node, p string, _ int) error {
				s.Income = append(s.Income, IncomeYear{})
				return d.income(n, p, &s.Income[len(s.Income)-1])
			})
		}},
		{"residence", func(n *yaml.Node, p string) error {
			return d.sequence(n, p, func(n *yaml.Node, p string, _ int) error {
				s.Residence = append(s.Residence, Residence{})
				return d.residence(n, p, &s.Residence[len(s.Residence)-1])
			})
		}},
		{"goal", func(n *yaml.Node, p string) error {
			return d.mapping(n, p, []field{{"convert", d.amount(&s.Goal.Convert)}})
		}},
		{"objective", func(n *yaml.Node, p string) error { return d.str((*string)(&s.Objective))(n, p) }},
		{"assumptions", func(n *yaml.Node, p string) error {
			a := &s.Assumptions
			return d.mapping(n, p, []field{
				{"discount_rate", d.rate(&a.DiscountRate)},
				{"growth_rate", d.rate(&a.GrowthRate)},
				{"inflation", d.rate(&a.Inflation)},
				{"state_tax_rate", d.rate(&a.StateTaxRate)},
			})
		}},
		{"constraints", func(n *yaml.Node, p string) error {
			c := &s.Constraints
			return d.mapping(n, p, []field{
				{"max_marginal_rate", d.optRate(&c.MaxMarginalRate)},
				{"irmaa", func(n *yaml.Node, p string) error { return d.str((*string)(&c.IRMAA))(n, p) }},
				{"rule_regime", d.str(&c.RuleRegime)},
			})
		}},
	})
}

func (d *decoder) person(n *yaml.Node, path string, p *Person) error {
	if isNull(n) || n.Kind != yaml.MappingNode {
		return errorf(n, path, "each person must be a mapping with id, birth_date and accounts, not %s", describe(n))
	}
	return d.mapping(n, path, []field{
		{"id", d.str(&p.ID)},
		{"birth_date", d.date(&p.BirthDate)},
		{"birth_year", d.integer(&p.BirthYear)},
		{"separated_from_service", d.boolean(&p.SeparatedFromService)},
		{"accounts", func(n *yaml.Node, path string) error {
			return d.sequence(n, path, func(n *yaml.Node, path string, _ int) error {
				p.Accounts = append(p.Accounts, Account{})
				return d.account(n, path, &p.Accounts[len(p.Accounts)-1])
			})
		}},
	})
}

func (d *decoder) account(n *yaml.Node, path string, a *Account) error {
	if isNull(n) || n.Kind != yaml.MappingNode {
		return errorf(n, path, "each account must be a mapping with id and kind, not %s", describe(n))
	}
	return d.mapping(n, path, []field{
		{"id", d.str(&a.ID)},
		{"kind", func(n *yaml.Node, p string) error { return d.str((*string)(&a.Kind))(n, p) }},
		{"label", d.label(&a.Label)},
		{"pretax", d.amount(&a.Pretax)},
		{"after_tax_contributions", d.amount(&a.AfterTaxContributions)},
		{"after_tax_earnings", d.amount(&a.AfterTaxEarnings)},
		{"pre1987_after_tax", d.amount(&a.Pre1987AfterTax)},
		{"designated_roth", d.amount(&a.DesignatedRoth)},
		{"separate_after_tax_account", d.boolean(&a.SeparateAfterTaxAccount)},
		{"separated_from_service", d.optBool(&a.SeparatedFromService)},
		{"in_service_sources", func(n *yaml.Node, p string) error {
			return d.sequence(n, p, func(n *yaml.Node, p string, _ int) error {
				var v string
				if err := d.str(&v)(n, p); err != nil {
					return err
				}
				a.InServiceSources = append(a.InServiceSources, Source(v))
				return nil
			})
		}},
		{"allows_in_plan_roth_rollover", d.boolean(&a.AllowsInPlanRothRollover)},
		{"accepts_ira_roll_in", d.boolean(&a.AcceptsIRARollIn)},
		{"balance", d.amount(&a.Balance)},
		{"basis", d.amount(&a.Basis)},
		{"first_contribution_year", d.integer(&a.FirstContributionYear)},
	})
}

func (d *decoder) income(n *yaml.Node, path string, y *IncomeYear) error {
	if isNull(n) || n.Kind != yaml.MappingNode {
		return errorf(n, path, "each income entry must be a mapping with year and amounts, not %s", describe(n))
	}
	err := d.mapping(n, path, []field{
		{"year", d.integer(&y.Year)},
		{"wages", d.amount(&y.Wages)},
		{"other_ordinary", d.amount(&y.OtherOrdinary)},
		{"qualified_dividends", d.amount(&y.QualifiedDividends)},
		{"long_term_gains", d.amount(&y.LongTermGains)},
		{"social_security", d.amount(&y.SocialSecurity)},
		{"itemized_deductions", d.amount(&y.ItemizedDeductions)},
	})
	if err == nil {
		if _, ok := d.lines[path+".year"]; !ok {
			return errorf(n, path, "needs a year")
		}
	}
	return err
}

func (d *decoder) residence(n *yaml.Node, path string, r *Residence) error {
	if isNull(n) || n.Kind != yaml.MappingNode {
		return errorf(n, path, "each residence entry must be a mapping with state (and from_year after the first), not %s", describe(n))
	}
	return d.mapping(n, path, []field{
		{"state", d.str(&r.State)},
		{"from_year", d.integer(&r.FromYear)},
		{"full_year", d.boolean(&r.FullYear)},
	})
}

// Defaults for absent keys (see Parse).
const (
	DefaultHorizonYears = 1
	DefaultInflation    = 0.025
	DefaultRuleRegime   = "current"
)

// applyDefaults fills absent keys. Presence, not zero, decides: an explicit
// "inflation: 0" stays 0. A missing horizon_years means 1 (only start_year),
// the least surprising reading of a file that names one year.
func (d *decoder) applyDefaults(s *Scenario) {
	if _, ok := d.lines["horizon_years"]; !ok {
		s.HorizonYears = DefaultHorizonYears
	}
	if _, ok := d.lines["objective"]; !ok {
		s.Objective = TotalTax
	}
	if _, ok := d.lines["assumptions.inflation"]; !ok {
		s.Assumptions.Inflation = DefaultInflation
	}
	if _, ok := d.lines["constraints.irmaa"]; !ok {
		s.Constraints.IRMAA = IRMAAIgnore
	}
	if _, ok := d.lines["constraints.rule_regime"]; !ok {
		s.Constraints.RuleRegime = DefaultRuleRegime
	}
}
