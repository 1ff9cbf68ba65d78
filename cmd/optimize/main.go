// Command optimize finds the cheapest way to move a given amount into Roth
// accounts for a household. See internal/cli for the commands.
package main

import (
	"os"

	"github.com/rothpath/optimize/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
