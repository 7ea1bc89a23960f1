package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// "A board acts only through a seat it got from the table … so that no
// board, key or future screen can bypass it" (DESIGN §9). The table hands
// a board its game to read (Go has no read-only pointer): no screen calls
// a method that changes a game or a world but through the table's Tx. The
// settings build a new game, which no table holds yet.
func TestScreensChangeGamesOnlyThroughTheTable(t *testing.T) {
	changes := map[string]bool{"Exec": true, "Apply": true, "Undo": true, "Redo": true, "Jump": true,
		"SetAhead": true, "KeepSource": true, "CompactInto": true}
	allowed := map[string]bool{"settings.go: g.Exec": true}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !changes[sel.Sel.Name] {
				return true
			}
			recv, _ := sel.X.(*ast.Ident)
			if recv != nil && recv.Name == "tx" {
				return true // through the table, checked against the seat
			}
			who := name + ": ?." + sel.Sel.Name
			if recv != nil {
				who = name + ": " + recv.Name + "." + sel.Sel.Name
			}
			if !allowed[who] {
				t.Errorf("%s: %s changes a game outside the table", fset.Position(call.Pos()), who)
			}
			return true
		})
	}
}
