package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// WriteTable writes a plan report as plain text with tables (no colour).
func WriteTable(w io.Writer, in Input) error {
	return renderTextColour(w, planDoc(in, false), in.Colour)
}

func renderText(w io.Writer, doc []block) error { return renderTextColour(w, doc, false) }

// sgr wraps s in an ANSI SGR sequence when on.
func sgr(on bool, code, s string) string {
	if !on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func renderTextColour(w io.Writer, doc []block, colour bool) error {
	ew := &errWriter{w: w}
	doc = textBlocks(doc)
	for i, b := range doc {
		if i > 0 {
			ew.printf("\n")
		}
		switch b := b.(type) {
		case heading:
			ew.printf("%s\n", sgr(colour, "1", b.text))
			if b.level < 3 {
				ch := "="
				if b.level == 2 {
					ch = "-"
				}
				ew.printf("%s\n", strings.Repeat(ch, len([]rune(b.text))))
			}
		case para:
			text := wrap(b.text, 78, "")
			if colour && i == 1 && strings.HasPrefix(b.text, "Goal: ") {
				code := "32" // reached and proven
				if !strings.Contains(b.text, "proven optimal") || strings.Contains(b.text, "not proven") {
					code = "33"
				}
				if strings.Contains(b.text, "cannot be reached") || strings.Contains(b.text, "no strategy found") {
					code = "31"
				}
				text = sgr(true, code, text)
			}
			ew.printf("%s\n", text)
		case note:
			ew.printf("%s\n", wrap("Note: "+b.text+".", 78, ""))
		case list:
			for j, item := range b.items {
				mark := "- "
				if b.ordered {
					mark = fmt.Sprintf("%d. ", j+1)
				}
				ew.printf("%s%s\n", mark, wrap(item, 78-len(mark), strings.Repeat(" ", len(mark))))
			}
		case grid:
			if ew.err == nil {
				ew.err = textGrid(w, b)
			}
		}
	}
	return ew.err
}

// textBlocks drops the blocks drawn in HTML only (charts).
func textBlocks(doc []block) []block {
	out := make([]block, 0, len(doc))
	for _, b := range doc {
		if _, ok := b.(yearChart); !ok {
			out = append(out, b)
		}
	}
	return out
}

// textGrid renders a grid with tablewriter: plain ASCII borders, no colour.
func textGrid(w io.Writer, g grid) error {
	align := make(tw.Alignment, len(g.header))
	for i := range align {
		align[i] = tw.AlignLeft
		if i < len(g.right) && g.right[i] {
			align[i] = tw.AlignRight
		}
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithAlignment(align),
	)
	t.Header(toAny(g.header)...)
	for _, r := range g.rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// wrap breaks text at spaces so that no line exceeds width runes (a longer
// word stays whole); lines after the first start with indent.
func wrap(text string, width int, indent string) string {
	words := strings.Fields(text)
	var b strings.Builder
	line := 0
	for i, word := range words {
		n := len([]rune(word))
		if i > 0 {
			if line+1+n > width {
				b.WriteString("\n" + indent)
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(word)
		line += n
	}
	return b.String()
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
