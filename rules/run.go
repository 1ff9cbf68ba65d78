package rules

// Run applies moves to s year by year, from the open year to the last year of
// the horizon: each year's moves in the order given, then CloseYear. moves
// must be sorted by year and lie within the horizon. l.Years is reused
// (truncated and appended; size it once to the horizon for no allocation);
// effects, if not nil, must be at least as long as moves and receives each
// move's Effect, with the year-end taxable part of IRA conversions and IRA
// cash-outs filled in from that year's line 10 (per move, so the parts may
// differ from lines 11 and 12 by a cent of rounding). On a refused move Run
// stops and returns its error; s is then part way through.
func Run(s *State, moves []Move, l *Ledger, effects []Effect) error {
	l.Years = l.Years[:0]
	var scratch Effect
	i := 0
	last := s.StartYear + s.Horizon - 1
	for y := s.Year; y <= last; y++ {
		first := i
		for ; i < len(moves) && moves[i].Year == y; i++ {
			e := &scratch
			if effects != nil {
				e = &effects[i]
			}
			if err := s.Apply(&moves[i], e); err != nil {
				return err
			}
		}
		if i < len(moves) && moves[i].Year < y {
			return s.fail(ErrYear, s.sourceID(&moves[i]), "moves not sorted by year")
		}
		l.Years = append(l.Years, YearResult{})
		r := &l.Years[len(l.Years)-1]
		s.CloseYear(y, r)
		if effects != nil {
			fillDeferred(effects[first:i], s, r)
		}
	}
	if i < len(moves) {
		return s.fail(ErrYear, s.sourceID(&moves[i]), "move after the horizon")
	}
	l.BasisLeft = s.BasisLeft()
	return nil
}

// fillDeferred sets the taxable part of the year's IRA conversions and IRA
// cash-outs from the person's line 10.
func fillDeferred(effects []Effect, s *State, r *YearResult) {
	for j := range effects {
		e := &effects[j]
		if !e.Deferred {
			continue
		}
		p := 0
		for k := 0; k < s.NPeople; k++ {
			if s.People[k].IRAID == e.From {
				p = k
			}
		}
		f := &r.Form8606[p]
		e.Nontaxable = min(f.Line10.Apply(e.Gross), e.Gross)
		e.Taxable = e.Gross - e.Nontaxable
		e.AfterTax, e.Pretax = e.Nontaxable, e.Taxable
		if e.Kind == IRAConversion {
			e.Dest[0].Taxable = e.Taxable
		} else if e.early {
			e.PenaltyBase = e.Taxable
		}
	}
}
