package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// event is one server-sent event of a run.
type event struct {
	name string // progress, done, failed
	data []byte // JSON
}

// job is a run in progress or finished: its events so far, kept for any
// number of listeners (a reload of the page listens again from the start).
type job struct {
	mu     sync.Mutex
	events []event
	done   bool
	wake   chan struct{} // closed and replaced at each new event
}

func newJob() *job { return &job{wake: make(chan struct{})} }

func (j *job) emit(name string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		data = []byte(strconv.Quote(err.Error()))
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.done {
		return
	}
	j.events = append(j.events, event{name, data})
	if name != "progress" {
		j.done = true
	}
	close(j.wake)
	j.wake = make(chan struct{})
}

// since returns the events from index i, whether the job is done, and a
// channel closed at the next event.
func (j *job) since(i int) ([]event, bool, <-chan struct{}) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]event(nil), j.events[i:]...), j.done, j.wake
}

// progress is what the page shows while a run goes on.
type progress struct {
	Phase   string  `json:"phase"`
	Detail  string  `json:"detail,omitempty"`
	Elapsed float64 `json:"elapsed_s"`
	Step    int     `json:"step"`
	Steps   int     `json:"steps"`
}

// start registers a job, runs work in the background and answers its id.
func (s *Server) start(w http.ResponseWriter, work func(ctx context.Context, j *job)) {
	j := newJob()
	s.mu.Lock()
	s.seq++
	id := strconv.Itoa(s.seq)
	s.jobs[id] = j
	s.mu.Unlock()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				j.emit("failed", map[string]string{"error": fmt.Sprint("internal error: ", r)})
			}
			time.AfterFunc(s.opts.KeepJobs, func() {
				s.mu.Lock()
				delete(s.jobs, id)
				s.mu.Unlock()
			})
		}()
		work(s.ctx, j)
	}()
	writeJSON(w, http.StatusAccepted, map[string]string{"id": id})
}

// ticker emits the phase's progress with the elapsed time every 200 ms
// until stop is called.
func ticker(j *job, p progress, began time.Time) (stop func()) {
	done := make(chan struct{})
	emit := func() {
		p.Elapsed = time.Since(began).Round(10 * time.Millisecond).Seconds()
		j.emit("progress", p)
	}
	emit()
	go func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				emit()
			}
		}
	}()
	return func() { close(done) }
}

// events streams a job's events as server-sent events.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	j := s.jobs[r.PathValue("id")]
	s.mu.Unlock()
	if j == nil {
		http.Error(w, "no such run", http.StatusNotFound)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	next := 0
	for {
		evs, done, wake := j.since(next)
		for _, e := range evs {
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
		}
		next += len(evs)
		flusher.Flush()
		if done {
			return
		}
		select {
		case <-wake:
		case <-r.Context().Done():
			return
		}
	}
}

// runRequest is the body of POST /api/run.
type runRequest struct {
	Scenario   json.RawMessage `json:"scenario"`     // the form's object, or YAML text as a string
	Top        int             `json:"top"`          // 0: 5
	TimeLimitS float64         `json:"time_limit_s"` // 0: 30
	Frontier   bool            `json:"frontier"`
}

// scenarioText is the scenario of a request: a JSON object as it is, a
// JSON string as the YAML text it holds.
func scenarioText(raw json.RawMessage) []byte {
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		return []byte(text)
	}
	return raw
}

func settings(top int, limit float64) (search.Settings, error) {
	if top < 0 || top > 50 {
		return search.Settings{}, fmt.Errorf("top: %d is outside 0..50", top)
	}
	if limit < 0 || limit > 600 {
		return search.Settings{}, fmt.Errorf("time limit: %v s is outside 0..600", limit)
	}
	return search.Settings{Top: top, TimeLimit: time.Duration(limit * float64(time.Second))}, nil
}

func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	var req runRequest
	if err := json.Unmarshal(data, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, inputError{Error: "request: " + err.Error()})
		return
	}
	set, err := settings(req.Top, req.TimeLimitS)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, inputError{Error: err.Error()})
		return
	}
	sc, bad := parseScenario(scenarioText(req.Scenario))
	if bad != nil {
		writeJSON(w, http.StatusUnprocessableEntity, bad)
		return
	}
	s.start(w, func(ctx context.Context, j *job) {
		out, err := s.solve(ctx, j, sc, set, req.Frontier, "")
		if err != nil {
			j.emit("failed", map[string]string{"error": err.Error()})
			return
		}
		j.emit("done", out)
	})
}

// answer is one household's result for the page: the report's body, its
// JSON, and the figures the page shows at a glance.
type answer struct {
	Name      string          `json:"name"`
	Status    string          `json:"status"`
	BestTotal string          `json:"best_total,omitempty"`
	HTML      string          `json:"html"`
	Result    json.RawMessage `json:"result"`
}

// solve searches one household (and its frontier) with progress events
// named by label ("" for a single run).
func (s *Server) solve(ctx context.Context, j *job, sc *scenario.Scenario, set search.Settings, frontier bool, label string) (answer, error) {
	steps := 1
	if frontier {
		steps = 2
	}
	began := time.Now()
	stop := ticker(j, progress{Phase: "search", Detail: label + "searching the strategies", Step: 1, Steps: steps}, began)
	res, err := search.Search(ctx, sc, set)
	stop()
	if err != nil {
		return answer{}, err
	}
	var points []search.FrontierPoint
	if frontier && res.Status != search.Infeasible {
		step := frontierStep(sc)
		stop := ticker(j, progress{Phase: "frontier", Detail: fmt.Sprintf("%stracing the least tax for every goal in steps of %s", label, step.Grouped()), Step: 2, Steps: steps}, began)
		fset := set
		fset.Top = 1
		points, err = search.Frontier(ctx, sc, step, fset)
		stop()
		if err != nil {
			return answer{}, err
		}
	}
	in := report.InputFor(sc, res)
	in.Preparer = s.opts.Preparer
	in.Date = s.opts.Now()
	var body, js bytes.Buffer
	if err := report.WriteHTMLBody(&body, in, points); err != nil {
		return answer{}, err
	}
	if err := report.WriteJSON(&js, in); err != nil {
		return answer{}, err
	}
	out := answer{Name: sc.Name, Status: statusWord(res.Status), HTML: body.String(), Result: js.Bytes()}
	if len(res.Strategies) > 0 {
		out.BestTotal = res.Strategies[0].TotalTax.Grouped()
	}
	return out, nil
}

func statusWord(s search.Status) string {
	switch s {
	case search.Optimal:
		return "optimal"
	case search.Feasible:
		return "feasible"
	}
	return "infeasible"
}

// frontierStep picks a step giving about ten points up to the most that can
// be converted, a whole divisor of the goal when one is near so that the
// goal is a point of the curve (its tax is then on the chart).
func frontierStep(sc *scenario.Scenario) money.Cents {
	total, goal := sc.TotalConvertible(), sc.Goal.Convert
	rough := max(total/10, money.Dollars(1000))
	if goal > 0 {
		for k := max(int64(goal/rough), 1); k <= int64(goal/rough)+3; k++ {
			if step := goal / money.Cents(k); step > 0 && int64(goal)%k == 0 && step >= rough/2 {
				return step
			}
		}
	}
	return (rough + money.Dollars(1000) - 1) / money.Dollars(1000) * money.Dollars(1000)
}

// compareRequest is the body of POST /api/compare.
type compareRequest struct {
	A          json.RawMessage `json:"a"`
	B          json.RawMessage `json:"b"`
	Top        int             `json:"top"`
	TimeLimitS float64         `json:"time_limit_s"`
}

type sideError struct {
	inputError
	Side string `json:"side"`
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	var req compareRequest
	if err := json.Unmarshal(data, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, inputError{Error: "request: " + err.Error()})
		return
	}
	set, err := settings(req.Top, req.TimeLimitS)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, inputError{Error: err.Error()})
		return
	}
	a, bad := parseScenario(scenarioText(req.A))
	if bad != nil {
		writeJSON(w, http.StatusUnprocessableEntity, sideError{*bad, "a"})
		return
	}
	b, bad := parseScenario(scenarioText(req.B))
	if bad != nil {
		writeJSON(w, http.StatusUnprocessableEntity, sideError{*bad, "b"})
		return
	}
	s.start(w, func(ctx context.Context, j *job) {
		ra, err := s.solve(ctx, j, a, set, false, "variant A: ")
		if err != nil {
			j.emit("failed", map[string]string{"error": "variant A: " + err.Error()})
			return
		}
		rb, err := s.solve(ctx, j, b, set, false, "variant B: ")
		if err != nil {
			j.emit("failed", map[string]string{"error": "variant B: " + err.Error()})
			return
		}
		j.emit("done", map[string]answer{"a": ra, "b": rb})
	})
}
