package cli

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// versionText is what `optimize --version` prints: the module version, and
// the commit, its time and whether the tree was modified when the binary was
// built from a checkout (runtime/debug.ReadBuildInfo), and the Go version.
func versionText() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "optimize (no build information)\n"
	}
	return formatVersion(info)
}

func formatVersion(info *debug.BuildInfo) string {
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "optimize %s\n", version)
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		line := "commit " + rev
		if t := settings["vcs.time"]; t != "" {
			line += " (" + t + ")"
		}
		if settings["vcs.modified"] == "true" {
			line += ", modified"
		}
		b.WriteString(line + "\n")
	}
	path := info.Main.Path
	if path == "" {
		path = info.Path
	}
	fmt.Fprintf(&b, "module %s\nbuilt with %s", path, info.GoVersion)
	if goos, arch := settings["GOOS"], settings["GOARCH"]; goos != "" && arch != "" {
		fmt.Fprintf(&b, " for %s/%s", goos, arch)
	}
	b.WriteString("\n")
	return b.String()
}
