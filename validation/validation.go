// Package validation carries the errors that domain checks return per field,
// so that a form can show each message beside the field it is about and the
// command line can print the first one, both from the same rule. It depends
// on the standard library only.
package validation

import (
	"errors"
	"strings"
)

// FieldError is one broken rule: the field it is about and the error, whose
// message names the field and quotes the value.
type FieldError struct {
	// Field is a stable key such as "name", "zone", "hours.mon" or
	// "override.2"; forms map it to their widgets.
	Field string
	Err   error
}

// Error returns the message of the underlying error.
func (e *FieldError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error, so errors.Is sees its sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// Errors is every broken rule of one value, in the order the rules ran.
type Errors []*FieldError

// Add records err against field; a nil err adds nothing. A field keeps its
// first error only.
func (es *Errors) Add(field string, err error) {
	if err == nil || es.Has(field) {
		return
	}
	*es = append(*es, &FieldError{Field: field, Err: err})
}

// Has reports whether field has an error.
func (es Errors) Has(field string) bool {
	for _, e := range es {
		if e.Field == field {
			return true
		}
	}
	return false
}

// Err returns the first error (a *FieldError), or nil when there is none:
// the one error a command-line user is shown.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es[0]
}

// ByField returns the errors keyed by field.
func (es Errors) ByField() map[string]error {
	out := make(map[string]error, len(es))
	for _, e := range es {
		out[e.Field] = e.Err
	}
	return out
}

// Field returns the error of field, or nil.
func (es Errors) Field(name string) error {
	for _, e := range es {
		if e.Field == name {
			return e.Err
		}
	}
	return nil
}

// Prefixed returns the errors with prefix+"." before every field, for a
// value checked inside another (a level inside a policy).
func (es Errors) Prefixed(prefix string) Errors {
	out := make(Errors, len(es))
	for i, e := range es {
		out[i] = &FieldError{Field: prefix + "." + e.Field, Err: e.Err}
	}
	return out
}

// FieldOf returns the field of the first *FieldError in err's chain, or ""
// when err carries none.
func FieldOf(err error) string {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

// Under reports whether field is prefix itself or lies under it
// ("hours.mon" is under "hours").
func Under(field, prefix string) bool {
	return field == prefix || strings.HasPrefix(field, prefix+".")
}
