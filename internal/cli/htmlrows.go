package cli

import (
	"fmt"
	"html"
	"io"
	"strings"
)

// htmlRows writes rank rows as one self-contained HTML page (inline CSS, no
// scripts, nothing fetched), a table row per household written as soon as
// it is known, so memory stays constant as for the other row writers.
type htmlRows struct {
	w io.Writer
	n int
}

const rankHTMLHead = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Households ranked</title>
<style>
body{margin:0;font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2933;background:#fff}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:22px;color:#1d4e89;margin:0 0 12px}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{padding:5px 8px;border-bottom:1px solid #d9e2ec;text-align:left;vertical-align:top}
th{background:#eef2f6;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.failed td{background:#fff4f2}
.status{font-weight:600}.status.optimal{color:#1f7a4d}.status.feasible{color:#9a6700}.status.bad,.status.infeasible,.status.error{color:#b42318}
@media print{th{position:static}}
</style>
</head>
<body>
<main>
<h1>Households ranked</h1>
<div class="wrap"><table>
`

// htmlNumeric marks the money columns of rankHeader.
var htmlNumeric = map[string]bool{"goal": true, "total_tax": true, "obvious_tax": true, "saving": true}

func (h *htmlRows) header() error {
	var b strings.Builder
	b.WriteString(rankHTMLHead + "<thead><tr>")
	for _, name := range rankHeader {
		class := ""
		if htmlNumeric[name] {
			class = ` class="num"`
		}
		fmt.Fprintf(&b, "<th%s>%s</th>", class, html.EscapeString(strings.ReplaceAll(name, "_", " ")))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	_, err := io.WriteString(h.w, b.String())
	return err
}

func (h *htmlRows) row(r rankRow) error {
	c := r.cells()
	h.n++
	var b strings.Builder
	if c[8] != "" {
		b.WriteString(`<tr class="failed">`)
	} else {
		b.WriteString("<tr>")
	}
	for i, cell := range c {
		switch {
		case rankHeader[i] == "status":
			fmt.Fprintf(&b, `<td class="status %s">%s</td>`, strings.Fields(cell + " x")[0], html.EscapeString(cell))
		case htmlNumeric[rankHeader[i]] && cell != "":
			fmt.Fprintf(&b, `<td class="num">$%s</td>`, html.EscapeString(cell))
		default:
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(cell))
		}
	}
	b.WriteString("</tr>\n")
	_, err := io.WriteString(h.w, b.String())
	return err
}

func (h *htmlRows) footer() error {
	_, err := fmt.Fprintf(h.w, "</tbody></table></div>\n<p>%d households. Money in US dollars, exact to the cent.</p>\n</main>\n</body>\n</html>\n", h.n)
	return err
}
