// Number formatting for the dashboard: shares as percentages, missing figures as a dash.
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(100 * x).toFixed(1)}%`);
export const fixed = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? "—" : x.toFixed(digits));
export const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : Math.round(ms / 100) / 10);
export const pValue = (p: number | null) => (p === null ? "—" : p < 0.0001 ? "< 0.0001" : p.toFixed(4));
