package objective

import (
	"embed"
	"errors"
	"fmt"
	"math"
	"math/big"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/money"
)

//go:embed params/*.yaml
var paramFS embed.FS

// FirstYear is the first tax year with published figures in params/.
const FirstYear = 2024

// Errors of the loader.
var (
	ErrYear      = errors.New("objective: no tax figures for a year before 2024")
	ErrInflation = errors.New("objective: inflation assumption out of range (-50%..100%)")
	ErrStatus    = errors.New("objective: unknown filing status")
	errParams    = errors.New("objective: malformed parameter file")
)

// rawParam is one params/*.yaml file as written.
type rawParam struct {
	Description string `yaml:"description"`
	Unit        string `yaml:"unit"`
	Statute     string `yaml:"statute"`
	Indexing    struct {
		Method   string            `yaml:"method"`
		Round    string            `yaml:"round"`
		Multiple map[string]string `yaml:"multiple"`
	} `yaml:"indexing"`
	Values map[string]map[string]yaml.Node `yaml:"values"`
}

// entry is one dated value of a parameter.
type entry struct {
	year      int
	reference string
	rates     []int64
	byStatus  [numStatus][]money.Cents
}

// param is one parameter, its dated values sorted by year.
type param struct {
	name        string
	description string
	unit        string
	method      string // none | c-cpi-u | cpi-u
	nearest     bool   // round to the nearest multiple (else down)
	multiple    [numStatus]money.Cents
	entries     []entry
}

var (
	loadOnce   sync.Once
	loadedPar  map[string]*param
	loadErr    error
	cacheMu    sync.Mutex
	paramCache = map[cacheKey]*YearParams{}
)

type cacheKey struct {
	year int
	ppm  int64
}

// loadParams reads and checks every embedded parameter file once.
func loadParams() (map[string]*param, error) {
	loadOnce.Do(func() {
		loadedPar, loadErr = readParams()
	})
	return loadedPar, loadErr
}

func readParams() (map[string]*param, error) {
	files, err := paramFS.ReadDir("params")
	if err != nil {
		return nil, err
	}
	out := make(map[string]*param, len(files))
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".yaml") {
			continue
		}
		b, err := paramFS.ReadFile(path.Join("params", f.Name()))
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(f.Name(), ".yaml")
		p, err := parseParam(name, b)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", errParams, f.Name(), err)
		}
		out[name] = p
	}
	return out, nil
}

// parseParam decodes one parameter file. Amounts are read from the YAML
// scalars' text and parsed exactly (never through float64).
func parseParam(name string, b []byte) (*param, error) {
	var raw rawParam
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	p := &param{name: name, description: raw.Description, unit: raw.Unit, method: raw.Indexing.Method}
	if p.description == "" || p.unit == "" {
		return nil, errors.New("missing description or unit")
	}
	switch p.method {
	case "none":
	case "c-cpi-u", "cpi-u":
		switch raw.Indexing.Round {
		case "down":
		case "nearest":
			p.nearest = true
		default:
			return nil, fmt.Errorf("indexing.round %q", raw.Indexing.Round)
		}
		def, ok := raw.Indexing.Multiple["default"]
		if !ok {
			return nil, errors.New("indexing.multiple.default missing")
		}
		for s := range p.multiple {
			m := def
			if v, ok := raw.Indexing.Multiple[statusNames[s]]; ok {
				m = v
			}
			c, err := money.Parse(m)
			if err != nil || c <= 0 {
				return nil, fmt.Errorf("indexing.multiple %q", m)
			}
			p.multiple[s] = c
		}
	default:
		return nil, fmt.Errorf("indexing.method %q", p.method)
	}
	for date, fields := range raw.Values {
		year, err := effectiveYear(date)
		if err != nil {
			return nil, err
		}
		e := entry{year: year}
		for key, node := range fields {
			switch key {
			case "reference":
				e.reference = node.Value
			case "rates_bp", "rate_bp":
				vals, err := nodeList(&node)
				if err != nil {
					return nil, fmt.Errorf("%s %s: %v", date, key, err)
				}
				for _, v := range vals {
					r, err := strconv.ParseInt(v, 10, 64)
					if err != nil || r < 0 || r > 10000 {
						return nil, fmt.Errorf("%s %s: bad rate %q", date, key, v)
					}
					e.rates = append(e.rates, r)
				}
			default:
				s := -1
				for i, n := range statusNames {
					if n == key {
						s = i
					}
				}
				if s < 0 {
					return nil, fmt.Errorf("%s: unknown key %q", date, key)
				}
				vals, err := nodeList(&node)
				if err != nil {
					return nil, fmt.Errorf("%s %s: %v", date, key, err)
				}
				for _, v := range vals {
					c, err := money.Parse(v)
					if err != nil {
						return nil, fmt.Errorf("%s %s: %q: %v", date, key, v, err)
					}
					e.byStatus[s] = append(e.byStatus[s], c)
				}
			}
		}
		if e.reference == "" {
			return nil, fmt.Errorf("%s: no reference", date)
		}
		for s, v := range e.byStatus {
			if v == nil {
				return nil, fmt.Errorf("%s: no value for %s", date, statusNames[s])
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

// effectiveYear reads an effective date; every figure here takes effect on
// January 1 of a tax (or premium) year.
func effectiveYear(date string) (int, error) {
	y, md, ok := strings.Cut(date, "-")
	if !ok || md != "01-01" {
		return 0, fmt.Errorf("effective date %q is not January 1", date)
	}
	return strconv.Atoi(y)
}

func nodeList(n *yaml.Node) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, errors.New("not a list")
	}
	out := make([]string, len(n.Content))
	for i, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return nil, errors.New("list item is not a number")
		}
		out[i] = c.Value
	}
	return out, nil
}

// resolved is a parameter's value for one year.
type resolved struct {
	byStatus  [numStatus][]money.Cents
	rates     []int64
	reference string
	projected bool
	from      int // year of the entry the value comes from
}

// resolve returns the parameter's value in effect on January 1 of year. For an
// indexed parameter whose last entry is older than year, each amount is
// projected: amount x (1 + inflation)^(year - entry year), rounded to the
// parameter's multiple (down, as IRC 1(f)(7) and 63(c)(4) say, or to the
// nearest for Medicare figures). The statute indexes from a base year's
// unrounded figure; projecting from the last published (rounded) figure is
// this project's approximation of the IRS's future figures.
func (p *param) resolve(year int, ppm int64) (resolved, error) {
	i := sort.Search(len(p.entries), func(i int) bool { return p.entries[i].year > year }) - 1
	if i < 0 {
		return resolved{}, fmt.Errorf("%w: %s has no value for %d", ErrYear, p.name, year)
	}
	e := &p.entries[i]
	r := resolved{byStatus: e.byStatus, rates: e.rates, reference: e.reference, from: e.year}
	if p.method == "none" || e.year == year {
		return r, nil
	}
	r.projected = true
	n := year - e.year
	num := new(big.Int).Exp(big.NewInt(1_000_000+ppm), big.NewInt(int64(n)), nil)
	den := new(big.Int).Exp(big.NewInt(1_000_000), big.NewInt(int64(n)), nil)
	for s := range r.byStatus {
		src := e.byStatus[s]
		dst := make([]money.Cents, len(src))
		for k, v := range src {
			pv, ok := project(v, num, den, p.multiple[s], p.nearest)
			if !ok {
				return r, fmt.Errorf("%w: %s for %d would pass %s", ErrProjection, p.name, year, MaxFigure.Grouped())
			}
			dst[k] = pv
		}
		r.byStatus[s] = dst
	}
	return r, nil
}

// project returns v x num/den rounded to a multiple m (down, or half up), or
// false when that is above MaxFigure.
func project(v money.Cents, num, den *big.Int, m money.Cents, nearest bool) (money.Cents, bool) {
	if v == 0 {
		return 0, true
	}
	x := new(big.Int).Mul(big.NewInt(int64(v)), num)
	d := new(big.Int).Mul(den, big.NewInt(int64(m)))
	if nearest {
		x.Mul(x, big.NewInt(2))
		x.Add(x, d)
		d.Mul(d, big.NewInt(2))
	}
	q := new(big.Int).Quo(x, d) // operands are positive: truncation is floor
	if q.Cmp(big.NewInt(int64(MaxFigure/m))) > 0 {
		return 0, false
	}
	return money.Cents(q.Int64()) * m, true
}

// inflationPPM converts the inflation assumption to integer parts per
// million, once, rounding half away from zero.
func inflationPPM(inflation float64) (int64, error) {
	if math.IsNaN(inflation) || inflation <= -0.5 || inflation > 1 {
		return 0, ErrInflation
	}
	return int64(math.Round(inflation * 1e6)), nil
}
