package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/alert"
	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/protocol"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/worklog"
)

// emergencyNow is Monday 23 November 2026, 12:00 UTC: Lucas (São Paulo) is
// on call in Primary; APAC covers 08:00-20:00 Adelaide only, so nobody now.
var emergencyNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// emergencyFixture builds the On-call tab over the sample team, shows the
// Emergency view, and records the URLs the view opens.
func emergencyFixture(t *testing.T, now time.Time) (*emergencyView, *store.DB, fyne.Window, *[]string) {
	t.Helper()
	tab, db, w := oncallFixture(t, now)
	tm, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportTeam(context.Background(), tm); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetMe(context.Background(), "Dana"); err != nil {
		t.Fatal(err)
	}
	tab.s.teamChanged()
	v := tab.emergency
	var opened []string
	v.open = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	for _, item := range tab.views.Items {
		if item.Content == v.content {
			tab.views.Select(item)
		}
	}
	return v, db, w, &opened
}

// texts collects the text of every label, rich text and hyperlink under o.
func texts(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		case *widget.Hyperlink:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestEmergencyViewWhoToCall(t *testing.T) {
	v, db, w, opened := emergencyFixture(t, emergencyNow)
	ana, _ := db.Member(context.Background(), "Ana")
	ana.UrgentChannel, ana.Response = roster.Chat, "10 min, day or night"
	if _, err := db.SaveMember(context.Background(), ana); err != nil {
		t.Fatal(err)
	}
	v.t.s.teamChanged()
	got := texts(t, v.content)
	for _, want := range []string{"Level 1  ·  at once", "Lucas  ·  Frontend engineer  ·  on call in Primary",
		"Mon 09:00 UTC−3 their time  ·  outside working hours  ·  likely awake", "rotation:APAC: nobody on call now",
		"Level 2  ·  after 15 min without an answer", "answers: 10 min, day or night",
		"answers: " + roster.DefaultResponse, "Page in #incidents first", "Never reviewed"} {
		if !strings.Contains(got, want) {
			t.Errorf("the Emergency view lacks %q:\n%s", want, got)
		}
	}
	// Lucas has no preference: his phone comes first and stands out; Ana's chat does.
	call := findButton(t, v.content, "Call +55 11 0000 0003")
	if call.Importance != widget.HighImportance {
		t.Errorf("Lucas's call button importance %v; want high (the channel to try first)", call.Importance)
	}
	if b := findButton(t, v.content, "Copy @ana"); b.Importance != widget.HighImportance {
		t.Errorf("Ana's chat button importance %v; want high (her preference)", b.Importance)
	}
	if b := findButton(t, v.content, "Call +351 210 000 001"); b.Importance == widget.HighImportance {
		t.Error("Ana's phone is highlighted although she prefers chat")
	}
	test.Tap(call)
	test.Tap(findButton(t, v.content, "Email dana@example.com"))
	want := []string{"tel:+551100000003", "mailto:dana@example.com?subject=Emergency"}
	if strings.Join(*opened, " ") != strings.Join(want, " ") {
		t.Errorf("opened %q; want %q", *opened, want)
	}
	test.Tap(findButton(t, v.content, "Copy @ana"))
	if got := fyne.CurrentApp().Clipboard().Content(); got != "@ana" {
		t.Errorf("clipboard %q after Copy @ana", got)
	}
	_ = w
}

// hookServer is a local chat service answering status to every post.
type hookServer struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
}

func newHookServer(t *testing.T, status int) *hookServer {
	t.Helper()
	h := &hookServer{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.bodies = append(h.bodies, string(b))
		h.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookServer) received() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.bodies...)
}

func blockerUpdates(t *testing.T, db *store.DB) []worklog.Update {
	t.Helper()
	us, err := db.Updates(context.Background(), worklog.UpdateFilter{Kind: worklog.KindBlocker})
	if err != nil {
		t.Fatal(err)
	}
	return us
}

// waitSent waits for the dialog's send to finish.
func waitSent(t *testing.T, d *alertDialog) {
	t.Helper()
	select {
	case <-d.done:
	case <-time.After(20 * time.Second):
		t.Fatal("the alert did not finish sending in 20 s")
	}
}

// Tap through the Alert… dialog against a local webhook: cancel it, refuse
// the confirmation, then confirm; the payload arrives, the email draft
// opens, the log records the alert, and the window stays usable.
func TestAlertDialogSendsThroughALocalWebhook(t *testing.T) {
	v, db, w, opened := emergencyFixture(t, emergencyNow)
	ok := newHookServer(t, http.StatusOK)
	if _, err := db.AddWebhook(context.Background(), alert.Webhook{Name: "ops", Service: alert.Slack, URL: ok.URL + "/services/T0/B0/secret-secret-secret"}); err != nil {
		t.Fatal(err)
	}
	v.refresh()

	// Cancel the dialog: nothing is sent.
	test.Tap(findButton(t, v.content, "Alert…"))
	d := v.lastAlert
	test.Type(d.text, "Checkout down")
	test.Tap(findWindowButton(t, w, "Cancel"))
	if len(w.Canvas().Overlays().List()) != 0 {
		t.Fatal("the alert dialog is still open after Cancel")
	}

	// Open it again; refuse the confirmation.
	test.Tap(findButton(t, v.content, "Alert…"))
	d = v.lastAlert
	if d.from.Selected != "Dana" {
		t.Errorf("raised by %q; want the member set as me", d.from.Selected)
	}
	test.Type(d.text, "Checkout down, join #incident")
	if !strings.Contains(d.preview.Text, "3 people") || !strings.Contains(d.preview.Text, `post to Slack "ops"`) ||
		!strings.Contains(d.preview.Text, "Checkout down, join #incident") {
		t.Errorf("preview:\n%s", d.preview.Text)
	}
	d.who.SetSelected(whoPicked)
	d.picks.SetSelected([]string{"Priya", "Sagar"})
	test.Tap(findWindowButton(t, w, "Send…"))
	if d.confirm == nil {
		t.Fatal("Send… did not ask to confirm")
	}
	test.Tap(findWindowButton(t, w, "Don't send"))
	if n := len(ok.received()); n != 0 {
		t.Fatalf("refusing the confirmation posted %d messages", n)
	}
	if d.result.Visible() || !d.sendB.Visible() {
		t.Error("after refusing, the dialog is not back to editing")
	}

	// Confirm.
	test.Tap(findWindowButton(t, w, "Send…"))
	test.Tap(findWindowButton(t, w, "Send"))
	waitSent(t, d)
	got := ok.received()
	if len(got) != 1 || !strings.Contains(got[0], "Checkout down, join #incident") || !strings.Contains(got[0], "Priya") ||
		!strings.Contains(got[0], "Sagar") {
		t.Fatalf("the webhook received %q", got)
	}
	if len(*opened) != 1 || !strings.HasPrefix((*opened)[0], "mailto:priya@example.com,sagar@example.com?subject=Emergency") {
		t.Errorf("opened %q; want the email draft to Priya and Sagar", *opened)
	}
	for _, want := range []string{`✓ Posted to Slack "ops"`, "✓ Email draft handed to your mail client", "☎ Call: Priya +91 80 0000 0005", "✓ Recorded in the log as blocker update"} {
		if !strings.Contains(d.result.Text, want) {
			t.Errorf("result lacks %q:\n%s", want, d.result.Text)
		}
	}
	us := blockerUpdates(t, db)
	if len(us) != 1 || us[0].Author != "Dana" || !strings.HasPrefix(us[0].Text, "Emergency alert sent to Priya,Sagar at 2026-11-23 12:00 UTC, raised by Dana.") ||
		!strings.Contains(us[0].Text, `Posted to: Slack "ops"`) || strings.Contains(us[0].Text, "secret") {
		t.Errorf("log: %+v", us)
	}
	close := findWindowButton(t, w, "Close")
	if close == nil || close.Disabled() {
		t.Fatal("no enabled Close button after sending")
	}
	test.Tap(close)
	if len(w.Canvas().Overlays().List()) != 0 {
		t.Error("the dialog is still open after Close")
	}
	// The app is alive: the view still works.
	v.refresh()
	test.Tap(findButton(t, v.content, "Alert…"))
	if v.lastAlert == d {
		t.Error("Alert… does not open a new dialog after a send")
	}
}

// A webhook that refuses: the dialog says so, and the log does not say sent.
func TestAlertDialogFailedWebhook(t *testing.T) {
	v, db, w, _ := emergencyFixture(t, emergencyNow)
	bad := newHookServer(t, http.StatusForbidden)
	if _, err := db.AddWebhook(context.Background(), alert.Webhook{Name: "eng", Service: alert.Discord, URL: bad.URL + "/api/webhooks/1/secret"}); err != nil {
		t.Fatal(err)
	}
	v.refresh()
	test.Tap(findButton(t, v.content, "Alert…"))
	d := v.lastAlert
	d.sender = alert.Sender{Attempts: 1}
	test.Type(d.text, "DB down")
	d.email.SetChecked(false)
	test.Tap(findWindowButton(t, w, "Send…"))
	d.confirm.Confirm()
	waitSent(t, d)
	if len(bad.received()) != 1 || !strings.Contains(d.result.Text, `✗ NOT posted to Discord "eng"`) || d.result.Importance != widget.DangerImportance {
		t.Errorf("result %q (importance %v) after a refused post", d.result.Text, d.result.Importance)
	}
	us := blockerUpdates(t, db)
	if len(us) != 1 || !strings.HasPrefix(us[0].Text, "Emergency alert NOT sent by the app to chain") || strings.Contains(us[0].Text, "email draft") {
		t.Errorf("log of a failed alert:\n%v", us)
	}
}

func TestAlertDialogRefusesWithoutRaiserOrText(t *testing.T) {
	v, db, w, _ := emergencyFixture(t, emergencyNow)
	if _, err := db.SetMe(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	test.Tap(findButton(t, v.content, "Alert…"))
	d := v.lastAlert
	test.Tap(findWindowButton(t, w, "Send…"))
	if d.confirm != nil || !strings.Contains(d.preview.Text, "alert text is empty") {
		t.Errorf("an empty message: confirm %v, preview %q", d.confirm != nil, d.preview.Text)
	}
	test.Type(d.text, "x")
	test.Tap(findWindowButton(t, w, "Send…"))
	if d.confirm != nil || !strings.Contains(d.preview.Text, "choose who raises the alert") {
		t.Errorf("nobody raising it: confirm %v, preview %q", d.confirm != nil, d.preview.Text)
	}
}

func TestEmergencyShortcutFromAnotherTab(t *testing.T) {
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	mw := newMainWindow(a, db, Options{Now: func() time.Time { return emergencyNow }, Viewer: time.UTC})
	w, tabs := mw.win, mw.tabs
	t.Cleanup(w.Close)
	tabs.SelectIndex(0)
	w.Canvas().(fyne.Shortcutable).TypedShortcut(emergencyShortcut)
	if tabs.Selected().Text != "On-call" {
		t.Fatalf("Ctrl+E selected %q; want On-call", tabs.Selected().Text)
	}
	views := findTabs(tabs.Selected().Content.(*lazyTab).built())
	if _, ok := views.Selected().Content.(*emergencyPane); !ok || views.Selected().Text != "Emergency" {
		t.Errorf("Ctrl+E selected the %q view; want Emergency", views.Selected().Text)
	}
}

func TestProtocolReviewBannerAndMarkReviewed(t *testing.T) {
	later := emergencyNow.AddDate(0, 0, 120)
	v, db, _, _ := emergencyFixture(t, later)
	db.Now = func() time.Time { return later }
	v.refresh()
	if !v.banner.Visible() || !strings.Contains(v.banner.Text, "due for review") {
		t.Fatalf("banner %q (visible %v) 120 days after the protocol was written", v.banner.Text, v.banner.Visible())
	}
	test.Tap(v.reviewB)
	if v.banner.Visible() {
		t.Error("the review warning stays after Mark reviewed")
	}
	if !strings.Contains(v.status.Text, "Marked reviewed by Dana") || !strings.Contains(texts(t, v.content), "Last reviewed by Dana on") {
		t.Errorf("status %q; view:\n%s", v.status.Text, texts(t, v.content))
	}
	test.Tap(v.historyB)
	if h := v.lastHistory; h == nil || len(h.versions) != 1 || !strings.Contains(h.text.Text, "Page in #incidents first") {
		t.Errorf("history: %+v", v.lastHistory)
	}
}

func TestCriticalLinksDialog(t *testing.T) {
	v, db, w, opened := emergencyFixture(t, emergencyNow)
	test.Tap(v.linksB)
	d := v.lastLinks
	r := d.rows[0]
	test.Type(r.title, "Grafana")
	test.Type(r.target, "https://admin:hunter2@grafana.example.com/")
	test.Tap(findWindowButton(t, w, "Save"))
	if !d.err.Visible() || !strings.Contains(d.err.Text, "password") || strings.Contains(d.err.Text, "hunter2") {
		t.Errorf("a link with a password: error %q (visible %v)", d.err.Text, d.err.Visible())
	}
	if st, _ := db.ProtocolState(context.Background()); len(st.Links) != 0 {
		t.Fatalf("a refused link was saved: %+v", st.Links)
	}
	retype(r.target, "https://grafana.example.com/d/incident")
	test.Tap(d.addB)
	test.Type(d.rows[1].title, "Root account")
	test.Type(d.rows[1].target, "op://Ops/AWS root")
	test.Tap(findWindowButton(t, w, "Save"))
	st, _ := db.ProtocolState(context.Background())
	if len(st.Links) != 2 || st.Links[1] != (protocol.Link{Title: "Root account", Target: "op://Ops/AWS root"}) {
		t.Fatalf("saved links %+v", st.Links)
	}
	if len(w.Canvas().Overlays().List()) != 0 {
		t.Error("the links dialog is still open after a good save")
	}
	got := texts(t, v.content)
	if !strings.Contains(got, "Grafana") || !strings.Contains(got, "op://Ops/AWS root") {
		t.Errorf("the view lacks the links:\n%s", got)
	}
	var link *widget.Hyperlink
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Hyperlink:
			link = x
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(v.body)
	if link == nil || link.Text != "Grafana" {
		t.Fatalf("the web link is not a hyperlink: %v", link)
	}
	link.OnTapped()
	if len(*opened) != 1 || (*opened)[0] != "https://grafana.example.com/d/incident" {
		t.Errorf("opened %q", *opened)
	}
}

func TestWebhooksDialog(t *testing.T) {
	v, db, w, _ := emergencyFixture(t, emergencyNow)
	test.Tap(v.hooksB)
	d := v.lastHooks
	test.Type(d.name, "ops")
	test.Type(d.url, "http://hooks.example.com/services/secret-secret")
	test.Tap(d.addB)
	if !d.err.Visible() || !strings.Contains(d.err.Text, "https") || strings.Contains(d.err.Text, "secret-secret") {
		t.Errorf("plain http: error %q", d.err.Text)
	}
	retype(d.url, "https://hooks.slack.com/services/T0/B0/secret-secret-1234")
	test.Tap(d.addB)
	hs, _ := db.Webhooks(context.Background())
	if len(hs) != 1 || hs[0].URL != "https://hooks.slack.com/services/T0/B0/secret-secret-1234" || d.url.Text != "" {
		t.Fatalf("webhooks %v; the URL field holds %q", hs, d.url.Text)
	}
	if got := texts(t, d.content); !strings.Contains(got, "ops  ·  Slack  ·  https://hooks.slack.com/…1234") || strings.Contains(got, "secret-secret") {
		t.Errorf("the dialog shows:\n%s", got)
	}
	d.service.SetSelected(alert.Matrix.Title())
	if d.room.Disabled() || d.token.Disabled() {
		t.Error("Matrix fields disabled for Matrix")
	}
	test.Tap(findWindowButton(t, w, "Close"))
	if len(v.hooks) != 1 {
		t.Errorf("the view knows %d webhooks after the dialog", len(v.hooks))
	}
}

func TestEmergencySheetFile(t *testing.T) {
	v, _, _, _ := emergencyFixture(t, emergencyNow)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "sheet.pdf")
	if err := v.writeSheet(v.t.team(), pdf); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(pdf)
	fi, _ := os.Stat(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || fi.Mode().Perm() != 0o600 {
		t.Errorf("sheet.pdf: %v, mode %v, starts %q", err, fi.Mode().Perm(), b[:min(8, len(b))])
	}
	html := filepath.Join(dir, "sheet.html")
	if err := v.writeSheet(v.t.team(), html); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(html); !bytes.Contains(b, []byte("Page in #incidents first")) {
		t.Error("the HTML sheet lacks the protocol")
	}
	txt := filepath.Join(dir, "sheet.txt")
	os.WriteFile(txt, nil, 0o644)
	if err := v.writeSheet(v.t.team(), txt); err == nil || !strings.Contains(err.Error(), "must end in .pdf or .html") {
		t.Errorf("sheet.txt: %v", err)
	}
	if _, err := os.Stat(txt); !os.IsNotExist(err) {
		t.Error("the empty file of a refused name is left behind")
	}
}

func TestMemberFormUrgentChannel(t *testing.T) {
	s := newTestSession(t)
	tab := buildTeamTab(s)
	s.win.SetContent(tab.item.Content)
	test.Tap(tab.add)
	f := tab.form
	test.Type(f.name, "Ana")
	f.zone.SetText("Europe/Lisbon")
	f.urgent.SetSelected("Phone")
	test.Type(f.response, "5 min")
	test.Tap(f.save)
	if l := f.errs.label("urgent"); !l.Visible() || !strings.Contains(l.Text, "urgent channel phone") {
		t.Fatalf("phone preferred without a number: error %q (visible %v)", l.Text, l.Visible())
	}
	test.Type(f.phone, "+351 210 000 001")
	test.Tap(f.save)
	ms, err := s.db.Members(context.Background())
	if err != nil || len(ms) != 1 || ms[0].UrgentChannel != roster.Phone || ms[0].Response != "5 min" {
		t.Fatalf("saved %+v, %v", ms, err)
	}
	got := texts(t, tab.detail)
	if !strings.Contains(got, "Phone (+351 210 000 001)") || !strings.Contains(got, "5 min") {
		t.Errorf("the detail pane lacks the urgent channel and response:\n%s", got)
	}
}
