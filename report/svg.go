package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/search"
)

// Charts are inline SVG drawn with integer arithmetic on cents: pixel
// positions are computed as amount × pixels / scale, never through float64.

const (
	chartW     = 720
	chartH     = 300
	chartLeft  = 72
	chartRight = 16
	chartTop   = 16
	chartBot   = 40
)

// segment is part of a year's added income taxed at one rate.
type segment struct {
	amount money.Cents
	rate   float64
	known  bool // the rate comes from bracket figures
}

// yearSegments splits a year's added taxable income at the bracket floors,
// stacked on top of the baseline taxable income; without figures it is one
// plain segment at the year's marginal rate.
func yearSegments(y search.Year, brackets BracketsFunc) []segment {
	if y.AddedTaxable <= 0 {
		return nil
	}
	if brackets != nil {
		if yb, ok := brackets(y.Year, y.AddedTaxable); ok && len(yb.Brackets) > 0 {
			return splitByBracket(yb.Base, y.AddedTaxable, yb.Brackets)
		}
	}
	return []segment{{amount: y.AddedTaxable, rate: y.MarginalRate}}
}

func splitByBracket(base, added money.Cents, bs []Bracket) []segment {
	var out []segment
	lo, hi := base, base+added
	for i, b := range bs {
		top := hi
		if i+1 < len(bs) {
			top = bs[i+1].Floor
		}
		from, to := money.Max(lo, b.Floor), money.Min(hi, top)
		if i+1 == len(bs) {
			to = hi
		}
		if to > from {
			out = append(out, segment{amount: to - from, rate: b.Rate, known: true})
		}
	}
	return out
}

// rateColour gives each bracket rate a fixed colour, cool to warm.
func rateColour(rate float64) string {
	switch bp := int(rate*1000 + 0.5); {
	case bp <= 0:
		return "#d9e2ec"
	case bp <= 100:
		return "#b7dfc5"
	case bp <= 120:
		return "#8fcca4"
	case bp <= 150:
		return "#c9e59a"
	case bp <= 220:
		return "#ffe08a"
	case bp <= 240:
		return "#ffc46b"
	case bp <= 320:
		return "#f79a5c"
	case bp <= 350:
		return "#e8684a"
	default:
		return "#c23b3b"
	}
}

// niceStep returns a tick step of 1, 2 or 5 times a power of ten dollars
// giving at most five ticks up to max.
func niceStep(max money.Cents) money.Cents {
	step := money.Dollar
	for {
		for _, m := range []money.Cents{1, 2, 5} {
			if max <= step*m*5 {
				return step * m
			}
		}
		step *= 10
	}
}

// shortMoney writes an axis label: "$150k", "$1.2M", "$500".
func shortMoney(c money.Cents) string {
	d := int64(c) / 100
	switch {
	case d >= 1_000_000:
		return "$" + trimTenths(d/100_000) + "M"
	case d >= 1_000:
		return "$" + trimTenths(d/100) + "k"
	}
	return "$" + strconv.FormatInt(d, 10)
}

func trimTenths(tenths int64) string {
	if tenths%10 == 0 {
		return strconv.FormatInt(tenths/10, 10)
	}
	return strconv.FormatInt(tenths/10, 10) + "." + strconv.FormatInt(tenths%10, 10)
}

// scale maps an amount in [0, top] to pixels in [0, px].
func scale(amount, top money.Cents, px int) int {
	if top <= 0 {
		return 0
	}
	return int(money.MulDiv(amount, int64(px), int64(top)))
}

// yAxis draws horizontal grid lines and labels; it returns the axis top.
func yAxis(b *strings.Builder, max money.Cents) money.Cents {
	step := niceStep(max)
	top := step
	for top < max {
		top += step
	}
	plotH := chartH - chartTop - chartBot
	for v := money.Cents(0); v <= top; v += step {
		y := chartTop + plotH - scale(v, top, plotH)
		fmt.Fprintf(b, `<line class="grid" x1="%d" y1="%d" x2="%d" y2="%d"/>`, chartLeft, y, chartW-chartRight, y)
		fmt.Fprintf(b, `<text class="tick" x="%d" y="%d" text-anchor="end">%s</text>`, chartLeft-8, y+4, shortMoney(v))
	}
	return top
}

// yearBarsSVG draws a stacked bar per year of the added taxable income.
func yearBarsSVG(ys []search.Year, brackets BracketsFunc) string {
	var max money.Cents
	for _, y := range ys {
		max = money.Max(max, y.AddedTaxable)
	}
	if max <= 0 {
		max = money.Dollar
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-label="Added taxable income by year and tax bracket" viewBox="0 0 %d %d" xmlns="http://www.w3.org/2000/svg">`, chartW, chartH)
	top := yAxis(&b, max)
	plotW := chartW - chartLeft - chartRight
	plotH := chartH - chartTop - chartBot
	slot := plotW / max1(len(ys))
	barW := slot * 3 / 5
	if barW > 90 {
		barW = 90
	}
	rates := map[float64]bool{}
	var order []float64
	for i, y := range ys {
		x := chartLeft + i*slot + (slot-barW)/2
		base := chartTop + plotH
		var acc money.Cents
		for _, s := range yearSegments(y, brackets) {
			y0 := chartTop + plotH - scale(acc+s.amount, top, plotH)
			h := base - y0
			class := "bar"
			if !s.known {
				class = "bar plain"
			}
			label := fmt.Sprintf("%d: %s taxed at %s", y.Year, s.amount.Grouped(), Percent(s.rate))
			if !s.known {
				label = fmt.Sprintf("%d: %s added, marginal rate %s", y.Year, s.amount.Grouped(), Percent(s.rate))
			}
			fmt.Fprintf(&b, `<rect class="%s" data-rate="%s" x="%d" y="%d" width="%d" height="%d" fill="%s"><title>%s</title></rect>`,
				class, Percent(s.rate), x, y0, barW, max1(h), rateColour(s.rate), label)
			acc += s.amount
			base = y0
			if !rates[s.rate] {
				rates[s.rate] = true
				order = append(order, s.rate)
			}
		}
		fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="middle">%d</text>`, x+barW/2, chartTop+plotH+18, y.Year)
		fmt.Fprintf(&b, `<text class="value" x="%d" y="%d" text-anchor="middle">%s</text>`, x+barW/2, base-6, shortMoney(y.AddedTaxable))
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, chartLeft, chartTop+plotH, chartW-chartRight, chartTop+plotH)
	b.WriteString(`</svg>`)
	return b.String() + legendHTML(order)
}

func legendHTML(rates []float64) string {
	if len(rates) == 0 {
		return ""
	}
	sortFloats(rates)
	var b strings.Builder
	b.WriteString(`<div class="legend">`)
	for _, r := range rates {
		label := Percent(r) + " bracket"
		if r == 0 {
			label = "0% (deductions)"
		}
		fmt.Fprintf(&b, `<span><i style="background:%s"></i>%s</span>`, rateColour(r), label)
	}
	b.WriteString(`</div>`)
	return b.String()
}

func sortFloats(v []float64) {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

// frontierSVG draws two panels sharing the amount moved: above, the least
// total tax for each amount, with the goal marked; below, the marginal cost
// of each step (added tax per added dollar since the previous point).
func frontierSVG(points []search.FrontierPoint, goal money.Cents) string {
	var maxGoal, maxTax money.Cents
	maxRate := 0.0
	for _, p := range points {
		if p.Feasible {
			maxGoal = money.Max(maxGoal, p.Goal)
			maxTax = money.Max(maxTax, p.TotalTax)
			if p.Marginal > maxRate {
				maxRate = p.Marginal
			}
		}
	}
	maxGoal = money.Max(maxGoal, goal)
	if maxGoal <= 0 {
		maxGoal = money.Dollar
	}
	if maxTax <= 0 {
		maxTax = money.Dollar
	}
	const lowH = 130 // the marginal-cost panel
	height := chartH + lowH
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart frontier" role="img" aria-label="Least total tax and marginal cost by amount moved to Roth" viewBox="0 0 %d %d" xmlns="http://www.w3.org/2000/svg">`, chartW, height)
	top := yAxis(&b, maxTax)
	plotW := chartW - chartLeft - chartRight
	plotH := chartH - chartTop - chartBot
	xStep := niceStep(maxGoal)
	xTop := xStep
	for xTop < maxGoal {
		xTop += xStep
	}
	xOf := func(v money.Cents) int { return chartLeft + scale(v, xTop, plotW) }
	for v := money.Cents(0); v <= xTop; v += xStep {
		fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="middle">%s</text>`, xOf(v), chartTop+plotH+18, shortMoney(v))
	}
	var path, dots strings.Builder
	for _, p := range points {
		if !p.Feasible {
			continue
		}
		x, y := xOf(p.Goal), chartTop+plotH-scale(p.TotalTax, top, plotH)
		if path.Len() == 0 {
			fmt.Fprintf(&path, "M%d %d", x, y)
		} else {
			fmt.Fprintf(&path, " L%d %d", x, y)
		}
		fmt.Fprintf(&dots, `<circle class="point" cx="%d" cy="%d" r="3.5"><title>%s to Roth: least tax %s</title></circle>`,
			x, y, p.Goal.Grouped(), p.TotalTax.Grouped())
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, chartLeft, chartTop+plotH, chartW-chartRight, chartTop+plotH)
	fmt.Fprintf(&b, `<path class="curve" d="%s"/>%s`, path.String(), dots.String())
	if goal > 0 {
		x := xOf(goal)
		label := "goal " + shortMoney(goal)
		if t, ok := taxAt(points, goal); ok {
			label += ": " + t.Grouped()
		}
		anchor := "start"
		if x > chartLeft+plotW*2/3 {
			anchor = "end"
		}
		dx := 6
		if anchor == "end" {
			dx = -6
		}
		fmt.Fprintf(&b, `<line class="goal" x1="%d" y1="%d" x2="%d" y2="%d"/>`, x, chartTop, x, chartH+lowH-chartBot+4)
		fmt.Fprintf(&b, `<text class="goal-label" x="%d" y="%d" text-anchor="%s">%s</text>`, x+dx, chartTop+12, anchor, label)
	}
	// The marginal-cost panel: one bar per step, its height the rate.
	lowTop := chartH + 8
	lowPlot := lowH - chartBot - 8
	rateTop := 0.1
	for rateTop < maxRate {
		rateTop += 0.1
	}
	for r := 0.0; r <= rateTop+1e-9; r += rateTop / 2 {
		y := lowTop + lowPlot - int(r/rateTop*float64(lowPlot))
		fmt.Fprintf(&b, `<line class="grid" x1="%d" y1="%d" x2="%d" y2="%d"/>`, chartLeft, y, chartW-chartRight, y)
		fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="end">%s</text>`, chartLeft-8, y+4, Percent(r))
	}
	var prev money.Cents
	first := true
	for _, p := range points {
		if !p.Feasible {
			continue
		}
		if !first && p.Goal > prev {
			x0, x1 := xOf(prev), xOf(p.Goal)
			h := int(p.Marginal / rateTop * float64(lowPlot))
			fmt.Fprintf(&b, `<rect class="marginal" x="%d" y="%d" width="%d" height="%d"><title>%s to %s: %s of added tax per added dollar</title></rect>`,
				x0+1, lowTop+lowPlot-h, max1(x1-x0-2), max1(h), prev.Grouped(), p.Goal.Grouped(), Percent(p.Marginal))
		}
		prev, first = p.Goal, false
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, chartLeft, lowTop+lowPlot, chartW-chartRight, lowTop+lowPlot)
	fmt.Fprintf(&b, `<text class="axis-label" x="%d" y="%d" text-anchor="start">marginal cost of each step</text>`, chartLeft+4, lowTop+10)
	fmt.Fprintf(&b, `<text class="axis-label" x="%d" y="%d" text-anchor="middle">amount moved to Roth</text>`, chartLeft+plotW/2, height-4)
	b.WriteString(`</svg>`)
	return b.String()
}

// taxAt is the least tax at a goal that is one of the points.
func taxAt(points []search.FrontierPoint, goal money.Cents) (money.Cents, bool) {
	for _, p := range points {
		if p.Feasible && p.Goal == goal {
			return p.TotalTax, true
		}
	}
	return 0, false
}

func max1(v int) int {
	if v < 1 {
		return 1
	}
	return v
}
