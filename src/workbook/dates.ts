/**
 * Excel date serials and ISO dates: the one conversion the adapters and the proposal reader share.
 *
 * In the 1900 date system serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was
 * (serial 60, kept from Lotus 1-2-3), so from serial 61 (1900-03-01) on, serial = days since 1899-12-30;
 * 25569 is 1970-01-01. In the 1904 system (old Mac workbooks) serial 0 is 1904-01-01.
 */

const DAY_MS = 86_400_000;
/** Serial of 1970-01-01 in each system. */
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;
/** Excel's last date, 9999-12-31 (1900 system). */
const MAX_SERIAL = 2_958_465;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The ISO date ("YYYY-MM-DD") an Excel date serial shows, or null when it shows no date (serial 60 of the
 * 1900 system, negatives, beyond 9999). A time of day (the fraction) is dropped.
 *
 * @example
 * serialToIsoDate(46235) // "2026-08-01"
 * serialToIsoDate(59) // "1900-02-28"
 * serialToIsoDate(60) // null (Excel's 1900-02-29)
 * serialToIsoDate(0, true) // "1904-01-01"
 */
export function serialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > MAX_SERIAL) return null;
  const days = Math.floor(serial + 1e-9);
  if (!date1904 && days === 60) return null;
  // Before the phantom 29 February, 1900 serials run one day behind the 1899-12-30 epoch.
  const shifted = !date1904 && days < 60 ? days + 1 : days;
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
  return new Date((shifted - epoch) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The Excel date serial of an ISO date ("YYYY-MM-DD", a real calendar date), or null when the text is not one.
 *
 * @example
 * isoDateToSerial("2026-08-01") // 46235
 * isoDateToSerial("1904-01-01", true) // 0
 * isoDateToSerial("2026-02-30") // null
 */
export function isoDateToSerial(iso: string, date1904 = false): number | null {
  const m = ISO_DATE.exec(iso.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  const days = ms / DAY_MS + (date1904 ? EPOCH_1904 : EPOCH_1900);
  const serial = !date1904 && days < 61 ? days - 1 : days;
  return serial < (date1904 ? 0 : 1) || serial > MAX_SERIAL ? null : serial;
}

/**
 * The ISO date of a JavaScript Date by its UTC calendar day (ExcelJS reads date cells as UTC midnight).
 *
 * @example
 * dateToIsoDate(new Date(Date.UTC(2026, 8, 1))) // "2026-09-01"
 */
export function dateToIsoDate(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}
