package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/report"
)

// mergeCmd is `optimize merge`: the reports of rank --shard 1/n .. n/n
// joined into the report one run of rank writes, byte for byte.
type mergeCmd struct {
	env    *env
	output outputFlags
}

func newMergeCmd(e *env) *cobra.Command {
	c := &mergeCmd{env: e}
	cmd := &cobra.Command{
		Use:   "merge SHARD-REPORTS...",
		Short: "Join the reports of rank --shard 1/n .. n/n into the report one run of rank writes",
		Long: "merge takes the n reports of `rank --shard 1/n` .. `rank --shard n/n`, in that order and\n" +
			"written with the same -o, and writes the report one run over the whole batch writes, byte for\n" +
			"byte: the header once, then the rows in input order (shard i holds households i, i+n, i+2n,\n" +
			"...). It refuses reports whose headers differ or whose row counts cannot come from one batch\n" +
			"(a shard that did not finish).",
		Example: "  optimize merge -o json part-1.jsonl part-2.jsonl part-3.jsonl > all.jsonl",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return badInput(errors.New("merge: give the shard reports, the report of shard 1/n first"))
			}
			return nil
		},
		RunE: c.run,
	}
	c.output.register(cmd, "table", "table|json (JSON Lines)|csv|markdown|html: the -o the shards were written with")
	return cmd
}

// headerLines is how many lines a rank report of the format starts with.
func headerLines(f report.Format) int {
	switch f {
	case report.JSON:
		return 0
	case report.Markdown:
		return 2
	case report.HTML:
		return strings.Count(rankHTMLHead, "\n") + 2 // the page's head, then the table's header and <tbody>
	}
	return 1
}

// maxRowLine bounds a report line merge holds; rank's rows are far shorter.
const maxRowLine = 16 << 20

func (c *mergeCmd) run(cmd *cobra.Command, args []string) error {
	format, err := c.output.parse()
	if err != nil {
		return err
	}
	if err := c.output.check(args, c.env.stdin, c.env.stdout); err != nil {
		return err
	}
	shards := make([]*bufio.Reader, len(args))
	for i, a := range args {
		f, err := os.Open(a)
		if err != nil {
			return badInput(err)
		}
		defer f.Close()
		shards[i] = bufio.NewReaderSize(f, 64<<10)
	}
	// Check the headers before anything is written.
	var header []byte
	for i, br := range shards {
		var h []byte
		for range headerLines(format) {
			line, err := mergeLine(br)
			if err != nil {
				return badInput(fmt.Errorf("%s: no %s header: %w", args[i], format, err))
			}
			h = append(h, line...)
		}
		if i == 0 {
			header = h
		} else if string(h) != string(header) {
			return badInput(fmt.Errorf("%s: its header differs from %s's: not reports of the same -o", args[i], args[0]))
		}
	}
	err = c.output.write(c.env.stdout, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if _, err := bw.Write(header); err != nil {
			return err
		}
		rows, err := interleave(cmd, args, shards, format, bw)
		if err != nil {
			return err
		}
		if format == report.HTML { // the page's end, with the whole batch's count
			if err := (&htmlRows{w: bw, n: rows}).footer(); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
	return err
}

// interleave writes row k of the batch from shard k mod n, until the shards
// end, and returns how many rows it wrote. They must end together: when
// shard j has no row in round r, the batch ended before household r·n+j, so
// no other shard has a row left (the shards after j would give households
// of round r, those before j of round r+1).
//
// Rows of households read from stdin ("stdin:N") must come out in the
// order of N: shards given out of order are refused. (A shard missing from
// the list cannot always be told from a smaller n: give all n.)
func interleave(cmd *cobra.Command, args []string, shards []*bufio.Reader, format report.Format, w io.Writer) (int, error) {
	n := len(shards)
	prevLine, prevShard := 0, 0
	for k := 0; ; k++ {
		if in := interrupted(cmd.Context()); in != nil && k%1024 == 0 {
			return k, interruptedError(in, "nothing written")
		}
		j := k % n
		line, err := mergeRow(shards[j], format)
		if errors.Is(err, io.EOF) {
			for i := range shards {
				if i == j {
					continue
				}
				if _, err := mergeRow(shards[i], format); !errors.Is(err, io.EOF) {
					return k, badInput(fmt.Errorf("%s has a row after %s ended: the reports are not shards 1/%d..%d/%d of one batch in order, or one did not finish",
						args[i], args[j], n, n, n))
				}
			}
			return k, nil
		}
		if err != nil {
			return k, badInput(fmt.Errorf("%s: %w", args[j], err))
		}
		if l, ok := stdinLine(rowInput(format, line)); ok {
			if l <= prevLine {
				return k, badInput(fmt.Errorf("%s's row of stdin:%d would follow %s's row of stdin:%d, out of input order: give the reports of shards 1/%d..%d/%d in that order",
					args[j], l, args[prevShard], prevLine, n, n, n))
			}
			prevLine, prevShard = l, j
		}
		if _, err := w.Write(line); err != nil {
			return k, err
		}
	}
}

// mergeRow reads a shard's next row. An HTML report's rows end where its
// table does (the footer, with the shard's own count, is left: merge writes
// the batch's); one that ends without that footer was cut short.
func mergeRow(br *bufio.Reader, format report.Format) ([]byte, error) {
	line, err := mergeLine(br)
	if format != report.HTML {
		return line, err
	}
	switch {
	case errors.Is(err, io.EOF):
		return nil, errors.New("the HTML report ends before its table does: it was cut short")
	case err != nil:
		return nil, err
	case bytes.HasPrefix(line, []byte("</tbody>")):
		return nil, io.EOF
	case !bytes.HasPrefix(line, []byte("<tr")):
		return nil, errors.New("a line that is not a row of rank's HTML table: not a rank report")
	}
	return line, nil
}

// rowInput is the input column of a rank report's row.
func rowInput(f report.Format, line []byte) string {
	s := strings.TrimSuffix(string(line), "\n")
	switch f {
	case report.JSON:
		var r struct{ Input string }
		json.Unmarshal(line, &r)
		return r.Input
	case report.CSV:
		rec, _ := csv.NewReader(strings.NewReader(s)).Read()
		if len(rec) > 0 {
			return rec[0]
		}
	case report.Markdown:
		s = strings.TrimPrefix(s, "| ")
		s, _, _ = strings.Cut(s, " | ")
		return s
	case report.HTML: // the first cell: <tr...><td>input</td>
		_, s, _ = strings.Cut(s, "<td>")
		s, _, _ = strings.Cut(s, "</td>")
		return html.UnescapeString(s)
	default: // table: the first column
		s, _, _ = strings.Cut(s, " ")
		return s
	}
	return ""
}

// stdinLine reads "stdin:N".
func stdinLine(input string) (int, bool) {
	rest, ok := strings.CutPrefix(input, "stdin:")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

// mergeLine reads one line with its newline; a report's last line ends
// with one.
func mergeLine(br *bufio.Reader) ([]byte, error) {
	line, _, tooLong, err := readLine(br, maxRowLine)
	switch {
	case errors.Is(err, io.EOF) && len(line) == 0 && !tooLong:
		return nil, io.EOF
	case tooLong:
		return nil, fmt.Errorf("a line longer than %d bytes: not a rank report", maxRowLine)
	case err != nil:
		return nil, fmt.Errorf("the last line has no newline: the report was cut short")
	}
	return append(line, '\n'), nil
}
