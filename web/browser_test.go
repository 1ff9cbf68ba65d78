package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rothpath/optimize/internal/browsertest"
)

// appServer serves the app on a loopback port for the test.
func appServer(t *testing.T) string {
	t.Helper()
	app := New(Options{Preparer: "Browser Test", Now: func() time.Time { return time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC) }})
	srv := httptest.NewServer(app)
	t.Cleanup(func() {
		app.Close()
		srv.Close()
	})
	return srv.URL
}

// typeInto types text into the input that a CSS selector names.
func typeInto(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.SendKeys(sel, text)
}

// choose picks an option of a select and tells the page it changed.
func choose(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.SetValue(sel, value),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`(() => { const e = document.querySelector(`+jsString(sel)+`); e.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`)(ctx, t)
			return err
		}),
	)
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestServeFormRunsSeedHousehold fills the form for the seed household
// (examples/seed000-split-rollover.yaml) by typing, runs it, reads rank 1's
// total tax from the page and keeps a screenshot.
func TestServeFormRunsSeedHousehold(t *testing.T) {
	url := appServer(t)
	ctx := browsertest.New(t, 1280, 1000, 90*time.Second)
	acct := func(j int, name string) string {
		return `#people .person:nth-child(1) .acct:nth-child(` + itoa(j+1) + `) [name="` + name + `"]`
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(`#run`),
		typeInto(`[name="name"]`, "seed-000 client, 2026"),
		typeInto(`[name="cash"]`, "100000"),
		typeInto(`#people .person [name="id"]`, "client"),
		chromedp.SetValue(`#people .person [name="birth_date"]`, "1963-03-14"),
		chromedp.Click(`#people .person [name="separated_from_service"]`),
		chromedp.Click(`#people .person .add-account`),
		chromedp.Click(`#people .person .add-account`),
		typeInto(acct(0, "id"), "acme-401k"),
		typeInto(acct(0, "label"), "Acme 401(k)"),
		typeInto(acct(0, "pretax"), "350000"),
		typeInto(acct(0, "after_tax_contributions"), "50000"),
		typeInto(acct(1, "id"), "ira"),
		typeInto(acct(1, "label"), "Rollover IRA"),
		choose(acct(1, "kind"), "traditional_ira"),
		typeInto(acct(1, "balance"), "400000"),
		typeInto(acct(1, "basis"), "15000"),
		typeInto(`[name="goal.convert"]`, "200000"),
		chromedp.Click(`#run`),
	)
	if err != nil {
		t.Fatal(err)
	}
	best, err := chromedp.Run(ctx, chromedp.Poll[string](`document.querySelector("#bestline:not([hidden]) #best-total")?.textContent || document.querySelector("#report .error, #messages .error")?.textContent`, chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	if best != "$24,014.00" {
		t.Fatalf("rank 1's total tax on the page is %q, want $24,014.00", best)
	}
	report, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#report").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Proven optimal", "Acme 401(k)", "Rollover IRA", "Form 8606", "Why each year stops where it does", "Least tax by amount moved", "Prepared by Browser Test"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report on the page lacks %q", want)
		}
	}
	goal, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#report svg.frontier .goal-label")?.textContent || ""`))
	if err != nil || !strings.Contains(goal, "$24,014.00") {
		t.Errorf("the frontier's goal mark %q (%v), want the goal's tax", goal, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Save(t, "serve-seed000.png", shot)
}

// TestServeFormShowsValidationMessage: a basis above the balance is refused
// with the CLI's message, and the field is marked.
func TestServeFormShowsValidationMessage(t *testing.T) {
	url := appServer(t)
	ctx := browsertest.New(t, 1280, 1000, 60*time.Second)
	seed, err := os.ReadFile(filepath.Join("..", "examples", "seed000-split-rollover.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(`#run`),
		chromedp.Func(func(c context.Context, tg *chromedp.Target) error {
			// Load the file through the page's own loader.
			_, err := chromedp.Evaluate[bool](`(async () => { const r = await fetch("/api/load", {method: "POST", body: `+jsString(string(seed))+`}); fill(await r.json()); return true; })()`, chromedp.EvalAwaitPromise)(c, tg)
			return err
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(`#people .acct:nth-child(2) [name="basis"]`, "900000"),
		chromedp.Click(`#validate`),
	); err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Poll[string](`document.querySelector("#messages .error")?.textContent`, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	if want := "people[0].accounts[1].basis: basis 900000.00 is more than the balance 400000.00"; msg != want {
		t.Errorf("message %q, want the CLI's %q", msg, want)
	}
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('[data-path="people[0].accounts[1].basis"]').classList.contains("invalid")`))
	if err != nil || !marked {
		t.Errorf("the basis field is not marked (%v)", err)
	}
}

// TestServeResidenceShowsStateTax loads the household that moves from
// California to Texas through the page's loader: the residence fills the
// form's rows (the first without a year), the form reads it back, a move
// added by hand is marked when its year is missing, and the run's report on
// the page has the federal and state parts of each year and the state
// section.
func TestServeResidenceShowsStateTax(t *testing.T) {
	url := appServer(t)
	ctx := browsertest.New(t, 1280, 1000, 90*time.Second)
	file, err := os.ReadFile(filepath.Join("..", "examples", "move-california-to-texas.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(`#run`),
		chromedp.Func(func(c context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`(async () => { const r = await fetch("/api/load", {method: "POST", body: `+jsString(string(file))+`}); fill(await r.json()); return true; })()`, chromedp.EvalAwaitPromise)(c, tg)
			return err
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({form: scenario().residence,
	  hidden: Array.from(document.querySelectorAll('#residence [name="from_year"]')).map(e => e.hidden)})`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"form":[{"state":"CA"},{"state":"TX","from_year":2028}],"hidden":[true,false]}`; rows != want {
		t.Errorf("the residence in the form: %s, want %s", rows, want)
	}
	// A third row without its year is refused with the parser's message,
	// on that field.
	if err := chromedp.Do(ctx,
		chromedp.Click(`#add-residence`),
		choose(`#residence tr:nth-child(3) [name="state"]`, "FL"),
		chromedp.Click(`#validate`),
	); err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Poll[string](`document.querySelector("#messages .error")?.textContent`, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	marked, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('[data-path="residence[2].from_year"]').classList.contains("invalid")`))
	if !strings.HasPrefix(msg, "residence[2].from_year: required") || !marked {
		t.Errorf("message %q (field marked: %v), want residence[2].from_year's", msg, marked)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(`#residence tr:nth-child(3) .remove-residence`),
		chromedp.Click(`#run`),
	); err != nil {
		t.Fatal(err)
	}
	best, err := chromedp.Run(ctx, chromedp.Poll[string](`document.querySelector("#bestline:not([hidden]) #best-total")?.textContent || document.querySelector("#report .error, #messages .error")?.textContent`, chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	// The CLI's answer (optimize plan examples/move-california-to-texas.yaml).
	if best != "$32,847.50" {
		t.Fatalf("rank 1's total tax on the page is %q, want $32,847.50", best)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
	  text: document.querySelector("#report").textContent,
	  header: Array.from(Array.from(document.querySelectorAll("#report table")).find(t => t.textContent.includes("Added taxable income"))?.querySelectorAll("th") || []).map(th => th.textContent)})`))
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Text   string
		Header []string
	}
	if err := json.Unmarshal([]byte(got), &page); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"State income tax", "Residence: California 2026–2027; 2028, the year of the move from California to Texas", "Texas has no individual income tax."} {
		if !strings.Contains(page.Text, want) {
			t.Errorf("the report on the page lacks %q", want)
		}
	}
	if h := strings.Join(page.Header, "|"); !strings.Contains(h, "Added tax|Federal|State|") {
		t.Errorf("the year table's header %q lacks the federal and state parts", h)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Save(t, "serve-residence.png", shot)
}

// TestServeCompareView runs the comparison of two variants of the seed
// household: as it is (A) and with a goal of $150,000 (B).
func TestServeCompareView(t *testing.T) {
	url := appServer(t)
	ctx := browsertest.New(t, 1280, 1000, 90*time.Second)
	seed, err := os.ReadFile(filepath.Join("..", "examples", "seed000-split-rollover.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	b := strings.Replace(string(seed), "convert: 200000", "convert: 150000", 1)
	err = chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(`#run`),
		chromedp.Click(`#tab-compare`),
		chromedp.WaitVisible(`#variant-a`),
		chromedp.SetValue(`#variant-a`, string(seed)),
		chromedp.Click(`#a-to-b`),
		chromedp.SetValue(`#variant-b`, b),
		chromedp.Click(`#run-compare`),
	)
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => {
	  const e = document.querySelector("#compare-messages .error"); if (e) return [e.textContent];
	  const r = document.querySelector('#compare-result tr[data-key="total_tax"]'); if (!r) return null;
	  return Array.from(r.querySelectorAll("td")).map(td => td.textContent); })()`, chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	// Rank 1 of B: the split rollover sends $50,000 of basis tax free, then
	// $100,000 converted at line 10 = 0.02 is $98,000 taxable: single 2026,
	// taxable income 98,000 - 16,100 = 81,900, tax 1,240 + 4,560 + 22% of
	// 31,500 = 12,730 (Rev. Proc. 2025-32 brackets).
	if len(got) != 4 || got[1] != "$24,014.00" || got[2] != "$12,730.00" || got[3] != "−$11,284.00" {
		t.Fatalf("total tax row %q, want A $24,014.00, B $12,730.00, B − A −$11,284.00", got)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Save(t, "serve-compare.png", shot)
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	s := ""
	for ; v > 0; v /= 10 {
		s = string(rune('0'+v%10)) + s
	}
	return s
}
