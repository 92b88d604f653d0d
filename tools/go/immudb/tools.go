//go:build tools

// Package tools pins the immudb commands this project builds.
package tools

import (
	_ "github.com/codenotary/immudb/cmd/immuclient"
	_ "github.com/codenotary/immudb/cmd/immudb"
)
