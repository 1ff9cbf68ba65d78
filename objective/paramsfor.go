package objective

import (
	"fmt"

	"github.com/rothpath/optimize/money"
)

// ParamsFor returns the figures of a tax year: published figures for 2024 to
// the last published year, and for later years figures projected by each
// statute's indexing from the last published year with the inflation
// assumption (a plain fraction, 0.025 = 2.5%, converted once to parts per
// million); YearParams.Projected names every projected figure. Figures that
// the law does not index (NIIT and Social Security thresholds, the senior
// deduction) carry forward unchanged. Years before FirstYear or after
// LastYear are an error, and so is an inflation that projects a figure past
// MaxFigure (ErrProjection).
//
// Results are cached per (year, inflation): the returned value is shared and
// must not be modified.
func ParamsFor(year int, inflation float64) (*YearParams, error) {
	if year < FirstYear {
		return nil, fmt.Errorf("%w: %d", ErrYear, year)
	}
	if year > LastYear {
		return nil, fmt.Errorf("%w: %d", ErrYearLate, year)
	}
	ppm, err := inflationPPM(inflation)
	if err != nil {
		return nil, err
	}
	key := cacheKey{year, ppm}
	cacheMu.Lock()
	yp, ok := paramCache[key]
	cacheMu.Unlock()
	if ok {
		return yp, nil
	}
	yp, err = buildParams(year, ppm)
	if err != nil {
		return nil, err
	}
	cacheMu.Lock()
	paramCache[key] = yp
	cacheMu.Unlock()
	return yp, nil
}

// buildParams resolves every parameter file for the year.
func buildParams(year int, ppm int64) (*YearParams, error) {
	all, err := loadParams()
	if err != nil {
		return nil, err
	}
	yp := &YearParams{Year: year}
	get := func(name string, perStatus int, rates int) (resolved, error) {
		p, ok := all[name]
		if !ok {
			return resolved{}, fmt.Errorf("%w: %s.yaml missing", errParams, name)
		}
		r, err := p.resolve(year, ppm)
		if err != nil {
			return r, err
		}
		for s, v := range r.byStatus {
			if perStatus >= 0 && len(v) != perStatus {
				return r, fmt.Errorf("%w: %s %d %s: want %d values, have %d",
					errParams, name, r.from, statusNames[s], perStatus, len(v))
			}
		}
		if len(r.rates) != rates {
			return r, fmt.Errorf("%w: %s %d: want %d rates, have %d", errParams, name, r.from, rates, len(r.rates))
		}
		if r.projected {
			yp.Projected = append(yp.Projected, fmt.Sprintf("%s (projected from %d)", name, r.from))
		}
		return r, nil
	}

	r, err := get("ordinary_brackets", MaxBrackets-1, MaxBrackets)
	if err != nil {
		return nil, err
	}
	for s := range yp.Brackets {
		copy(yp.Brackets[s].Top[:], r.byStatus[s])
		copy(yp.Brackets[s].RateBP[:], r.rates)
	}
	if r, err = get("standard_deduction", 1, 0); err != nil {
		return nil, err
	}
	each(r, func(s int, v []money.Cents) { yp.StandardDeduction[s] = v[0] })
	if r, err = get("additional_standard_deduction", 1, 0); err != nil {
		return nil, err
	}
	each(r, func(s int, v []money.Cents) { yp.AdditionalAged[s] = v[0] })
	if r, err = get("senior_deduction", 2, 0); err != nil {
		return nil, err
	}
	each(r, func(s int, v []money.Cents) { yp.SeniorAmount[s], yp.SeniorThreshold[s] = v[0], v[1] })
	yp.SeniorRateBP = 600 // IRC 151(f)(2): "6 percent of so much of the taxpayer's modified adjusted gross income as exceeds"
	if r, err = get("capital_gains_thresholds", 2, 0); err != nil {
		return nil, err
	}
	each(r, func(s int, v []money.Cents) { yp.GainsTop0[s], yp.GainsTop15[s] = v[0], v[1] })
	if r, err = get("niit", 1, 1); err != nil {
		return nil, err
	}
	each(r, func(s int, v []money.Cents) { yp.NIITThreshold[s] = v[0] })
	yp.NIITRateBP = r.rates[0]
	if r, err = get("social_security_base", 2, 0); err != nil {
		return nil, err
	}
	each(r, func(s int, v []money.Cents) { yp.SSBase[s], yp.SSAdjustedBase[s] = v[0], v[1] })

	th, err := get("irmaa_thresholds", -1, 0)
	if err != nil {
		return nil, err
	}
	pb, err := get("irmaa_part_b", -1, 0)
	if err != nil {
		return nil, err
	}
	pd, err := get("irmaa_part_d", -1, 0)
	if err != nil {
		return nil, err
	}
	for s := range yp.IRMAA {
		n := len(th.byStatus[s])
		if n > MaxIRMAATiers || len(pb.byStatus[s]) != n || len(pd.byStatus[s]) != n {
			return nil, fmt.Errorf("%w: irmaa tables for %s do not match", errParams, statusNames[s])
		}
		t := &yp.IRMAA[s]
		t.N = n
		copy(t.Threshold[:], th.byStatus[s])
		copy(t.PartB[:], pb.byStatus[s])
		copy(t.PartD[:], pd.byStatus[s])
	}
	return yp, nil
}

func each(r resolved, f func(s int, v []money.Cents)) {
	for s, v := range r.byStatus {
		f(s, v)
	}
}
