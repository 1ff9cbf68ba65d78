package web

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rothpath/optimize/scenario"
)

func seedYAML(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "seed000-split-rollover.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func postJSON(t *testing.T, url, body string) (*http.Response, []byte) {
	t.Helper()
	r, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	data, _ := io.ReadAll(r.Body)
	return r, data
}

// The page and its assets are served from the binary, and refer to nothing
// elsewhere.
func TestPageIsSelfContained(t *testing.T) {
	srv := httptest.NewServer(New(Options{}))
	defer srv.Close()
	for _, path := range []string{"/", "/assets/app.js", "/assets/app.css"} {
		r, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != http.StatusOK || len(body) < 100 {
			t.Errorf("%s: status %d, %d bytes", path, r.StatusCode, len(body))
		}
		if strings.Contains(string(body), "http://") || strings.Contains(string(body), "https://") {
			t.Errorf("%s refers to another site", path)
		}
	}
}

// Load turns a file into the form's JSON; save turns it back into YAML that
// parses to the same household; validate gives the CLI's message.
func TestLoadSaveValidate(t *testing.T) {
	srv := httptest.NewServer(New(Options{}))
	defer srv.Close()
	r, form := postJSON(t, srv.URL+"/api/load", seedYAML(t))
	if r.StatusCode != http.StatusOK || !strings.Contains(string(form), `"after_tax_contributions":"50000.00"`) {
		t.Fatalf("load: %d %s", r.StatusCode, form)
	}
	r, y := postJSON(t, srv.URL+"/api/save", string(form))
	if r.StatusCode != http.StatusOK {
		t.Fatalf("save: %d %s", r.StatusCode, y)
	}
	a, err := scenario.Parse([]byte(seedYAML(t)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := scenario.Parse(y)
	if err != nil {
		t.Fatalf("saved YAML does not parse: %v\n%s", err, y)
	}
	ea, _ := scenario.Encode(a)
	eb, _ := scenario.Encode(b)
	if string(ea) != string(eb) {
		t.Errorf("round trip changed the household:\n%s\nvs\n%s", ea, eb)
	}
	bad := strings.Replace(seedYAML(t), "basis: 15000", "basis: 900000", 1)
	_, v := postJSON(t, srv.URL+"/api/validate", bad)
	var ie inputError
	if err := json.Unmarshal(v, &ie); err != nil || ie.Valid || ie.Line != 23 || ie.Field != "people[0].accounts[1].basis" ||
		ie.Error != "line 23: people[0].accounts[1].basis: basis 900000.00 is more than the balance 400000.00" {
		t.Errorf("validate: %s", v)
	}
	_, v = postJSON(t, srv.URL+"/api/validate", seedYAML(t))
	if !strings.Contains(string(v), `"valid":true`) {
		t.Errorf("validate of the seed: %s", v)
	}
}

// A run streams progress and ends with the report and rank 1's total tax.
func TestRunStreamsProgressThenReport(t *testing.T) {
	srv := httptest.NewServer(New(Options{}))
	defer srv.Close()
	q, _ := json.Marshal(seedYAML(t))
	r, body := postJSON(t, srv.URL+"/api/run", `{"scenario": `+string(q)+`, "frontier": true}`)
	if r.StatusCode != http.StatusAccepted {
		t.Fatalf("run: %d %s", r.StatusCode, body)
	}
	names, done := follow(t, srv.URL, body)
	if len(names) < 3 || names[0] != "progress" || names[len(names)-1] != "done" {
		t.Fatalf("events %v", names)
	}
	if done.BestTotal != "$24,014.00" || done.Status != "optimal" || !strings.Contains(done.HTML, "Least tax by amount moved") {
		t.Errorf("done: best %q status %q", done.BestTotal, done.Status)
	}
	// An invalid household is refused before any run, with the message.
	bad, _ := json.Marshal(strings.Replace(seedYAML(t), "filing_status: single", "filing_status: widow", 1))
	r, body = postJSON(t, srv.URL+"/api/run", `{"scenario": `+string(bad)+`}`)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `unknown filing status \"widow\"`) {
		t.Errorf("bad run: %d %s", r.StatusCode, body)
	}
}

// follow reads a run's events (body is the answer to its POST) until it
// ends, returning their names and the "done" payload.
func follow(t *testing.T, url string, body []byte) ([]string, answer) {
	t.Helper()
	var id struct{ ID string }
	_ = json.Unmarshal(body, &id)
	resp, err := http.Get(url + "/api/jobs/" + id.ID + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("content type %q", ct)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	var names []string
	var done answer
	name := ""
	deadline := time.Now().Add(60 * time.Second)
	for sc.Scan() && time.Now().Before(deadline) {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
			names = append(names, name)
		case strings.HasPrefix(line, "data: ") && name == "done":
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &done); err != nil {
				t.Fatal(err)
			}
		}
	}
	return names, done
}

// A household with a residence keeps it through load and save, and its run
// shows the state income tax as the plan report does: the federal and state
// parts of each year's added tax, the state section, and the state's share
// of the next $1,000 (none in Texas, which has no income tax).
func TestRunShowsStateTax(t *testing.T) {
	srv := httptest.NewServer(New(Options{}))
	defer srv.Close()
	file, err := os.ReadFile(filepath.Join("..", "examples", "move-california-to-texas.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, form := postJSON(t, srv.URL+"/api/load", string(file))
	if !strings.Contains(string(form), `"residence":[{"state":"CA"},{"from_year":2028,"state":"TX"}]`) {
		t.Errorf("load lost the residence: %s", form)
	}
	_, y := postJSON(t, srv.URL+"/api/save", string(form))
	saved, err := scenario.Parse(y)
	if err != nil || len(saved.Residence) != 2 || saved.Residence[1] != (scenario.Residence{State: "TX", FromYear: 2028}) {
		t.Errorf("save: %v %+v\n%s", err, saved, y)
	}
	q, _ := json.Marshal(string(file))
	r, body := postJSON(t, srv.URL+"/api/run", `{"scenario": `+string(q)+`}`)
	if r.StatusCode != http.StatusAccepted {
		t.Fatalf("run: %d %s", r.StatusCode, body)
	}
	_, done := follow(t, srv.URL, body)
	for _, want := range []string{"<h2>State income tax</h2>", "Residence: California 2026–2027; 2028, the year of the move from California to Texas",
		"<th class=\"num\">Federal</th><th class=\"num\">State</th>", "Texas has no individual income tax."} {
		if !strings.Contains(done.HTML, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	var res struct {
		StateTax struct {
			Residence []struct{ Year int }
		} `json:"state_tax"`
		Strategies []struct {
			Years []struct {
				Year       int
				FederalTax *string `json:"federal_tax"`
				StateTax   *string `json:"state_tax"`
				Next       *struct {
					State string
				} `json:"next_1000"`
			}
		}
	}
	if err := json.Unmarshal(done.Result, &res); err != nil || len(res.Strategies) == 0 || len(res.StateTax.Residence) != 6 || len(res.Strategies[0].Years) != 6 {
		t.Fatalf("result: %v %s", err, done.Result)
	}
	for _, y := range res.Strategies[0].Years {
		if y.FederalTax == nil || y.StateTax == nil || y.Next == nil {
			t.Errorf("%d: no federal and state parts or next $1,000", y.Year)
			continue
		}
		switch {
		case y.Year == 2026 && y.Next.State == "0.00":
			t.Errorf("2026 (California): the next $1,000 bears no state tax")
		case y.Year >= 2029 && y.Next.State != "0.00":
			t.Errorf("%d (Texas): the next $1,000 bears %s of state tax", y.Year, y.Next.State)
		}
	}
}

// The frontier's step makes the goal a point when a divisor is near.
func TestFrontierStep(t *testing.T) {
	sc, err := scenario.Parse([]byte(seedYAML(t)))
	if err != nil {
		t.Fatal(err)
	}
	step := frontierStep(sc)
	if step <= 0 || sc.Goal.Convert%step != 0 || sc.TotalConvertible()/step > 20 {
		t.Errorf("step %v for goal %v and %v convertible", step, sc.Goal.Convert, sc.TotalConvertible())
	}
}
