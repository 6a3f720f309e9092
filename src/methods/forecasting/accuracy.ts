/**
 * Forecast error measures. Both compare a forecast with what happened, interval by interval, over the
 * intervals whose actual is known (null actuals are skipped).
 */

function checkLengths(actual: readonly unknown[], forecast: readonly unknown[]): void {
  if (actual.length !== forecast.length) {
    throw new Error(`expected as many forecasts as actuals, got ${forecast.length} forecasts for ${actual.length}`);
  }
}

/**
 * Weighted absolute percentage error: Σ|actual − forecast| / Σ actual, as a share (0.12 is 12%). Busy
 * intervals weigh more than quiet ones, so closed and near-empty intervals cannot dominate it, and it is
 * scale-free: doubling both series leaves it unchanged. Null when the actuals add up to 0.
 *
 * @example wape([10, 20], [12, 17]) // (2 + 3) / 30 = 0.1667
 */
export function wape(actual: readonly (number | null)[], forecast: readonly number[]): number | null {
  checkLengths(actual, forecast);
  let error = 0;
  let total = 0;
  for (const [i, a] of actual.entries()) {
    if (a === null) continue;
    error += Math.abs(a - (forecast[i] as number));
    total += Math.abs(a);
  }
  return total > 0 ? error / total : null;
}

/**
 * Mean absolute percentage error: the mean of |actual − forecast| / |actual|, as a share. Intervals whose
 * actual is 0 are skipped (their percentage error has no value), so closed hours do not count; an interval
 * with one contact forecast at three counts 200%, which is why WAPE chooses between methods. Null when no
 * actual is above 0.
 *
 * @example mape([10, 20, 0], [12, 17, 5]) // (0.2 + 0.15) / 2 = 0.175
 */
export function mape(actual: readonly (number | null)[], forecast: readonly number[]): number | null {
  checkLengths(actual, forecast);
  let sum = 0;
  let n = 0;
  for (const [i, a] of actual.entries()) {
    if (a === null || a === 0) continue;
    sum += Math.abs((a - (forecast[i] as number)) / a);
    n++;
  }
  return n > 0 ? sum / n : null;
}
