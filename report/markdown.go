package report

import (
	"io"
	"strings"
)

// WriteMarkdown writes a plan report as GitHub-flavoured Markdown.
func WriteMarkdown(w io.Writer, in Input) error {
	return renderMarkdown(w, planDoc(in, false))
}

func renderMarkdown(w io.Writer, doc []block) error {
	ew := &errWriter{w: w}
	for i, b := range textBlocks(doc) {
		if i > 0 {
			ew.printf("\n")
		}
		switch b := b.(type) {
		case heading:
			ew.printf("%s %s\n", strings.Repeat("#", b.level), mdEscape(b.text))
		case para:
			ew.printf("%s\n", mdEscape(b.text))
		case note:
			ew.printf("> **Note:** %s.\n", mdEscape(b.text))
		case list:
			for j, item := range b.items {
				if b.ordered {
					ew.printf("%d. %s\n", j+1, mdEscape(item))
				} else {
					ew.printf("- %s\n", mdEscape(item))
				}
			}
		case grid:
			mdGrid(ew, b)
		}
	}
	return ew.err
}

func mdGrid(ew *errWriter, g grid) {
	cells := make([]string, len(g.header))
	for i, h := range g.header {
		cells[i] = mdCell(h)
	}
	ew.printf("| %s |\n", strings.Join(cells, " | "))
	for i := range g.header {
		cells[i] = "---"
		if i < len(g.right) && g.right[i] {
			cells[i] = "---:"
		}
	}
	ew.printf("|%s|\n", strings.Join(cells, "|"))
	for _, r := range g.rows {
		row := make([]string, len(r))
		for i, c := range r {
			row[i] = mdCell(c)
		}
		ew.printf("| %s |\n", strings.Join(row, " | "))
	}
}

// mdEscape escapes the characters that would start Markdown syntax inside
// running text. Dollar signs are escaped too: GitHub renders $...$ as math.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", "$", `\$`)
	return r.Replace(s)
}

func mdCell(s string) string {
	return strings.ReplaceAll(mdEscape(s), "|", `\|`)
}
