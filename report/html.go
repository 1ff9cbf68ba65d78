package report

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/search"
)

// WriteHTML writes the client-ready plan report as one self-contained HTML
// page: inline CSS and inline SVG charts, no scripts and no external
// resources. Its print style sheet makes the PDF (the browser's Print):
// headings are kept with what follows them, tables and charts are not split
// where they fit on a page. frontier, when given, adds the least-tax curve
// with the goal marked and the marginal cost of each step.
func WriteHTML(w io.Writer, in Input, frontier []search.FrontierPoint) error {
	var b strings.Builder
	htmlHead(&b, htmlTitle(in))
	htmlBody(&b, in, frontier)
	htmlFoot(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteHTMLBody writes what WriteHTML puts inside the page's <main>, for a
// page that brings its own head and the style sheet CSS (optimize serve).
func WriteHTMLBody(w io.Writer, in Input, frontier []search.FrontierPoint) error {
	var b strings.Builder
	htmlBody(&b, in, frontier)
	_, err := io.WriteString(w, b.String())
	return err
}

func htmlTitle(in Input) string {
	title, _ := splitTitle(planDoc(in, true)[:1])
	return title
}

func htmlBody(b *strings.Builder, in Input, frontier []search.FrontierPoint) {
	doc := planDoc(in, true)
	title, doc := splitTitle(doc)
	b.WriteString(`<header><h1>` + esc(title) + `</h1>`)
	metaLine(b, in)
	statusFlag(b, in.Result)
	if len(doc) > 0 {
		if p, ok := doc[0].(para); ok {
			b.WriteString(`<p class="lead">` + esc(p.text) + `</p>`)
			doc = doc[1:]
		}
	}
	b.WriteString(`</header>`)
	cards(b, in.Result)
	htmlBlocks(b, doc, in.Brackets)
	if len(frontier) > 0 {
		b.WriteString(`<section class="keep"><h2>Least tax by amount moved</h2>`)
		frontierHTML(b, frontier, in.Goal, nil)
		b.WriteString(`</section>`)
	}
}

// metaLine is the household, preparer and date line of the header.
func metaLine(b *strings.Builder, in Input) {
	var parts []string
	if in.Scenario != "" {
		parts = append(parts, `<span>Prepared for <strong>`+esc(in.Scenario)+`</strong></span>`)
	}
	if in.Preparer != "" {
		parts = append(parts, `<span>Prepared by <strong>`+esc(in.Preparer)+`</strong></span>`)
	}
	if !in.Date.IsZero() {
		parts = append(parts, `<span>`+esc(in.Date.Format("January 2, 2006"))+`</span>`)
	}
	if len(parts) > 0 {
		b.WriteString(`<p class="meta">` + strings.Join(parts, ` <span class="sep">·</span> `) + `</p>`)
	}
}

// statusFlag shows whether the ranking is proven optimal as a visible flag,
// not only a sentence.
func statusFlag(b *strings.Builder, r *search.Result) {
	switch {
	case r.Status == search.Optimal && len(r.Strategies) > 0:
		b.WriteString(`<p class="flag proven" data-status="optimal">✓ Proven optimal</p>`)
	case r.Status == search.Infeasible:
		b.WriteString(`<p class="flag unproven" data-status="infeasible">⚠ Goal cannot be reached</p>`)
	default:
		why := Reason(r)
		if why == "" {
			why = "the search stopped early"
		}
		b.WriteString(`<p class="flag unproven" data-status="feasible">⚠ Not proven optimal <span>` + esc(why) + `</span></p>`)
	}
}

// WriteFrontierHTML writes the frontier alone as a self-contained page, the
// goal marked when it is positive.
func WriteFrontierHTML(w io.Writer, name string, points []search.FrontierPoint, goal money.Cents) error {
	return writeFrontierHTML(w, name, points, goal, nil)
}

func writeFrontierHTML(w io.Writer, name string, points []search.FrontierPoint, goal money.Cents, cut *FrontierCut) error {
	title := "Least tax by amount moved to Roth"
	if name != "" {
		title += ": " + name
	}
	var b strings.Builder
	htmlHead(&b, title)
	b.WriteString(`<header><h1>` + esc(title) + `</h1><p class="lead">` + esc(frontierLead) + `</p></header>`)
	frontierHTML(&b, points, goal, cut)
	htmlFoot(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func frontierHTML(b *strings.Builder, points []search.FrontierPoint, goal money.Cents, cut *FrontierCut) {
	caption := "Least total tax for each amount moved to Roth (above) and the marginal cost of each step (below)."
	if goal > 0 {
		caption += " The dashed line marks the goal, " + goal.Grouped() + "."
	}
	b.WriteString(`<figure>` + frontierSVG(points, goal) + `<figcaption>` + esc(caption) + `</figcaption></figure>`)
	htmlGrid(b, frontierGrid(points, cut))
	if cut != nil {
		htmlBlock(b, note{cut.sentence()}, nil)
	}
}

func splitTitle(doc []block) (string, []block) {
	if len(doc) > 0 {
		if h, ok := doc[0].(heading); ok && h.level == 1 {
			return h.text, doc[1:]
		}
	}
	return "Roth conversion plan", doc
}

func cards(b *strings.Builder, r *search.Result) {
	if len(r.Strategies) == 0 {
		return
	}
	best := r.Strategies[0]
	b.WriteString(`<div class="cards">`)
	card(b, "Best total tax", best.TotalTax.Grouped(), "best")
	if r.Obvious != nil {
		card(b, "Obvious approach", r.Obvious.TotalTax.Grouped(), "")
		if s, ok := Saving(r); ok {
			card(b, "Saving"+inPV(r), s.Grouped(), "good")
		}
	}
	card(b, "Basis left outside Roth", best.BasisLeft.Grouped(), "")
	b.WriteString(`</div>`)
}

func card(b *strings.Builder, label, value, class string) {
	fmt.Fprintf(b, `<div class="card %s"><div class="label">%s</div><div class="value">%s</div></div>`, class, esc(label), esc(value))
}

// htmlBlocks renders the blocks, keeping each heading in one unbreakable
// group with the block that follows it (print: no heading alone at the end
// of a page), and giving each strategy a section of its own.
func htmlBlocks(b *strings.Builder, doc []block, brackets BracketsFunc) {
	open := false
	for i := 0; i < len(doc); i++ {
		if h, ok := doc[i].(heading); ok && h.level == 2 {
			if open {
				b.WriteString("</section>\n")
			}
			b.WriteString(`<section class="part">`)
			open = true
		}
		if h, ok := doc[i].(heading); ok && i+1 < len(doc) {
			if _, next := doc[i+1].(heading); !next {
				b.WriteString(`<div class="keep">`)
				htmlBlock(b, h, brackets)
				htmlBlock(b, doc[i+1], brackets)
				b.WriteString("</div>\n")
				i++
				continue
			}
		}
		htmlBlock(b, doc[i], brackets)
	}
	if open {
		b.WriteString("</section>\n")
	}
}

func htmlBlock(b *strings.Builder, blk block, brackets BracketsFunc) {
	switch v := blk.(type) {
	case heading:
		fmt.Fprintf(b, "<h%d>%s</h%d>\n", v.level, esc(v.text), v.level)
	case para:
		b.WriteString("<p>" + esc(v.text) + "</p>\n")
	case note:
		b.WriteString(`<p class="note"><strong>Note:</strong> ` + esc(v.text) + ".</p>\n")
	case list:
		tag := "ul"
		if v.ordered {
			tag = "ol"
		}
		b.WriteString("<" + tag + ">")
		for _, item := range v.items {
			b.WriteString("<li>" + esc(item) + "</li>")
		}
		b.WriteString("</" + tag + ">\n")
	case grid:
		htmlGrid(b, v)
	case yearChart:
		caption := "Added taxable income each year, by tax bracket."
		if !bracketsKnown(v.strategy.Years, brackets) {
			caption = "Added taxable income each year (bracket figures unavailable: bars show the total, coloured by the marginal rate)."
		}
		b.WriteString(`<figure>` + yearBarsSVG(v.strategy.Years, brackets) + `<figcaption>` + esc(caption) + "</figcaption></figure>\n")
	}
}

func bracketsKnown(ys []search.Year, brackets BracketsFunc) bool {
	if brackets == nil {
		return false
	}
	for _, y := range ys {
		if _, ok := brackets(y.Year, y.AddedTaxable); !ok {
			return false
		}
	}
	return true
}

func htmlGrid(b *strings.Builder, g grid) {
	b.WriteString("<table><thead><tr>")
	for i, h := range g.header {
		b.WriteString("<th" + numClass(g, i) + ">" + esc(h) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for _, r := range g.rows {
		b.WriteString("<tr>")
		for i, c := range r {
			b.WriteString("<td" + numClass(g, i) + ">" + esc(c) + "</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>\n")
}

func numClass(g grid, i int) string {
	if i < len(g.right) && g.right[i] {
		return ` class="num"`
	}
	return ""
}

func esc(s string) string { return html.EscapeString(s) }

func htmlHead(b *strings.Builder, title string) {
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n")
}

func htmlFoot(b *strings.Builder) {
	b.WriteString("<footer>Prepared with optimize. Figures are exact to the cent in the tables; amounts in the steps are rounded. Amounts are in US dollars.</footer>\n</main>\n</body>\n</html>\n")
}

// CSS is the report's style sheet (also used by `optimize serve`). Tables
// fit a 760-pixel page: money cells do not wrap, headers and text cells do.
// For print: A4/Letter margins, no shadow, headings kept with what follows
// (break-after: avoid, and each heading grouped with its next block in a
// .keep that does not break inside), tables' rows and charts not split.
const CSS = `:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--accent:#1d4e89;--good:#1f7a4d;--warn:#9a3412;--bg:#f7f9fb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1080px;margin:0 auto;padding:32px 40px;background:#fff;min-height:100vh;box-shadow:0 0 0 1px var(--line)}
header{border-bottom:3px solid var(--accent);margin-bottom:20px;padding-bottom:8px}
h1{font-size:26px;margin:0 0 6px;color:var(--accent)}
h2{font-size:19px;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:20px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
h1,h2,h3{break-after:avoid;page-break-after:avoid}
.keep{break-inside:avoid;page-break-inside:avoid}
.meta{margin:0 0 8px;color:var(--muted);font-size:13.5px}.meta .sep{margin:0 6px}
.flag{display:inline-block;margin:4px 0 10px;padding:4px 12px;border-radius:999px;font-weight:700;font-size:13.5px;letter-spacing:.02em}
.flag.proven{background:#e3f4ea;color:var(--good);border:1px solid #a7d7b9}
.flag.unproven{background:#fdecea;color:var(--warn);border:2px solid #e8684a;text-transform:uppercase}
.flag.unproven span{display:block;text-transform:none;font-weight:400;font-size:12.5px;letter-spacing:0}
.lead{font-size:16px;margin:0 0 8px}
.cards{display:flex;gap:14px;flex-wrap:wrap;margin:12px 0 8px}
.card{flex:1 1 160px;border:1px solid var(--line);border-radius:8px;padding:12px 16px;background:#fbfcfd;break-inside:avoid}
.card .label{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.card .value{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
.card.good .value{color:var(--good)}.card.best .value{color:var(--accent)}
table{border-collapse:collapse;width:100%;max-width:100%;margin:8px 0 12px;font-size:13.5px}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eef2f6;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow-wrap:normal}
th.num{text-align:right}
tbody tr:nth-child(even){background:#fafbfc}
tr{break-inside:avoid;page-break-inside:avoid}
ol,ul{padding-left:24px}li{margin:4px 0}
.note{font-size:13px;color:var(--muted);border-left:3px solid var(--line);padding-left:10px}
figure{margin:10px 0;break-inside:avoid;page-break-inside:avoid}figcaption{font-size:12.5px;color:var(--muted)}
svg.chart{width:100%;max-width:720px;height:auto;display:block}
svg .grid{stroke:#e4e9ef;stroke-width:1}svg .axis{stroke:#7b8794;stroke-width:1}
svg .tick,svg .axis-label{font-size:11px;fill:#616e7c}svg .value{font-size:11px;fill:#1f2933;font-weight:600}
svg .bar{stroke:#fff;stroke-width:1}svg .curve{fill:none;stroke:#1d4e89;stroke-width:2.5}svg .point{fill:#1d4e89}
svg .goal{stroke:#c23b3b;stroke-width:1.5;stroke-dasharray:5 4}svg .goal-label{font-size:12px;fill:#c23b3b;font-weight:600}
svg .marginal{fill:#f79a5c}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12.5px;color:var(--muted);margin:4px 0}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
footer{margin-top:36px;padding-top:10px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
@media (max-width:820px){main{padding:16px 12px}table{font-size:12px}th,td{padding:4px 5px}h1{font-size:22px}}
@page{margin:16mm 14mm}
@media print{body{background:#fff;font-size:11.5pt}main{box-shadow:none;padding:0;max-width:none}table{font-size:10pt}a{color:inherit}}
`
