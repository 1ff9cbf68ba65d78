package search

import (
	"errors"
	"math"
)

// simplex is a dense bounded-variable simplex method for
//
//	minimise c·x  subject to  A x = b,  0 <= x <= u  (u may be +Inf),
//
// the solver of a node's linear relaxation (lp.go). It owns its buffers, so
// once they are sized a solve allocates nothing, and it stops after a fixed
// number of pivots, so a degenerate programme can never hold a worker past
// its time limit.
//
// Method: two phases over a tableau of B⁻¹A (Chvátal, Linear Programming,
// 1983, ch. 8 for bounded variables). Phase 1 starts from one artificial
// variable per row and minimises their sum; phase 2 fixes the artificials at
// zero and minimises c·x. Entering columns are chosen by the largest reduced
// cost (Dantzig) until the objective stalls, then by Bland's smallest-index
// rule, which cannot cycle. Its answers are proposals only, in floating
// point: a plan built from them is replayed exactly through the rules
// engine before it is kept, and its dual values are used only as the
// multipliers of a Lagrangian bound, which is valid for any multipliers.
type simplex struct {
	m, n  int         // rows; structural columns (artificials follow them)
	t     []float64   // m rows of n+m columns: B⁻¹A
	beta  []float64   // value of the basic variable of each row
	d     []float64   // reduced costs of the n+m columns
	cost  []float64   // the phase's cost per column
	up    []float64   // upper bound per column
	obj   []float64   // the programme's cost per structural column
	basis []int       // column basic in each row
	state []int8      // per column: basic, at its lower or at its upper bound
	x     []float64   // the solution, n structural values
	halt  func() bool // checked before each pivot
	scale float64     // the largest right-hand side, for tolerances
	nz    []int       // pivot's scratch: the pivot row's nonzero columns
}

const (
	atLower int8 = iota
	atUpper
	isBasic
)

// Tolerances, for programmes in dollars (up to about 1e8) with rates and
// shares as coefficients.
const (
	spPivotTol = 1e-9 // smallest tableau entry used as a pivot
	spCostTol  = 1e-9 // reduced cost below which a column cannot improve
	spFeasTol  = 1e-9 // artificial left, per unit of the largest right-hand side, at which phase 1 fails
)

var (
	errSimplexInfeasible = errors.New("search: linear programme infeasible")
	errSimplexUnbounded  = errors.New("search: linear programme unbounded")
	errSimplexIterations = errors.New("search: linear programme needs too many pivots")
	errSimplexHalted     = errors.New("search: linear programme stopped with the search")
)

// reset sizes the buffers for m rows and n structural columns and clears
// them; A is then set through set, b through setB, c and u through setCol.
func (s *simplex) reset(m, n int) {
	s.m, s.n = m, n
	w := n + m
	s.t = grow(s.t, m*w)
	s.beta = grow(s.beta, m)
	s.d = grow(s.d, w)
	s.cost = grow(s.cost, w)
	s.up = grow(s.up, w)
	s.x = grow(s.x, n)
	s.obj = grow(s.obj, n)
	if cap(s.nz) < w {
		s.nz = make([]int, 0, w)
	}
	if cap(s.basis) < m {
		s.basis = make([]int, m)
	}
	s.basis = s.basis[:m]
	if cap(s.state) < w {
		s.state = make([]int8, w)
	}
	s.state = s.state[:w]
	for j := range s.up {
		s.up[j] = math.Inf(1)
	}
}

// grow returns buf resized to n and zeroed, reusing its storage.
func grow(buf []float64, n int) []float64 {
	if cap(buf) < n {
		buf = make([]float64, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

func (s *simplex) set(i, j int, v float64) { s.t[i*(s.n+s.m)+j] = v }
func (s *simplex) setB(i int, v float64)   { s.beta[i] = v }

// setCol gives structural column j its cost and upper bound.
func (s *simplex) setCol(j int, c, u float64) { s.obj[j], s.up[j] = c, u }

// solve runs both phases and returns the optimum of c·x; the solution is in
// s.x. It consumes the tableau: set the programme again before another solve.
func (s *simplex) solve() (float64, error) {
	c := s.obj
	m, n, w := s.m, s.n, s.n+s.m
	// Tolerances scale with the programme's right-hand sides.
	s.scale = 0
	for i := 0; i < m; i++ {
		s.scale = max(s.scale, math.Abs(s.beta[i]))
	}
	// Phase 1: rows with b >= 0, an artificial basic in each.
	for i := 0; i < m; i++ {
		row := s.t[i*w : (i+1)*w]
		if s.beta[i] < 0 {
			s.beta[i] = -s.beta[i]
			for j := 0; j < n; j++ {
				row[j] = -row[j]
			}
		}
		row[n+i] = 1
		s.basis[i] = n + i
	}
	for j := 0; j < w; j++ {
		s.state[j] = atLower
		s.cost[j] = 0
		if j >= n {
			s.cost[j] = 1
			s.state[j] = isBasic
		}
	}
	s.price()
	if err := s.iterate(w); err != nil {
		return 0, err
	}
	var infeas float64
	for i := 0; i < m; i++ {
		if s.basis[i] >= n {
			infeas += s.beta[i]
		}
	}
	if infeas > spFeasTol*(1+s.scale) {
		return 0, errSimplexInfeasible
	}
	// Phase 2: artificials pinned at zero, never to enter again.
	for j := 0; j < w; j++ {
		if j < n {
			s.cost[j] = c[j]
		} else {
			s.cost[j] = 0
			s.up[j] = 0
		}
	}
	s.price()
	if err := s.iterate(n); err != nil {
		return 0, err
	}
	for j := 0; j < n; j++ {
		switch s.state[j] {
		case atLower:
			s.x[j] = 0
		case atUpper:
			s.x[j] = s.up[j]
		}
	}
	for i := 0; i < m; i++ {
		if b := s.basis[i]; b < n {
			s.x[b] = s.beta[i]
		}
	}
	var opt float64
	for j := 0; j < n; j++ {
		opt += c[j] * s.x[j]
	}
	return opt, nil
}

// price sets the reduced costs d = cost - cost_B B⁻¹A for the current basis.
func (s *simplex) price() {
	w := s.n + s.m
	copy(s.d, s.cost[:w])
	for i := 0; i < s.m; i++ {
		cb := s.cost[s.basis[i]]
		if cb == 0 {
			continue
		}
		row := s.t[i*w : (i+1)*w]
		for j := range w {
			s.d[j] -= cb * row[j]
		}
	}
}

// iterate pivots until no column below enter can improve the objective.
func (s *simplex) iterate(enter int) error {
	m, w := s.m, s.n+s.m
	maxPivots := 50 * (m + w)
	stall, bland := 0, false
	for range maxPivots {
		if s.halt != nil && s.halt() {
			return errSimplexHalted
		}
		q, dir := s.entering(enter, bland)
		if q < 0 {
			return nil
		}
		// Ratio test: how far x_q can move before a basic variable meets a
		// bound, or x_q its own (a bound flip, no pivot).
		r, leaveUp := -1, false
		step := s.up[q]
		for i := 0; i < m; i++ {
			a := dir * s.t[i*w+q]
			var ti float64
			var up bool
			switch {
			case a > spPivotTol:
				ti = max(s.beta[i], 0) / a
			case a < -spPivotTol && !math.IsInf(s.up[s.basis[i]], 1):
				ti = max(s.up[s.basis[i]]-s.beta[i], 0) / -a
				up = true
			default:
				continue
			}
			if ti < step || (ti == step && r >= 0 && s.basis[i] < s.basis[r]) {
				step, r, leaveUp = ti, i, up
			}
		}
		if math.IsInf(step, 1) {
			return errSimplexUnbounded
		}
		if step > 0 {
			stall = 0
		} else if stall++; stall > 2*m {
			bland = true
		}
		for i := 0; i < m; i++ {
			s.beta[i] -= dir * step * s.t[i*w+q]
		}
		if r < 0 { // x_q went from one bound to the other
			if dir > 0 {
				s.state[q] = atUpper
			} else {
				s.state[q] = atLower
			}
			continue
		}
		val := step
		if dir < 0 {
			val = s.up[q] - step
		}
		s.pivot(r, q)
		leave := s.basis[r]
		if leaveUp {
			s.state[leave] = atUpper
		} else {
			s.state[leave] = atLower
		}
		s.basis[r], s.state[q], s.beta[r] = q, isBasic, val
	}
	return errSimplexIterations
}

// entering picks a column below limit whose move from its bound lowers the
// objective, and the direction of that move (+1 up from the lower bound, -1
// down from the upper); -1 when none does.
func (s *simplex) entering(limit int, bland bool) (int, float64) {
	q, dir, best := -1, 0.0, spCostTol
	for j := 0; j < limit; j++ {
		var gain, dj float64
		switch s.state[j] {
		case atLower:
			if s.up[j] <= 0 {
				continue
			}
			gain, dj = -s.d[j], 1
		case atUpper:
			gain, dj = s.d[j], -1
		default:
			continue
		}
		if gain > best {
			q, dir, best = j, dj, gain
			if bland {
				break
			}
		}
	}
	return q, dir
}

// pivot makes column q basic in row r: row r divided by its entry in q, and
// q eliminated from the other rows and from the reduced costs. Only the
// pivot row's nonzero columns change elsewhere (the rows are sparse), so
// those are listed once; the arithmetic is the same as over every column.
func (s *simplex) pivot(r, q int) {
	w := s.n + s.m
	pr := s.t[r*w : (r+1)*w]
	inv := 1 / pr[q]
	nz := s.nz[:0]
	for j := range w {
		if pr[j] != 0 {
			pr[j] *= inv
			nz = append(nz, j)
		}
	}
	s.nz = nz
	pr[q] = 1
	for i := 0; i < s.m; i++ {
		if i == r {
			continue
		}
		row := s.t[i*w : (i+1)*w]
		f := row[q]
		if f == 0 {
			continue
		}
		for _, j := range nz {
			row[j] -= f * pr[j]
		}
		row[q] = 0
	}
	if f := s.d[q]; f != 0 {
		for _, j := range nz {
			s.d[j] -= f * pr[j]
		}
		s.d[q] = 0
	}
}

// dual returns the dual value of row i at the solution solve reached: the
// change of the optimum per unit of the row's right-hand side, read off the
// artificial column of the row (its reduced cost is minus the dual of the
// row as it was after phase 1 made its right-hand side non-negative).
func (s *simplex) dual(i int, flipped bool) float64 {
	y := -s.d[s.n+i]
	if flipped {
		return -y
	}
	return y
}
