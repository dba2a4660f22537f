// Package localeenv mends a locale setting that Fyne cannot read. Fyne looks
// up the user's language while its packages initialise, and logs an error for
// a locale such as "C.UTF-8" (the default of many servers and containers), even
// for commands that never open a window. This package only calls os.Setenv, so
// it initialises first: Go initialises packages in import-path order once
// their imports are ready, which is why the module path sorts before
// "fyne.io". Import it for its side effect from main.
package localeenv

import (
	"os"
	"strings"
)

func init() {
	locale := ""
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = os.Getenv(env); locale != "" {
			break
		}
	}
	if (strings.HasPrefix(locale, "C.") || strings.HasPrefix(locale, "POSIX.")) && os.Getenv("LANGUAGE") == "" {
		// "C" means untranslated English; say so in a form Fyne reads.
		os.Setenv("LANGUAGE", "en")
	}
}
