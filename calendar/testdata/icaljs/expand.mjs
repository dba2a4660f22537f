// expand.mjs FILE FROM TO
//
// Reads an iCalendar file with Mozilla's ical.js (the parser and recurrence
// engine of Thunderbird) and prints every occurrence of every event that
// overlaps [FROM, TO) as one JSON line {"uid", "start", "end"}: instants in
// UTC ("2026-03-02T09:00:00Z"), all-day values as dates ("2026-03-02").
// FROM and TO are RFC 3339 instants. Exit status 1 when ical.js cannot read
// the file, 3 when a TZID has no VTIMEZONE (ical.js would silently read
// such times as floating) or a time is floating.
import fs from 'node:fs';
import ICAL from 'ical.js';

const [file, fromArg, toArg] = process.argv.slice(2);
if (!file || !fromArg || !toArg) {
  process.stderr.write('usage: node expand.mjs FILE FROM TO\n');
  process.exit(2);
}
const from = Date.parse(fromArg) / 1000;
const to = Date.parse(toArg) / 1000;
let problems = 0;
const problem = (msg) => { problems++; process.stderr.write(`problem: ${msg}\n`); };

let root;
try {
  root = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
} catch (e) {
  process.stderr.write(`ical.js cannot read ${file}: ${e.message}\n`);
  process.exit(1);
}
const zones = new Set();
for (const vtz of root.getAllSubcomponents('vtimezone')) {
  zones.add(vtz.getFirstPropertyValue('tzid'));
  ICAL.TimezoneService.register(vtz);
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
// show returns the printed value and the instant (seconds) used for the window.
function show(t) {
  if (t.isDate) {
    return [`${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`, Date.UTC(t.year, t.month - 1, t.day) / 1000];
  }
  if (t.zone === ICAL.Timezone.localTimezone) problem(`floating time ${t.toString()}`);
  const sec = t.toUnixTime();
  return [new Date(sec * 1000).toISOString().replace('.000Z', 'Z'), sec];
}

const masters = new Map();
const overrides = [];
for (const ve of root.getAllSubcomponents('vevent')) {
  for (const p of ve.getAllProperties()) {
    const tzid = p.getParameter('tzid');
    if (tzid && !zones.has(tzid)) problem(`TZID ${tzid} has no VTIMEZONE`);
  }
  if (ve.hasProperty('recurrence-id')) overrides.push(ve);
  else masters.set(ve.getFirstPropertyValue('uid'), ve);
}

const out = [];
for (const [uid, comp] of masters) {
  const ev = new ICAL.Event(comp, { strictExceptions: true, exceptions: [] });
  for (const o of overrides) {
    if (o.getFirstPropertyValue('uid') === uid) ev.relateException(new ICAL.Event(o));
  }
  const it = ev.iterator();
  for (let next = it.next(), n = 0; next && n < 100000; next = it.next(), n++) {
    const d = ev.getOccurrenceDetails(next);
    const [s, sSec] = show(d.startDate);
    const [e, eSec] = show(d.endDate);
    if (sSec >= to) break;
    if (eSec > from) out.push({ uid, start: s, end: e });
  }
}
out.sort((a, b) => (a.start + a.uid < b.start + b.uid ? -1 : 1));
process.stdout.write(out.map((o) => JSON.stringify(o) + "\n").join(""));
process.exitCode = problems ? 3 : 0; // not process.exit: it would cut a piped stdout short
