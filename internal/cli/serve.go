package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/web"
)

// serveCmd is `optimize serve`: the planner's web app on localhost.
type serveCmd struct {
	env      *env
	addr     string
	preparer string
}

func newServeCmd(e *env) *cobra.Command {
	c := &serveCmd{env: e}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the planner's web app (household form, runs, reports, comparison) on localhost",
		Long: "serve runs a local web app: a household form (load and save the scenario YAML), a run with\n" +
			"live progress, the client report with the frontier, and a side-by-side comparison of two\n" +
			"variants. Everything is served by this binary; nothing is fetched from elsewhere. It listens\n" +
			"on 127.0.0.1 unless --addr says otherwise (it has no login: keep it on a trusted machine).",
		Example: "  optimize serve\n  optimize serve --addr 127.0.0.1:9000 --preparer \"Jordan Lee, CFP\"",
		Args:    exactArgs(0),
		RunE:    c.run,
	}
	cmd.Flags().StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	cmd.Flags().StringVar(&c.preparer, "preparer", "", "who prepares the reports (shown in each report's header)")
	return cmd
}

func (c *serveCmd) run(cmd *cobra.Command, _ []string) error {
	host, _, err := net.SplitHostPort(c.addr)
	if err != nil {
		return badInput(fmt.Errorf("--addr: %w", err))
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return badInput(fmt.Errorf("--addr: %w", err))
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(c.env.stderr, "optimize: warning: listening on %s, reachable from other machines; the app has no login\n", ln.Addr())
	}
	app := web.New(web.Options{Preparer: c.preparer})
	srv := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(c.env.stdout, "Serving the planner's app on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		app.Close()
		return failed(err)
	case <-cmd.Context().Done():
	}
	app.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return failed(err)
	}
	return nil
}
