package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/rothpath/optimize/internal/household"
)

// spProblem is a small programme min c·x, A x = b, 0 <= x <= up.
type spProblem struct {
	A    [][]float64
	b, c []float64
	up   []float64 // nil: no upper bounds
}

func (p spProblem) solve(s *simplex) (float64, error) {
	s.reset(len(p.A), len(p.c))
	for i, row := range p.A {
		for j, v := range row {
			s.set(i, j, v)
		}
		s.setB(i, p.b[i])
	}
	for j, c := range p.c {
		u := math.Inf(1)
		if p.up != nil {
			u = p.up[j]
		}
		s.setCol(j, c, u)
	}
	return s.solve()
}

func TestSimplexTextbook(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name string
		p    spProblem
		want float64
		err  error
	}{{
		// Chvátal (1983), p. 13: max 5x1+4x2+3x3 subject to 2x1+3x2+x3 <= 5,
		// 4x1+x2+2x3 <= 11, 3x1+4x2+2x3 <= 8; optimum 13 at (2, 0, 1).
		name: "chvatal",
		p: spProblem{
			A: [][]float64{{2, 3, 1, 1, 0, 0}, {4, 1, 2, 0, 1, 0}, {3, 4, 2, 0, 0, 1}},
			b: []float64{5, 11, 8},
			c: []float64{-5, -4, -3, 0, 0, 0},
		},
		want: -13,
	}, {
		// Beale (1955): cycles under the largest-coefficient rule with the
		// textbook tie-break; optimum -1/20 at x4 = 1/25, x6 = 1.
		name: "beale cycling",
		p: spProblem{
			A: [][]float64{
				{1, 0, 0, 0.25, -60, -0.04, 9},
				{0, 1, 0, 0.5, -90, -0.02, 3},
				{0, 0, 1, 0, 0, 1, 0},
			},
			b: []float64{0, 0, 1},
			c: []float64{0, 0, 0, -0.75, 150, -0.02, 6},
		},
		want: -0.05,
	}, {
		// Upper bounds instead of rows: max x1 + x2, x1 + 2x2 <= 4 (slack
		// x3), x1 <= 3, x2 <= 1.5: optimum 3.5 at (3, 0.5).
		name: "bounded",
		p: spProblem{
			A:  [][]float64{{1, 2, 1}},
			b:  []float64{4},
			c:  []float64{-1, -1, 0},
			up: []float64{3, 1.5, inf},
		},
		want: -3.5,
	}, {
		// A negative right-hand side and an equality that forces a bound:
		// x1 - x2 = -2, x1 + x2 = 4 -> x = (1, 3); min x1 + 2x2 = 7.
		name: "negative rhs",
		p: spProblem{
			A: [][]float64{{1, -1}, {1, 1}},
			b: []float64{-2, 4},
			c: []float64{1, 2},
		},
		want: 7,
	}, {
		name: "redundant row",
		p: spProblem{
			A: [][]float64{{1, 1}, {2, 2}},
			b: []float64{3, 6},
			c: []float64{1, 3},
		},
		want: 3,
	}, {
		name: "infeasible by bound",
		p: spProblem{
			A:  [][]float64{{1, 1}},
			b:  []float64{5},
			c:  []float64{1, 1},
			up: []float64{2, 2},
		},
		err: errSimplexInfeasible,
	}, {
		name: "unbounded",
		p: spProblem{
			A: [][]float64{{1, -1}},
			b: []float64{1},
			c: []float64{-1, 0},
		},
		err: errSimplexUnbounded,
	}}
	var s simplex
	for _, tt := range tests {
		got, err := tt.p.solve(&s)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.err)
			continue
		}
		if err == nil && math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: optimum %v, want %v (x %v)", tt.name, got, tt.want, s.x)
		}
		if err == nil {
			checkFeasible(t, tt.name, tt.p, s.x)
		}
	}
}

// checkFeasible checks x against the rows and bounds of p.
func checkFeasible(t *testing.T, name string, p spProblem, x []float64) {
	t.Helper()
	for i, row := range p.A {
		var v float64
		for j, a := range row {
			v += a * x[j]
		}
		if math.Abs(v-p.b[i]) > 1e-6*(1+math.Abs(p.b[i])) {
			t.Errorf("%s: row %d is %v, want %v", name, i, v, p.b[i])
		}
	}
	for j, v := range x {
		if v < -1e-9 || (p.up != nil && v > p.up[j]+1e-9) {
			t.Errorf("%s: x%d = %v out of its bounds", name, j, v)
		}
	}
}

// TestSimplexAgreesWithGonum captures the node programmes (lp.go) of the
// first structures of generated households as they are stated and solves
// each twice: with the search's own simplex and with gonum's lp.Simplex
// (upper bounds as rows). Optima agree to a millionth of a dollar per
// dollar, and so does feasibility.
func TestSimplexAgreesWithGonum(t *testing.T) {
	households := uint64(120)
	if testing.Short() {
		households = 40
	}
	var probs []spProblem
	lpHook = func(sp *simplex) {
		if len(probs) >= 2000 {
			return
		}
		m, n := sp.m, sp.n
		w := n + m
		pr := spProblem{b: slices.Clone(sp.beta[:m]), c: slices.Clone(sp.obj[:n]), up: slices.Clone(sp.up[:n])}
		for i := 0; i < m; i++ {
			pr.A = append(pr.A, slices.Clone(sp.t[i*w:i*w+n]))
		}
		probs = append(probs, pr)
	}
	defer func() { lpHook = nil }()
	for n := range households {
		sc := household.Generate(n, household.Realistic)
		if _, err := Search(context.Background(), sc, Settings{Workers: 1, Top: 1, NodeLimit: 200}); err != nil {
			t.Fatal(err)
		}
	}
	lpHook = nil
	var s simplex
	compared := 0
	for k, pr := range probs {
		got, gerr := pr.solve(&s)
		want, werr := pr.gonum()
		switch {
		case errors.Is(werr, lp.ErrInfeasible):
			if gerr == nil {
				// gonum's tolerances can call a programme infeasible that
				// is not: the solution found must then meet every row.
				checkFeasible(t, fmt.Sprintf("programme %d (gonum: infeasible)", k), pr, s.x)
			}
			continue
		case werr != nil:
			continue // gonum's own numerical trouble: nothing to compare
		case gerr != nil:
			t.Errorf("programme %d: own %v, gonum %.6f", k, gerr, want)
			continue
		}
		if math.Abs(got-want) > 1e-6*(1+math.Abs(want)) {
			t.Errorf("programme %d: own %.6f, gonum %.6f", k, got, want)
		}
		compared++
	}
	if compared < 100 {
		t.Errorf("only %d programmes compared", compared)
	}
	t.Logf("%d programmes compared", compared)
}

// gonum solves p with gonum's lp.Simplex: x >= 0, A x = b, upper bounds as
// rows with their own slacks.
func (p spProblem) gonum() (opt float64, err error) {
	defer func() {
		if r := recover(); r != nil { // gonum's own numerical trouble
			opt, err = 0, fmt.Errorf("gonum: %v", r)
		}
	}()
	m, n := len(p.A), len(p.c)
	var ub []int
	for j := 0; j < n; j++ {
		if p.up != nil && !math.IsInf(p.up[j], 1) {
			ub = append(ub, j)
		}
	}
	rows, cols := m+len(ub), n+len(ub)
	A := mat.NewDense(rows, cols, nil)
	b := make([]float64, rows)
	c := make([]float64, cols)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			A.Set(i, j, p.A[i][j])
		}
		b[i] = p.b[i]
	}
	for k, j := range ub {
		A.Set(m+k, j, 1)
		A.Set(m+k, n+k, 1)
		b[m+k] = p.up[j]
	}
	copy(c, p.c)
	opt, _, err = lp.Simplex(c, A, b, 1e-9, nil)
	return opt, err
}

// A solve on sized buffers allocates nothing.
func TestSimplexAllocatesNothing(t *testing.T) {
	p := spProblem{
		A: [][]float64{{1, 0, 0, 0.25, -8, -1, 9}, {0, 1, 0, 0.5, -12, -0.5, 3}, {0, 0, 1, 0, 0, 1, 0}},
		b: []float64{0, 0, 1},
		c: []float64{0, 0, 0, -0.75, 20, -0.5, 6},
	}
	var s simplex
	if _, err := p.solve(&s); err != nil {
		t.Fatal(err)
	}
	if a := testing.AllocsPerRun(50, func() { _, _ = p.solve(&s) }); a != 0 {
		t.Errorf("%.1f allocations per solve", a)
	}
}
