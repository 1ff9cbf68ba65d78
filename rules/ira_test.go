package rules

import (
	"errors"
	"testing"
)

// Section 1, seed 000: convert $150,000 of a $400,000 IRA with $15,000 basis.
func TestConversionProRata(t *testing.T) {
	s := mustState(t, seed000())
	var e Effect
	if err := s.Apply(&Move{Kind: IRAConversion, Year: 2026, Amount: d(150000)}, &e); err != nil {
		t.Fatal(err)
	}
	var r YearResult
	s.CloseYear(2026, &r)
	f := r.Form8606[0]
	eq(t, "line6", f.Line6, d(250000))
	eq(t, "line9", f.Line9, d(400000))
	if f.Line10 != 3750 {
		t.Errorf("line10 = %s", f.Line10)
	}
	eq(t, "line11", f.Line11, d(5625))
	eq(t, "line18", f.Line18, d(144375))
	eq(t, "line14", f.Line14, d(9375))
	eq(t, "added", r.AddedOrdinary, d(144375))
	eq(t, "converted", r.Converted, d(150000))
	eq(t, "basis to roth", r.BasisToRoth, d(5625))
}

// Same conversion in the year the 401(k)'s $350,000 pre-tax rolls into the IRA
// (split rollover, after-tax to Roth): ratio 0.02, taxable 147,000.
func TestConversionWithRollover(t *testing.T) {
	s := mustState(t, seed000())
	var e Effect
	if err := s.Apply(&Move{Kind: SplitRollover, Year: 2026, Plan: 0, Whole: true}, &e); err != nil {
		t.Fatal(err)
	}
	eq(t, "after-tax", e.AfterTax, d(50000))
	eq(t, "taxable", e.Taxable, 0)
	if err := s.Apply(&Move{Kind: IRAConversion, Year: 2026, Amount: d(150000)}, &e); err != nil {
		t.Fatal(err)
	}
	var r YearResult
	s.CloseYear(2026, &r)
	f := r.Form8606[0]
	eq(t, "line6", f.Line6, d(600000))
	eq(t, "line9", f.Line9, d(750000))
	if f.Line10 != 2000 {
		t.Errorf("line10 = %s", f.Line10)
	}
	eq(t, "line18", f.Line18, d(147000))
	eq(t, "line14", f.Line14, d(12000))
	eq(t, "converted", r.Converted, d(200000))
	eq(t, "basis to roth", r.BasisToRoth, d(53000))
}

func TestInServiceRefused(t *testing.T) {
	sc := seed000()
	sc.People[0].SeparatedFromService = false
	s := mustState(t, sc)
	var e Effect
	err := s.Apply(&Move{Kind: SplitRollover, Year: 2026, Plan: 0, Whole: true}, &e)
	if !errors.Is(err, ErrInService) {
		t.Fatalf("err = %v", err)
	}
	want := "rules: acme-401k: in-service distribution not allowed while employed (source after_tax)"
	if err.Error() != want {
		t.Errorf("got %q", err.Error())
	}
}
