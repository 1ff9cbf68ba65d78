package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"sync"
	"time"

	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/scenario"
)

//go:embed assets/* index.html
var files embed.FS

// Options tune the server. The zero value is usable.
type Options struct {
	Preparer string           // shown on each report; "" leaves it out
	Now      func() time.Time // the reports' date; nil: time.Now
	// KeepJobs is how long a finished run is kept for its events; 0: 10 min.
	KeepJobs time.Duration
}

// Server is the app's handler.
type Server struct {
	opts  Options
	page  *template.Template
	mux   *http.ServeMux
	mu    sync.Mutex
	jobs  map[string]*job
	seq   int
	ctx   context.Context // ends every run when the server closes
	close context.CancelFunc
}

// New returns the app's handler. Close ends its runs.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.KeepJobs == 0 {
		opts.KeepJobs = 10 * time.Minute
	}
	s := &Server{opts: opts, jobs: map[string]*job{}, mux: http.NewServeMux()}
	s.ctx, s.close = context.WithCancel(context.Background())
	s.page = template.Must(template.ParseFS(files, "index.html"))
	assets, _ := fs.Sub(files, "assets")
	s.mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(assets)))
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("POST /api/validate", s.validate)
	s.mux.HandleFunc("POST /api/load", s.load)
	s.mux.HandleFunc("POST /api/save", s.save)
	s.mux.HandleFunc("POST /api/run", s.run)
	s.mux.HandleFunc("POST /api/compare", s.compare)
	s.mux.HandleFunc("GET /api/jobs/{id}/events", s.events)
	return s
}

// Close ends every run in progress.
func (s *Server) Close() { s.close() }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = s.page.Execute(w, struct{ CSS template.CSS }{template.CSS(report.CSS)})
}

// maxBody caps a request: a scenario is at most scenario.MaxFileSize, a
// comparison two of them.
const maxBody = 2*scenario.MaxFileSize + 4096

func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		http.Error(w, "request too large or unreadable", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	return data, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func (s *Server) validate(w http.ResponseWriter, r *http.Request) {
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	if _, bad := parseScenario(data); bad != nil {
		writeJSON(w, http.StatusOK, bad)
		return
	}
	writeJSON(w, http.StatusOK, inputError{Valid: true})
}

// load reads a scenario file's text and answers the form's JSON.
func (s *Server) load(w http.ResponseWriter, r *http.Request) {
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	sc, bad := parseScenario(data)
	if bad != nil {
		writeJSON(w, http.StatusUnprocessableEntity, bad)
		return
	}
	out, err := formJSON(sc)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(out)
}

// save turns the form's JSON into the scenario's YAML, for download.
func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	sc, bad := parseScenario(data)
	if bad != nil {
		writeJSON(w, http.StatusUnprocessableEntity, bad)
		return
	}
	y, err := scenario.Encode(sc)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="scenario.yaml"`)
	_, _ = io.Copy(w, bytes.NewReader(y))
}
