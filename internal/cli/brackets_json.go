package cli

import (
	"encoding/json"
	"io"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
)

// bracketsJSON is `brackets -o json`: the same figures as the table, money
// as strings with two decimals ("105700.00"), rates as numbers.
type bracketsJSON struct {
	Year      int               `json:"year"`
	Status    string            `json:"status"`
	Brackets  []bracketJSON     `json:"brackets"`
	Figures   map[string]string `json:"figures"`
	IRMAA     *irmaaJSON        `json:"irmaa,omitempty"`
	Projected []string          `json:"projected"`
}

type bracketJSON struct {
	Rate float64 `json:"rate"`
	Over string  `json:"over"`
	UpTo string  `json:"up_to,omitempty"` // empty for the top bracket
}

type irmaaJSON struct {
	PremiumYear int             `json:"premium_year"`
	MAGIYear    int             `json:"magi_year"`
	Tiers       []irmaaTierJSON `json:"tiers"`
}

type irmaaTierJSON struct {
	MAGIAbove string `json:"magi_above"` // the top tier: at least
	PartB     string `json:"part_b_monthly"`
	PartD     string `json:"part_d_monthly"`
}

func writeBracketsJSON(w io.Writer, year int, status string, st int, p *objective.YearParams) error {
	out := bracketsJSON{Year: year, Status: status, Projected: append([]string{}, p.Projected...)}
	s := p.Brackets[st]
	var from money.Cents
	for k := range objective.MaxBrackets {
		b := bracketJSON{Rate: float64(s.RateBP[k]) / 10000, Over: from.String()}
		if k < objective.MaxBrackets-1 {
			b.UpTo = s.Top[k].String()
			from = s.Top[k]
		}
		out.Brackets = append(out.Brackets, b)
	}
	out.Figures = map[string]string{
		"standard_deduction":               p.StandardDeduction[st].String(),
		"additional_standard_deduction":    p.AdditionalAged[st].String(),
		"senior_deduction":                 p.SeniorAmount[st].String(),
		"senior_deduction_phase_out_above": p.SeniorThreshold[st].String(),
		"capital_gains_0_up_to":            p.GainsTop0[st].String(),
		"capital_gains_15_up_to":           p.GainsTop15[st].String(),
		"niit_threshold":                   p.NIITThreshold[st].String(),
		"social_security_base":             p.SSBase[st].String(),
		"social_security_adjusted_base":    p.SSAdjustedBase[st].String(),
	}
	if t := &p.IRMAA[st]; t.N > 0 {
		ir := &irmaaJSON{PremiumYear: year, MAGIYear: year - 2}
		for k := 0; k < t.N; k++ {
			ir.Tiers = append(ir.Tiers, irmaaTierJSON{MAGIAbove: t.Threshold[k].String(), PartB: t.PartB[k].String(), PartD: t.PartD[k].String()})
		}
		out.IRMAA = ir
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
