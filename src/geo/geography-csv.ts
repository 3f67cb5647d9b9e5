/**
 * The user geography CSV for CAIDA graphs: one AS per line, `ASN,lat,lon[,users]` (decimal ASN,
 * WGS 84 degrees, an optional user count). Blank lines and lines starting with `#` are skipped; a
 * first line `asn,lat,lon[,users]` (any case) is a header. A line that does not parse is a
 * {@link GeographyCsvError} naming the file, the line and what was expected.
 */
import { isLatLon } from './lat-lon.js';

/** Most lines a geography CSV may hold (a limit: the 2016 CAIDA graph has 55,809 ASes). */
export const MAX_GEOGRAPHY_CSV_LINES = 5_000_000;

/** One row of the CSV. */
export interface GeographyRow {
  readonly asn: number;
  readonly latDeg: number;
  readonly lonDeg: number;
  /** Absent when the line has three fields. */
  readonly users?: number;
  /** 1-based line number, for messages. */
  readonly line: number;
}

/** A geography CSV that cannot be read: `file:line: what was expected`. */
export class GeographyCsvError extends Error {
  override readonly name = 'GeographyCsvError';
}

const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Parses the CSV text of `file` (named in messages). An ASN listed twice is an error at its second line. */
export function parseGeographyCsv(text: string, file: string): GeographyRow[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > MAX_GEOGRAPHY_CSV_LINES) throw new GeographyCsvError(`${file}: ${lines.length} lines exceed the limit of ${MAX_GEOGRAPHY_CSV_LINES}`);
  const rows: GeographyRow[] = [];
  const seen = new Map<number, number>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const fields = text.split(',').map((f) => f.trim());
    if (line === 1 && fields[0]!.toLowerCase() === 'asn') return;
    const fail = (what: string): never => {
      throw new GeographyCsvError(`${file}:${line}: ${what}`);
    };
    if (fields.length < 3 || fields.length > 4) fail(`expected ASN,lat,lon[,users] (3 or 4 fields), got ${fields.length} field(s)`);
    const [asnText, latText, lonText, usersText] = fields as [string, string, string, string | undefined];
    if (!/^[0-9]{1,10}$/.test(asnText) || Number(asnText) < 1 || Number(asnText) > 4_294_967_295) fail(`ASN: expected a decimal ASN 1..4294967295, got "${asnText}"`);
    const asn = Number(asnText);
    if (!DECIMAL.test(latText) || Math.abs(Number(latText)) > 90) fail(`lat: expected decimal degrees in -90..90, got "${latText}"`);
    if (!DECIMAL.test(lonText) || Math.abs(Number(lonText)) > 180) fail(`lon: expected decimal degrees in -180..180, got "${lonText}"`);
    const point = { latDeg: Number(latText), lonDeg: Number(lonText) };
    if (!isLatLon(point)) fail(`lat/lon: expected a point on the Earth, got "${latText},${lonText}"`);
    let users: number | undefined;
    if (usersText !== undefined) {
      if (!DECIMAL.test(usersText) || Number(usersText) < 0 || !Number.isFinite(Number(usersText))) fail(`users: expected a number >= 0, got "${usersText}"`);
      users = Number(usersText);
    }
    const earlier = seen.get(asn);
    if (earlier !== undefined) fail(`ASN ${asn} is listed twice (first at line ${earlier})`);
    seen.set(asn, line);
    rows.push({ asn, ...point, ...(users === undefined ? {} : { users }), line });
  });
  return rows;
}
