package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/rothpath/optimize/internal/browsertest"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// overflowJS lists what is wider than its box: the page itself, and any
// table wider than its container.
const overflowJS = `(() => {
  const out = [];
  const de = document.documentElement;
  if (de.scrollWidth > de.clientWidth) out.push("page: " + de.scrollWidth + " > " + de.clientWidth);
  for (const t of document.querySelectorAll("table, svg, figure, .cards")) {
    const p = t.parentElement.getBoundingClientRect();
    const r = t.getBoundingClientRect();
    if (r.right > p.right + 0.5 || t.scrollWidth > t.clientWidth + 1)
      out.push(t.tagName + " under " + t.parentElement.tagName + ": right " + r.right + " > " + p.right);
  }
  return out;
})()`

// headingJS lists the headings that printing could leave alone at the end
// of a page: each must not allow a break after it, and must sit in a group
// that does not break inside, with content after it in that group.
const headingJS = `(() => {
  const out = [];
  for (const h of document.querySelectorAll("h1, h2, h3")) {
    const s = getComputedStyle(h);
    const keep = h.parentElement;
    const ks = getComputedStyle(keep);
    const kept = h.tagName === "H1" || (keep.classList.contains("keep") && ks.breakInside === "avoid" && h.nextElementSibling !== null);
    if (s.breakAfter !== "avoid" || !kept) out.push(h.tagName + " " + h.textContent + " (break-after " + s.breakAfter + ", group break-inside " + ks.breakInside + ")");
  }
  return out;
})()`

// marriedInput is the report of examples/married-social-security.yaml:
// three years, two people's Form 8606, Social Security and state tax.
func marriedInput(t *testing.T) Input {
	t.Helper()
	sc, err := scenario.Load(filepath.Join("..", "examples", "married-social-security.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := search.Search(context.Background(), sc, search.Settings{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	in := InputFor(sc, res)
	in.Preparer, in.Date = "Jordan Lee, CFP", time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	return in
}

func TestHTMLReportLayoutInBrowser(t *testing.T) {
	// moving: a residence, so the year tables have the federal and state
	// parts and the report a state section.
	pages := map[string]Input{"seed": fixtureInput(), "married": marriedInput(t), "moving": movingInput(t)}
	for _, name := range []string{"seed", "married", "moving"} {
		var b bytes.Buffer
		var frontier []search.FrontierPoint
		if name == "seed" {
			frontier = fixtureFrontier()
		}
		if err := WriteHTML(&b, pages[name], frontier); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), name+".html")
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) { checkLayout(t, file) })
	}
}

// checkLayout loads a report at 760 and 1280 px: nothing overflows
// horizontally, the status flag shows, and (at 760) printing keeps every
// heading with what follows it; it saves screenshots and the PDF.
func checkLayout(t *testing.T, file string) {
	for _, width := range []int{760, 1280} {
		t.Run(itoa(width)+"px", func(t *testing.T) {
			ctx := browsertest.New(t, width, 900, 60*time.Second)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900), chromedp.Navigate("file://"+file)); err != nil {
				t.Fatal(err)
			}
			bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS))
			if err != nil {
				t.Fatal(err)
			}
			if len(bad) > 0 {
				t.Errorf("at %d px, overflowing horizontally: %v", width, bad)
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			browsertest.Save(t, "report.png", shot)
			// The flag is visible, not only a sentence.
			flag, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const f = document.querySelector(".flag"); const r = f.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? f.textContent : ""; })()`))
			if err != nil || !strings.Contains(flag, "roven optimal") {
				t.Errorf("status flag %q, %v", flag, err)
			}
			if width != 760 {
				return
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			alone, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](headingJS))
			if err != nil {
				t.Fatal(err)
			}
			if len(alone) > 0 {
				t.Errorf("in print, headings that may end a page alone: %v", alone)
			}
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperLetter), chromedp.PDFPrintBackground()))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Error("print gave no PDF")
			}
			browsertest.Save(t, "report.pdf", pdf)
		})
	}
}

func itoa(v int) string {
	s := ""
	for v > 0 {
		s = string(rune('0'+v%10)) + s
		v /= 10
	}
	return s
}

// The checks above are not blind: a table wider than the page and a heading
// outside a kept group are caught.
func TestLayoutChecksCatchFaults(t *testing.T) {
	page := `<!DOCTYPE html><html><body><main><h2>Alone</h2><table><tr><td style="white-space:nowrap">` +
		strings.Repeat("$1,000,000.00 ", 120) + `</td></tr></table></main></body></html>`
	file := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t, 760, 900, 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(760, 900), chromedp.Navigate("file://"+file)); err != nil {
		t.Fatal(err)
	}
	if bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS)); err != nil || len(bad) == 0 {
		t.Errorf("overflow not caught: %v %v", bad, err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if alone, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](headingJS)); err != nil || len(alone) != 1 {
		t.Errorf("lone heading not caught: %v %v", alone, err)
	}
}
