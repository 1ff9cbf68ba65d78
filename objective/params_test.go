package objective

import (
	"errors"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
)

// TestParamData checks the figures themselves: every file parses, every value
// has a reference, every supported year and status resolves, schedules
// increase, and projected years are flagged and never fall below earlier ones.
func TestParamData(t *testing.T) {
	all, err := loadParams()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 10 {
		t.Fatalf("only %d parameter files", len(all))
	}
	for name, p := range all {
		for _, e := range p.entries {
			if strings.TrimSpace(e.reference) == "" {
				t.Errorf("%s %d: no reference", name, e.year)
			}
		}
	}
	var prev *YearParams
	for year := 2024; year <= 2040; year++ {
		yp, err := ParamsFor(year, 0.025)
		if err != nil {
			t.Fatalf("%d: %v", year, err)
		}
		if year <= 2026 && len(yp.Projected) != 0 {
			t.Errorf("%d: published year flagged projected: %v", year, yp.Projected)
		}
		if year > 2026 && len(yp.Projected) == 0 {
			t.Errorf("%d: projected year not flagged", year)
		}
		for s := 0; s < numStatus; s++ {
			checkIncreasing(t, year, statusNames[s]+" brackets", yp.Brackets[s].Top[:])
			checkIncreasing(t, year, statusNames[s]+" gains", []money.Cents{yp.GainsTop0[s], yp.GainsTop15[s]})
			checkIncreasing(t, year, statusNames[s]+" irmaa", yp.IRMAA[s].Threshold[:yp.IRMAA[s].N])
			if s != stSeparate {
				checkIncreasing(t, year, statusNames[s]+" social security", []money.Cents{yp.SSBase[s], yp.SSAdjustedBase[s]})
			}
			for k := 1; k < MaxBrackets; k++ {
				if yp.Brackets[s].RateBP[k] <= yp.Brackets[s].RateBP[k-1] {
					t.Errorf("%d %s: rates do not increase", year, statusNames[s])
				}
			}
			if yp.StandardDeduction[s] <= 0 {
				t.Errorf("%d %s: no standard deduction", year, statusNames[s])
			}
			if prev != nil {
				for k := range yp.Brackets[s].Top {
					if yp.Brackets[s].Top[k] < prev.Brackets[s].Top[k] {
						t.Errorf("%d %s: bracket %d fell", year, statusNames[s], k)
					}
				}
				if yp.StandardDeduction[s] < prev.StandardDeduction[s] ||
					yp.GainsTop15[s] < prev.GainsTop15[s] ||
					yp.IRMAA[s].Threshold[0] < prev.IRMAA[s].Threshold[0] {
					t.Errorf("%d %s: a threshold fell", year, statusNames[s])
				}
			}
			if year > 2026 {
				if yp.Brackets[s].Top[0]%2500 != 0 || yp.StandardDeduction[s]%5000 != 0 ||
					yp.IRMAA[s].Threshold[0]%100000 != 0 {
					t.Errorf("%d %s: projected figure not on its rounding multiple", year, statusNames[s])
				}
			}
		}
		if (year >= 2025 && year <= 2028) != (yp.SeniorAmount[stSingle] == money.Dollars(6000)) {
			t.Errorf("%d: senior deduction %v", year, yp.SeniorAmount[stSingle])
		}
		prev = yp
	}
	if _, err := ParamsFor(2023, 0.025); !errors.Is(err, ErrYear) {
		t.Errorf("2023: err = %v, want ErrYear", err)
	}
	if _, err := ParamsFor(2026, 3); !errors.Is(err, ErrInflation) {
		t.Errorf("inflation 300%%: err = %v", err)
	}
}

func checkIncreasing(t *testing.T, year int, what string, v []money.Cents) {
	t.Helper()
	for k := 1; k < len(v); k++ {
		if v[k] <= v[k-1] {
			t.Errorf("%d %s: %v not strictly increasing", year, what, v)
			return
		}
	}
}

// TestParamFigures spot-checks resolved figures against rules.md section 8.
func TestParamFigures(t *testing.T) {
	yp, err := ParamsFor(2026, 0.025)
	if err != nil {
		t.Fatal(err)
	}
	d := money.Dollars
	checks := []struct {
		name      string
		got, want money.Cents
	}{
		{"2026 single 24% top", yp.Brackets[stSingle].Top[3], d(201775)},
		{"2026 QSS 35% top", yp.Brackets[stSurviving].Top[5], d(768700)},
		{"2026 MFS 35% top", yp.Brackets[stSeparate].Top[5], d(384350)},
		{"2026 HoH std", yp.StandardDeduction[stHead], d(24150)},
		{"2026 aged unmarried", yp.AdditionalAged[stSingle], d(2050)},
		{"2026 aged QSS", yp.AdditionalAged[stSurviving], d(1650)},
		{"2026 gains joint 15% top", yp.GainsTop15[stJoint], d(613700)},
		{"NIIT MFS", yp.NIITThreshold[stSeparate], d(125000)},
		{"SS joint adjusted base", yp.SSAdjustedBase[stJoint], d(44000)},
		{"2026 IRMAA joint top", yp.IRMAA[stJoint].Threshold[4], d(750000)},
		{"2026 IRMAA MFS part B top", yp.IRMAA[stSeparate].PartB[1], money.MustParse("487.00")},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	y25, _ := ParamsFor(2025, 0)
	if y25.StandardDeduction[stSingle] != d(15750) {
		t.Errorf("2025 single std = %v (P.L. 119-21)", y25.StandardDeduction[stSingle])
	}
	// Projection: 2027 single std = floor(16,100 x 1.025 / 50) x 50 = 16,500.
	y27, _ := ParamsFor(2027, 0.025)
	if y27.StandardDeduction[stSingle] != d(16500) {
		t.Errorf("2027 projected single std = %v, want 16500.00", y27.StandardDeduction[stSingle])
	}
	// 12,400 x 1.025 = 12,710 -> 12,700 (multiple of 25 down).
	if y27.Brackets[stSingle].Top[0] != d(12700) {
		t.Errorf("2027 projected 10%% top = %v", y27.Brackets[stSingle].Top[0])
	}
	// 109,000 x 1.025 = 111,725 -> 112,000 (nearest 1,000).
	if y27.IRMAA[stSingle].Threshold[0] != d(112000) {
		t.Errorf("2027 projected IRMAA = %v", y27.IRMAA[stSingle].Threshold[0])
	}
	a, _ := ParamsFor(2030, 0.025)
	b, _ := ParamsFor(2030, 0.025)
	if a != b {
		t.Error("ParamsFor does not cache")
	}
}
