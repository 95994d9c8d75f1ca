// Parses an .ics file with ical.js (not the library that wrote it) and prints what a calendar would file:
// method, zones defined, and each event's uid, sequence, status, summary, start and end (zone and UTC).
// Usage: node scripts/ics-check/check.mjs FILE.ics
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const text = readFileSync(process.argv[2], 'utf8');
const calendar = new ICAL.Component(ICAL.parse(text));
const zones = calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
for (const z of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(z);
const events = calendar.getAllSubcomponents('vevent').map((component) => {
  const e = new ICAL.Event(component);
  const time = (t) => ({ local: t.toString(), zone: t.zone ? t.zone.tzid : null, utc: t.toJSDate().toISOString() });
  return {
    uid: e.uid,
    sequence: e.sequence,
    status: component.getFirstPropertyValue('status'),
    summary: e.summary,
    url: component.getFirstPropertyValue('url'),
    start: time(e.startDate),
    end: time(e.endDate),
  };
});
process.stdout.write(JSON.stringify({ method: calendar.getFirstPropertyValue('method'), zones, events }));
